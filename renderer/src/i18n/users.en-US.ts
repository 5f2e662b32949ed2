import type usersZh from './users.zh-CN';

/** User administration. */
const usersEn: typeof usersZh = {
  users: {
    title: 'Users',
    create: 'New user',
    searchPlaceholder: 'Username or name',
    filterRole: 'Filter by role',
    username: 'Username',
    displayName: 'Name',
    role: 'Role',
    unit: 'Unit',
    status: 'Status',
    lastLoginAt: 'Last sign-in',
    initialPassword: 'Initial password',
    initialPasswordHint: 'The user must change it at first sign-in',
    createTitle: 'New user',
    editTitle: 'Edit user',
    usernameTaken: 'This username is already taken',
    unitRequired: 'A unit handler must belong to a unit',
    statusActive: 'Active',
    statusDisabled: 'Disabled',
    statusLocked: 'Locked until {time}',
    disable: 'Disable',
    enable: 'Enable',
    disableConfirm: 'Disable the account of “{name}”? The user is signed out at once.',
    disabled: 'Account disabled',
    enabled: 'Account enabled',
    resetPassword: 'Reset password',
    resetPasswordTitle: 'Reset the password of “{name}”',
    resetPasswordHint: 'The user must change this password at next sign-in.',
    passwordReset: 'Password reset',
    unlock: 'Unlock',
    unlocked: 'Lockout lifted',
    never: 'Never',
    you: ' (you)',
  },
};

export default usersEn;
