/** Signing in and changing a password. */
const loginZh = {
  login: {
    username: '用户名',
    password: '密码',
    usernamePlaceholder: '请输入用户名',
    passwordPlaceholder: '请输入密码',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    submit: '登录',
    submitting: '正在登录…',
    sessionEnded: {
      expired: '登录已过期，请重新登录。',
      logout: '您已退出登录。',
      disabled: '您的账号已被停用，如有疑问请联系管理员。',
      reconnected: '与指挥室服务的连接已恢复，请重新登录。',
    },
  },
  password: {
    title: '修改密码',
    forcedHint: '这是您首次登录或密码已被管理员重置，请先设置新密码再继续使用。',
    oldPassword: '当前密码',
    newPassword: '新密码',
    confirmPassword: '确认新密码',
    rule: '至少 8 位，须同时包含字母和数字',
    required: '请输入密码',
    weak: '新密码至少 8 位，须同时包含字母和数字',
    mismatch: '两次输入的新密码不一致',
    sameAsOld: '新密码不能与当前密码相同',
    wrongOld: '当前密码不正确',
    changed: '密码已修改',
    submit: '确认修改',
    logoutInstead: '退出登录',
  },
};

export default loginZh;
