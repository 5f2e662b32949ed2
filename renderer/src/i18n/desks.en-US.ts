/** Desk enrollment codes on the room server page. */
export default {
  title: 'Desk enrollment codes',
  hint: 'Install the program on another PC and start it with "--enroll=<this server’s address> --code=<code>" to enroll it with this server. A code works once, within 24 hours; at enrollment the desk pins this server’s certificate fingerprint and trusts only that certificate afterwards. After a certificate change every desk enrolls again with a new code.',
  label: 'What it is for (e.g. duty desk 2)',
  create: 'Make a code',
  createdTitle: 'Enrollment code made',
  createdMessage: 'Code: {code}\nValid until {expires}.\nThis code is shown only now; hand it in person to whoever uses that PC.',
  revoke: 'Withdraw',
  revokeConfirm: 'Withdraw the code "{label}"? It can no longer be used afterwards.',
  revoked: 'Code withdrawn',
  empty: 'No enrollment codes yet',
  columns: {
    label: 'For',
    createdBy: 'Made by',
    createdAt: 'Made at',
    expiresAt: 'Valid until',
    status: 'State',
    desk: 'Enrolled PC',
    actions: 'Actions',
  },
  statuses: { pending: 'Unused', redeemed: 'Used', expired: 'Expired', revoked: 'Withdrawn' },
};
