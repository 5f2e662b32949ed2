import { describe, expect, it } from 'vitest';
import { ROLES } from '../../common/roles';
import { featuresFor, mayCall, navLabelKey } from './features';

describe('features follow the contract’s roles', () => {
  // The menu of every role, spelled out: a change to a contract method's roles must show up here.
  const MENUS: Record<(typeof ROLES)[number], string[]> = {
    operator: ['home', 'dashboard', 'events', 'supervision', 'risk', 'campaigns', 'reviews', 'monthly', 'iot', 'notices'],
    director: [
      'home',
      'dashboard',
      'events',
      'supervision',
      'risk',
      'campaigns',
      'reviews',
      'monthly',
      'assessment',
      'iot',
      'reference',
      'audit',
      'notices',
    ],
    assessor: [
      'home',
      'dashboard',
      'events',
      'supervision',
      'risk',
      'campaigns',
      'reviews',
      'monthly',
      'assessment',
      'reference',
      'notices',
    ],
    unit_handler: ['home', 'events', 'supervision', 'campaigns', 'notices'],
    admin: [
      'home',
      'iot',
      'org',
      'calendar',
      'reference',
      'villageMap',
      'users',
      'audit',
      'backups',
      'server',
      'notices',
      'sync',
    ],
    viewer: ['home', 'dashboard', 'notices'],
  };

  it.each(ROLES)('gives the %s exactly their menu', (role) => {
    expect(featuresFor(role).map((feature) => feature.name)).toEqual(MENUS[role]);
  });

  it('keeps administration away from the room and the room away from administration', () => {
    expect(featuresFor('admin').map((feature) => feature.name)).not.toContain('events');
    for (const role of ROLES.filter((role) => role !== 'admin'))
      expect(featuresFor(role).map((feature) => feature.name)).not.toContain('users');
  });

  it('calls the queue the unit’s to-do list for unit handlers', () => {
    const events = featuresFor('unit_handler').find((feature) => feature.name === 'events')!;
    expect(navLabelKey(events, 'unit_handler')).toBe('nav.eventsOfMyUnit');
    expect(navLabelKey(events, 'operator')).toBe('nav.events');
  });

  it('treats public methods as open to everyone', () => {
    expect(mayCall('viewer', 'auth.login')).toBe(true);
    expect(mayCall('viewer', 'users.list')).toBe(false);
  });
});
