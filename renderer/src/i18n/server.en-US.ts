import type serverZh from './server.zh-CN';

/** The room server page: its certificate and the signed-in sessions. */
const serverEn: typeof serverZh = {
  title: 'Room server',
  refresh: 'Refresh',
  certificate: 'HTTPS certificate',
  noCertificate:
    'This server serves plain HTTP on this machine only (127.0.0.1) and has no certificate yet. One is made when it starts on a LAN address.',
  fingerprint: 'SHA-256 fingerprint',
  source: 'Source',
  sources: { 'self-signed': 'Self-signed (made at first start)', installed: 'Installed by the administrator' },
  subject: 'Subject',
  names: 'Valid for names and addresses',
  validUntil: 'Valid until',
  expiresSoon: 'expires in {days} days',
  pinHint:
    'Each desk client records this fingerprint when it enrolls and refuses a different one later, saying why. Compare it over another channel (e.g. by phone).',
  installTitle: "Install the township's own certificate (optional)",
  installHint:
    "Paste a PEM certificate and key, e.g. from the county's CA. They are checked (the key belongs to the certificate, valid now) before saving, and take effect at the server's next start; desks then enroll again.",
  certPem: 'Certificate (PEM)',
  keyPem: 'Private key (PEM, unencrypted)',
  install: 'Check and install',
  installed: 'Certificate installed; it takes effect at the next start of the server.',
  sessions: 'Signed-in sessions',
  noSessions: 'No open sessions',
  columns: {
    user: 'User',
    role: 'Role',
    address: 'From',
    since: 'Signed in',
    lastSeen: 'Last active',
    state: 'State',
    actions: 'Actions',
  },
  thisSession: 'This session',
  online: 'Online',
  away: 'Disconnected',
  end: 'Sign out',
  endTitle: 'Sign out a session',
  endConfirm: 'Sign {user} ({address}) out now? That desk must sign in again.',
  ended: 'Signed out.',
};
export default serverEn;
