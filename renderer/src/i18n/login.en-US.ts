import type loginZh from './login.zh-CN';

/** Signing in and changing a password. */
const loginEn: typeof loginZh = {
  login: {
    username: 'Username',
    password: 'Password',
    usernamePlaceholder: 'Enter your username',
    passwordPlaceholder: 'Enter your password',
    usernameRequired: 'Please enter your username',
    passwordRequired: 'Please enter your password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    sessionEnded: {
      expired: 'Your session has expired. Please sign in again.',
      logout: 'You have signed out.',
      disabled: 'Your account has been disabled. Please contact the administrator.',
      reconnected: 'The connection to the command-room service is back. Please sign in again.',
    },
  },
  password: {
    title: 'Change password',
    forcedHint:
      'This is your first sign-in or your password was reset by the administrator. Please set a new password to continue.',
    oldPassword: 'Current password',
    newPassword: 'New password',
    confirmPassword: 'Confirm new password',
    rule: 'At least 8 characters with both letters and digits',
    required: 'Please enter a password',
    weak: 'The new password needs at least 8 characters with both letters and digits',
    mismatch: 'The two new passwords do not match',
    sameAsOld: 'The new password must differ from the current one',
    wrongOld: 'The current password is wrong',
    changed: 'Password changed',
    submit: 'Change password',
    logoutInstead: 'Sign out',
  },
};

export default loginEn;
