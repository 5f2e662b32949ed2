/**
 * The core's password policy (auth.changePassword: at least 8 characters,
 * letters and digits), mirrored so people see the rule before they submit.
 * The core still decides: WEAK_PASSWORD is translated like any error.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export function isStrongPassword(password: string): boolean {
  return (
    password.length >= PASSWORD_MIN_LENGTH &&
    password.length <= PASSWORD_MAX_LENGTH &&
    /[A-Za-z]/.test(password) &&
    /[0-9]/.test(password)
  );
}
