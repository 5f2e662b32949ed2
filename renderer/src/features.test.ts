import { describe, expect, it } from 'vitest';
import { ROLES } from '../../common/roles';
import { featuresFor, mayCall, navLabelKey } from './features';

describe('features follow the contract’s roles', () => {
  it('gives the administrator the detector registry, the administration pages and the county link, but not events', () => {
    expect(featuresFor('admin').map((feature) => feature.name)).toEqual([
      'home',
      'iot',
      'org',
      'calendar',
      'villageMap',
      'users',
      'audit',
      'backups',
      'notices',
      'sync',
    ]);
  });

  it('gives the director the room, supervision, the detectors and the audit log but not administration', () => {
    expect(featuresFor('director').map((feature) => feature.name)).toEqual([
      'home',
      'dashboard',
      'events',
      'supervision',
      'iot',
      'audit',
      'notices',
    ]);
  });

  it('gives the operator the room, supervision and the detectors', () => {
    expect(featuresFor('operator').map((feature) => feature.name)).toEqual([
      'home',
      'dashboard',
      'events',
      'supervision',
      'iot',
      'notices',
    ]);
  });

  it('gives every other role the overview, the events and supervision, and the dashboard to all but unit handlers', () => {
    for (const role of ROLES.filter((role) => !['admin', 'director', 'operator'].includes(role))) {
      expect(
        featuresFor(role).map((feature) => feature.name),
        role,
      ).toEqual(
        role === 'unit_handler'
          ? ['home', 'events', 'supervision', 'notices']
          : ['home', 'dashboard', 'events', 'supervision', 'notices'],
      );
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
