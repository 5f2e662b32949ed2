/** The home page. */
const homeZh = {
  home: {
    greeting: '{name}，您好',
    today: '今天是 {date}',
    account: '我的账号',
    username: '用户名',
    role: '角色',
    unit: '所属单位',
    township: '本乡镇（街道）',
    townshipName: '名称',
    county: '所属县（市、区）',
    serialCode: '事件编号前缀',
    villages: '村',
    communities: '社区',
    grids: '网格',
    units: '承办单位',
    unitsByPlatform: '四平台承办单位',
    duties: '岗位职责',
    shortcuts: '常用功能',
    directoryUnavailable: '暂时无法读取组织架构：{reason}',
  },
};

export default homeZh;
