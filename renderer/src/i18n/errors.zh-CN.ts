import setupZh from './setup.zh-CN';
import safetyZh from './safety.zh-CN';

/** Error codes from the core and from the client. */
const errorsZh = {
  errors: {
    BAD_INPUT: '输入内容不符合要求，请检查后重试。',
    UNKNOWN_METHOD: '程序版本不一致，请重启应用。',
    UNAUTHENTICATED: '尚未登录或登录已失效，请重新登录。',
    SESSION_EXPIRED: '登录已过期，请重新登录。',
    FORBIDDEN: '您的角色无权进行此操作。',
    INVALID_CREDENTIALS: '用户名或密码错误。连续 5 次错误将锁定账号 5 分钟。',
    ACCOUNT_LOCKED: '账号已锁定（仅在本机）：密码连续错误次数过多。请 5 分钟后再试，或在自己的电脑上登录，或联系管理员解锁。',
    RATE_LIMITED: '本机登录尝试过于频繁，请稍等片刻再试。',
    ENROLLMENT_INVALID: '接入码无效：可能输错、已被使用、已过期（24 小时）或已被撤销。请向指挥室服务器管理员索取新的接入码。',
    ACCOUNT_DISABLED: '账号已停用，请联系管理员。',
    WEAK_PASSWORD: '密码强度不足：至少 8 位，须同时包含字母和数字。',
    PASSWORD_CHANGE_REQUIRED: '请先修改密码，再继续使用。',
    NOT_FOUND: '记录不存在，可能已被他人删除，请刷新后重试。',
    DUPLICATE_NAME: '名称已存在，请换一个名称。',
    IN_USE: '该记录仍被其他数据引用，不能删除。',
    CONFLICT: '数据已被他人修改，请刷新后重试。',
    ILLEGAL_TRANSITION: '该事件当前状态下不能进行此操作，请刷新后查看可进行的操作。',
    NOT_OWNER: '该事项不属于您所在的单位，无权处理。',
    UNSUPPORTED_FILE: '不支持该文件类型，请上传图片或常见文档格式。',
    TOO_LARGE: '文件或内容过大，请压缩或拆分后重试。',
    GEOJSON_INVALID: '地图文件无效：需为 GeoJSON 面要素集合，且每个要素的 name 与村（社区）名称一致，未导入任何内容。',
    DB_TOO_NEW: '数据库来自更新版本的程序，请升级本应用后再打开。',
    MIGRATION_FAILED: '数据库升级失败，数据未作改动。请联系技术支持。',
    PDF_UNAVAILABLE: '当前环境无法生成 PDF（缺少浏览器内核）。请使用桌面版，或为浏览器版安装 Chromium。',
    INTERNAL: '系统内部错误，请稍后重试；如反复出现请联系技术支持。',
    ...safetyZh.errors,
    ...setupZh.errors,
    CONNECTION_LOST: '与指挥室服务的连接中断，操作结果未知。请检查网络或服务后刷新重试。',
    unknown: '操作失败（{code}）：{message}',
  },
};

export default errorsZh;
