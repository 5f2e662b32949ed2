import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import holidaysCN2026 from './holidays-CN-2026.json';
import { parseHolidayFile } from './holiday-file';

const valid = () => ({
  source: 'test',
  year: 2026,
  holidays: [{ name: '国庆节', off: ['2026-10-01', '2026-10-02'], workdays: ['2026-10-10'] }],
});

function refused(json: unknown): AppError {
  try {
    parseHolidayFile(json);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('BAD_INPUT');
    expect((error as AppError).issues?.length).toBeGreaterThan(0);
    return error as AppError;
  }
  throw new Error(`accepted a bad holiday file: ${JSON.stringify(json)}`);
}

describe('parseHolidayFile', () => {
  it('reads the shipped 2026 file into sorted calendar days', () => {
    const days = parseHolidayFile(holidaysCN2026);
    expect(days.filter((d) => d.kind === 'off')).toHaveLength(33);
    expect(days.filter((d) => d.kind === 'work').map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(days[0]).toEqual({ date: '2026-01-01', kind: 'off', name: '元旦' });
    expect(days).toContainEqual({ date: '2026-10-10', kind: 'work', name: '国庆节' });
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
  });

  it('accepts a file without holidays', () => {
    expect(parseHolidayFile({ source: 's', year: 2027, note: 'n', holidays: [] })).toEqual([]);
  });

  it('refuses dates that are not real or not written YYYY-MM-DD', () => {
    for (const bad of ['2026-02-30', '2026/10/01', '2026-10-1', '']) {
      const file = valid();
      file.holidays[0]!.off[1] = bad;
      expect(refused(file).issues).toContainEqual({ path: 'holidays.0.off.1', message: expect.stringMatching(/real date/) });
    }
  });

  it('refuses a date outside the year of the file', () => {
    const file = valid();
    file.holidays[0]!.workdays[0] = '2027-01-09';
    expect(refused(file).issues).toContainEqual({ path: 'holidays.0.workdays.0', message: expect.stringMatching(/outside/) });
  });

  it('refuses a date that is both a day off and a working day, or listed twice', () => {
    const both = valid();
    both.holidays.push({ name: '其他', off: [], workdays: ['2026-10-10'] });
    both.holidays[0]!.off.push('2026-10-03');
    both.holidays[1]!.workdays.push('2026-10-03');
    const error = refused(both);
    expect(error.issues).toContainEqual({ path: 'holidays.1.workdays.1', message: expect.stringMatching(/both a day off/) });
    expect(error.issues).toContainEqual({ path: 'holidays.1.workdays.0', message: expect.stringMatching(/listed twice/) });
    expect(error.message).toMatch(/holiday file/);
  });

  it('refuses an adjusted working day that is not on a weekend', () => {
    const file = valid();
    file.holidays[0]!.workdays[0] = '2026-10-09'; // a Friday
    expect(refused(file).issues).toContainEqual({ path: 'holidays.0.workdays.0', message: expect.stringMatching(/weekday/) });
  });

  it('refuses the wrong shape', () => {
    refused(null);
    refused([]);
    refused({ ...valid(), year: '2026' });
    refused({ ...valid(), source: '' });
    refused({ source: 's', year: 2026 });
    refused({ ...valid(), holidays: [{ name: '春节', off: '2026-02-16', workdays: [] }] });
    expect(refused({ ...valid(), holidays: [{ off: [], workdays: [] }] }).issues).toContainEqual({
      path: 'holidays.0.name',
      message: expect.any(String),
    });
  });
});
