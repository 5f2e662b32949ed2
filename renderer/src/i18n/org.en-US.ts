import type orgZh from './org.zh-CN';

/** Organisation: roles and their duties, platforms, villages, units. */
const orgEn: typeof orgZh = {
  roles: {
    operator: 'Operator',
    director: 'Director',
    assessor: 'Assessor',
    unit_handler: 'Unit handler',
    admin: 'Administrator',
    viewer: 'Wall display',
  },
  duties: {
    operator: [
      'Take in events from every channel: register them, reject them or merge duplicates',
      'Dispatch events to handling units, follow sign-for and progress, chase when needed',
      'Verify the results, close events and record call-backs',
    ],
    director: [
      'Command: dispatch and redispatch events, arbitrate disputed returns',
      'Supervise: issue supervision and flagged orders, approve extension requests',
      'Assess: publish assessment results; escalate major matters to the county center',
    ],
    assessor: [
      'Define and maintain assessment schemes, indicators and weights',
      'Record bonus and deduction items with their evidence',
      'Compute and review unit scores and rankings, prepare monthly and quarterly reports',
    ],
    unit_handler: [
      'Sign for the events dispatched to your unit, handle them on time and report back',
      'Return events outside your unit’s function or area with a reason; request extensions when needed',
      'Rectify as required by supervision orders and report the rectification',
    ],
    admin: [
      'Maintain the organization: villages and communities, grids and grid workers, handling units of the four platforms',
      'Manage user accounts, roles and units; reset passwords and lift lockouts',
      'Review the audit log so that every change can be traced',
    ],
    viewer: ['Show the event situation, warnings and unit performance on the wall display (read-only)'],
  },
  platforms: {
    comprehensive_governance: 'Comprehensive governance',
    market_supervision: 'Market supervision',
    comprehensive_enforcement: 'Comprehensive enforcement',
    public_service: 'Public service',
  },
  villageKinds: {
    village: 'Village',
    community: 'Community',
  },
  unitKinds: {
    department: 'Department / station',
    village: 'Village / community',
  },
  org: {
    title: 'Organization',
    township: {
      title: 'Township',
      name: 'Township name',
      countyName: 'County',
      code: 'Event number prefix',
      codeHint: '2–6 capital letters, e.g. QX gives numbers like QX-20261130-0042',
      edit: 'Edit township',
    },
    tabs: {
      villages: 'Villages & communities',
      grids: 'Grids',
      units: 'Handling units',
    },
    village: {
      name: 'Name',
      kind: 'Kind',
      gridCount: 'Grids',
      createTitle: 'New village or community',
      editTitle: 'Edit village or community',
      deleteConfirm: 'Delete “{name}”?',
      inUse: 'This village still has grids or handling units. Delete or move them first.',
      gridsOf: 'Grids of “{name}”',
      selectHint: 'Select a village on the left to see its grids',
      addGrid: 'New grid',
    },
    grid: {
      village: 'Village / community',
      name: 'Grid name',
      workerName: 'Grid worker',
      workerPhone: 'Grid worker’s phone',
      createTitle: 'New grid',
      editTitle: 'Edit grid',
      deleteConfirm: 'Delete grid “{name}”?',
      inUse: 'Other records still refer to this grid; it cannot be deleted.',
      filterVillage: 'Filter by village',
      searchPlaceholder: 'Grid or grid worker',
    },
    unit: {
      name: 'Unit name',
      platform: 'Platform',
      kind: 'Kind',
      village: 'Village / community',
      phone: 'Phone',
      createTitle: 'New handling unit',
      editTitle: 'Edit handling unit',
      deleteConfirm: 'Delete handling unit “{name}”?',
      inUse: 'User accounts still belong to this unit. Move them to another unit first.',
      searchPlaceholder: 'Unit name',
    },
  },
};

export default orgEn;
