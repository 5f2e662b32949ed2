import { describe, expect, it } from 'vitest';
import { formatAuditSummary } from './auditSummary';

describe('formatAuditSummary', () => {
  it('lists plain fields, leaving out the record id', () => {
    expect(formatAuditSummary('{"id":"0190","name":"一村","kind":"village"}')).toBe('name: 一村; kind: village');
  });

  it('shows changes as before → after, with — for empty', () => {
    expect(formatAuditSummary('{"workerName":{"from":null,"to":"张三"}}')).toBe('workerName: — → 张三');
  });

  it('keeps text that is not JSON, and shows an empty object as nothing', () => {
    expect(formatAuditSummary('seeded')).toBe('seeded');
    expect(formatAuditSummary('{}')).toBe('');
  });
});
