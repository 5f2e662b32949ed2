import { describe, expect, it } from 'vitest';
import { ROLES } from '../../common/roles';
import { featuresFor, mayCall, navLabelKey } from './features';

describe('features follow the contract’s roles', () => {
  it('gives the administrator the org, calendar, users, audit and county sync pages, but not events', () => {
    expect(featuresFor('admin').map((feature) => feature.name)).toEqual([
      'home',
      'org',
      'calendar',
      'users',
      'audit',
      'notices',
      'sync',
    ]);
  });

  it('gives the director the events and the audit log but not administration', () => {
    expect(featuresFor('director').map((feature) => feature.name)).toEqual(['home', 'events', 'audit', 'notices']);
  });

  it('gives every other role the overview and the events', () => {
    for (const role of ROLES.filter((role) => role !== 'admin' && role !== 'director')) {
      expect(
        featuresFor(role).map((feature) => feature.name),
        role,
      ).toEqual(['home', 'events', 'notices']);
    }
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
