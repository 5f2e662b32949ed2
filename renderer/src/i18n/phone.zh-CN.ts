/** The phone layout (掌上指挥): bottom tabs, cards, sheets, the camera and the phone's location. */
const phoneZh = {
  tabs: {
    more: '更多',
    menu: '全部功能',
  },
  queue: {
    filters: '筛选',
    filtersTitle: '筛选与排序',
    sort: '排序',
    apply: '完成',
    dueIn: '{time}后到期',
    overdueBy: '已超期 {time}',
    noDue: '无办理时限',
    more: '加载更多',
    end: '已全部显示',
  },
  orders: {
    dueIn: '{time}后到期',
    overdueBy: '已超期 {time}',
    units: '责任单位：{units}',
  },
  units: {
    minute: '{n} 分钟',
    hour: '{n} 小时',
    day: '{n} 天',
  },
  photos: {
    camera: '拍照',
    album: '相册',
    resizing: '正在压缩照片…',
  },
  location: {
    add: '附上当前位置',
    locating: '正在定位…',
    added: '已附上位置',
    denied: '无法获取位置：{reason}',
    unavailable: '此浏览器不提供定位（需 HTTPS）',
    line: '【现场位置】{lat}, {lng}（精度约 {accuracy} 米）',
  },
  director: {
    title: '待我决策',
    arbitration: '退单待仲裁',
    overdue: '超期待督办',
    answered: '督办待验收',
    extensions: '延期申请在事件详情中审批',
    today: '今日概况',
  },
  alarms: {
    allowNotifications: '允许通知，手机锁屏时也能收到警情',
  },
};

export default phoneZh;
