import type phoneZh from './phone.zh-CN';

const phoneEn: typeof phoneZh = {
  tabs: {
    more: 'More',
    menu: 'All features',
  },
  queue: {
    filters: 'Filters',
    filtersTitle: 'Filter and sort',
    sort: 'Sort',
    apply: 'Done',
    dueIn: 'due in {time}',
    overdueBy: 'overdue by {time}',
    noDue: 'no deadline',
    more: 'Load more',
    end: 'All shown',
  },
  orders: {
    dueIn: 'due in {time}',
    overdueBy: 'overdue by {time}',
    units: 'Units: {units}',
  },
  units: {
    minute: '{n} min',
    hour: '{n} h',
    day: '{n} d',
  },
  photos: {
    camera: 'Camera',
    album: 'Album',
    resizing: 'Shrinking the photo…',
  },
  location: {
    add: 'Add my location',
    locating: 'Locating…',
    added: 'Location added',
    denied: 'No location: {reason}',
    unavailable: 'This browser gives no location (HTTPS needed)',
    line: '[Location] {lat}, {lng} (±{accuracy} m)',
  },
  director: {
    title: 'Awaiting my decision',
    arbitration: 'Returned, to arbitrate',
    overdue: 'Overdue, to supervise',
    answered: 'Orders answered, to accept',
    extensions: 'Extension requests are decided in the event',
    today: 'Today',
  },
  alarms: {
    allowNotifications: 'Allow notifications to get alarms while the phone is locked',
  },
};

export default phoneEn;
