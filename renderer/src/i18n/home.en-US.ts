import type homeZh from './home.zh-CN';

/** The home page. */
const homeEn: typeof homeZh = {
  home: {
    greeting: 'Hello, {name}',
    today: 'Today is {date}',
    account: 'My account',
    username: 'Username',
    role: 'Role',
    unit: 'Unit',
    township: 'Township',
    townshipName: 'Name',
    county: 'County',
    serialCode: 'Event number prefix',
    villages: 'Villages',
    communities: 'Communities',
    grids: 'Grids',
    units: 'Handling units',
    unitsByPlatform: 'Handling units by platform',
    duties: 'Duties',
    shortcuts: 'Shortcuts',
    directoryUnavailable: 'The organization directory is unavailable: {reason}',
  },
};

export default homeEn;
