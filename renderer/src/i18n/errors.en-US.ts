import setupEn from './setup.en-US';
import type errorsZh from './errors.zh-CN';
import safetyEn from './safety.en-US';

/** Error codes from the core and from the client. */
const errorsEn: typeof errorsZh = {
  errors: {
    BAD_INPUT: 'Some input is not valid. Please check and try again.',
    UNKNOWN_METHOD: 'The app’s parts do not match. Please restart the app.',
    UNAUTHENTICATED: 'You are not signed in. Please sign in again.',
    SESSION_EXPIRED: 'Your session has expired. Please sign in again.',
    FORBIDDEN: 'Your role is not allowed to do this.',
    INVALID_CREDENTIALS: 'Wrong username or password. After 5 failures in a row the account is locked for 5 minutes.',
    ACCOUNT_LOCKED:
      'The account is locked on this computer after too many wrong passwords. Try again in 5 minutes, sign in from your own computer, or ask the administrator to unlock it.',
    RATE_LIMITED: 'Too many sign-in attempts from this computer. Wait a moment and try again.',
    ENROLLMENT_INVALID:
      'The enrollment code is not valid: mistyped, already used, expired (24 hours) or withdrawn. Ask the room server administrator for a new one.',
    ACCOUNT_DISABLED: 'The account is disabled. Please contact the administrator.',
    WEAK_PASSWORD: 'The password is too weak: at least 8 characters with both letters and digits.',
    PASSWORD_CHANGE_REQUIRED: 'Please change your password before you continue.',
    NOT_FOUND: 'The record does not exist; someone may have deleted it. Refresh and try again.',
    DUPLICATE_NAME: 'This name is already taken. Please choose another.',
    IN_USE: 'Other records still refer to this one; it cannot be deleted.',
    CONFLICT: 'Someone else changed this data. Refresh and try again.',
    ILLEGAL_TRANSITION: 'This cannot be done to the event in its current state. Refresh to see what can be done now.',
    NOT_OWNER: 'This matter does not belong to your unit.',
    UNSUPPORTED_FILE: 'This file type is not supported. Upload a picture or a common document format.',
    TOO_LARGE: 'The file or content is too large. Compress or split it and try again.',
    GEOJSON_INVALID:
      'The map file is not valid: it must be a GeoJSON FeatureCollection of polygons whose names match the villages. Nothing was imported.',
    DB_TOO_NEW: 'The database comes from a newer version of the app. Please upgrade the app.',
    MIGRATION_FAILED: 'The database upgrade failed; nothing was changed. Please contact support.',
    PDF_UNAVAILABLE:
      'PDF printing is not available here (no browser engine). Use the desktop app, or install Chromium for the browser version.',
    INTERNAL: 'Internal error. Please try again later; contact support if it keeps happening.',
    ...safetyEn.errors,
    ...setupEn.errors,
    CONNECTION_LOST:
      'The connection to the command-room service was lost; the outcome is unknown. Check the network or service, then refresh and retry.',
    unknown: 'The operation failed ({code}): {message}',
  },
};

export default errorsEn;
