import { describe, expect, it } from 'vitest';
import { ROLES } from '../../common/roles';
import { featuresFor, mayCall } from './features';

describe('features follow the contract’s roles', () => {
  it('gives the administrator the org, users and audit pages', () => {
    expect(featuresFor('admin').map((feature) => feature.name)).toEqual(['home', 'org', 'users', 'audit']);
  });

  it('gives the director the audit log but not administration', () => {
    expect(featuresFor('director').map((feature) => feature.name)).toEqual(['home', 'audit']);
  });

  it('gives every other role the overview only', () => {
    for (const role of ROLES.filter((role) => role !== 'admin' && role !== 'director')) {
      expect(
        featuresFor(role).map((feature) => feature.name),
        role,
      ).toEqual(['home']);
    }
  });

  it('treats public methods as open to everyone', () => {
    expect(mayCall('viewer', 'auth.login')).toBe(true);
    expect(mayCall('viewer', 'users.list')).toBe(false);
  });
});
