// Dates in cells across time zones whose rules changed, and on days whose midnight does not exist
// (clocks jump from 00:00 to 01:00). Sheets stores a date as a serial that counts wall-clock days
// in the spreadsheet's zone; a script reads it as the Date of that wall-clock time. Expected days
// come from Intl, independently of the emulator's own arithmetic.
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../local/emulator/index.ts';
import type { EmuSpreadsheetApp } from '../../local/emulator/spreadsheet/spreadsheet.ts';
import { dateToSerial, fromZoned, serialToDate } from '../../local/emulator/spreadsheet/tz.ts';

function sheetIn(timeZone: string) {
  const emu = new Emulator({ timeZone, scopes: null });
  const app = emu.globals().SpreadsheetApp as EmuSpreadsheetApp;
  return app.getActiveSpreadsheet().getActiveSheet();
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** "yyyy-MM-dd HH:mm" of `date` on the wall clock of `timeZone`, by Intl. */
function wall(date: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

const us = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${m}/${d}/${y}`;
};

// Days whose local midnight does not exist: the clock goes from 23:59:59 to 01:00 (Apia skipped
// all of 2011-12-30, so its next midnight is 2011-12-31 00:00).
const MIDNIGHT_GAPS: [string, string][] = [
  ['America/Havana', '2026-03-08'],
  ['America/Santiago', '2026-09-06'],
  ['America/Sao_Paulo', '2018-11-04'],
  ['Asia/Tehran', '2021-03-22'],
  ['Asia/Beirut', '2026-03-29'],
  ['Africa/Cairo', '2026-04-24'],
  ['America/Asuncion', '2024-10-06'],
  ['Asia/Amman', '2022-02-25'],
];

// Days in zones whose UTC offsets are not what they are this year.
const CHANGED_RULES: [string, string][] = [
  ['America/Mexico_City', '2021-07-15'], // DST until 2022
  ['America/Sao_Paulo', '2018-12-01'], // DST until 2019
  ['Asia/Tehran', '2021-06-01'], // DST until 2022
  ['Europe/Moscow', '2013-06-01'], // UTC+4 from 2011 to 2014
  ['Pacific/Apia', '2011-12-29'], // UTC-10, the last day before the date line moved
  ['Pacific/Apia', '2011-12-31'], // UTC+14, the first day after
  ['Pacific/Apia', '2020-12-01'], // DST until 2021
  ['Europe/Istanbul', '2015-07-01'], // UTC+3 DST before the permanent UTC+3 of 2016
  ['Europe/Istanbul', '2016-01-15'], // UTC+2 winter
  ['Asia/Pyongyang', '2016-06-01'], // UTC+8:30 from 2015 to 2018
  ['Asia/Pyongyang', '2018-05-05'], // the first day back on UTC+9
  ['America/Caracas', '2010-01-01'], // UTC-4:30 until 2016
  ['Africa/Casablanca', '2012-07-25'], // Ramadan back to UTC+0
  ['Africa/Casablanca', '2017-01-10'], // UTC+0 winter, before the permanent UTC+1 of 2018
  ['Europe/Volgograd', '2019-06-01'], // UTC+4 from 2018 to 2020
  ['America/Santiago', '2015-07-01'], // UTC-3 all year in 2015
];

describe('a date typed in a zone stays that day', () => {
  it.each([...MIDNIGHT_GAPS, ...CHANGED_RULES])('%s %s', (timeZone, day) => {
    const sheet = sheetIn(timeZone);
    sheet.getRange('A1').setValue(day);
    expect(sheet.getRange('A1').getDisplayValue()).toBe(us(day));
    const read = sheet.getRange('A1').getValue() as Date;
    expect(read).toBeInstanceOf(Date);
    // The first instant of that day: on a day without midnight, 01:00 (the clocks' jump).
    expect(wall(read, timeZone).slice(0, 10)).toBe(day);
    expect(wall(new Date(read.getTime() - 1), timeZone).slice(0, 10)).not.toBe(day);
    // Written back into a date column, the Date is the same day.
    sheet.getRange('B1').setNumberFormat('M/d/yyyy').setValue(read);
    expect(sheet.getRange('B1').getDisplayValue()).toBe(us(day));
  });

  it('a date-time keeps its seconds (the formula engine rounds what it reports)', () => {
    const sheet = sheetIn('Etc/UTC');
    sheet.getRange('A1').setValue('2026-03-09 00:30');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('3/9/2026 0:30:00');
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe('2026-03-09T00:30:00.000Z');
  });

  it('a date-time typed in the hour that does not exist moves forward like a clock, not back a day', () => {
    const sheet = sheetIn('America/Havana');
    sheet.getRange('A1').setValue('2026-03-08 00:30');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('3/8/2026 0:30:00');
    expect(wall(sheet.getRange('A1').getValue() as Date, 'America/Havana')).toBe('2026-03-08 01:30');
  });
});

describe('serials and Dates', () => {
  const zones = [...new Set([...MIDNIGHT_GAPS, ...CHANGED_RULES].map(([z]) => z))];

  // Each day of the tables with the days around it, and the 1st of every month from 2010 to 2026.
  const days = (timeZone: string): number[] => {
    const serials = new Set<number>();
    const serialOf = (iso: string) => dateToSerial(new Date(`${iso}T00:00:00Z`), 'Etc/UTC');
    for (const [zone, day] of [...MIDNIGHT_GAPS, ...CHANGED_RULES]) if (zone === timeZone) for (let k = -3; k <= 3; k++) serials.add(serialOf(day) + k);
    for (let year = 2010; year <= 2026; year++) for (let month = 1; month <= 12; month++) serials.add(serialOf(`${year}-${String(month).padStart(2, '0')}-01`));
    return [...serials];
  };

  it.each(zones)('%s: midnights read as their own day, and back to their serial', (timeZone) => {
    for (const serial of days(timeZone)) {
      const date = serialToDate(serial, timeZone);
      const day = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
      const seen = wall(date, timeZone);
      if (timeZone === 'Pacific/Apia' && day === '2011-12-30') {
        expect(seen).toBe('2011-12-31 00:00'); // a day Apia never had
        continue;
      }
      expect(seen.slice(0, 10)).toBe(day);
      // Midnight itself when it exists; otherwise the first instant after the jump.
      expect(Math.floor(dateToSerial(date, timeZone))).toBe(serial);
      if (seen.endsWith('00:00')) expect(dateToSerial(date, timeZone)).toBe(serial);
      else expect(wall(new Date(date.getTime() - 1), timeZone).slice(0, 10)).not.toBe(day);
    }
  });

  it('a wall-clock time that happens twice (clocks back) is its first occurrence', () => {
    // Europe/London, 2026-10-25 01:30 happens at 00:30 UTC (BST) and at 01:30 UTC (GMT).
    expect(fromZoned(2026, 10, 25, 1, 30, 0, 0, 'Europe/London').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // America/Sao_Paulo, 2019-02-16 23:30 happened at 01:30 UTC (-02) and at 02:30 UTC (-03).
    expect(fromZoned(2019, 2, 16, 23, 30, 0, 0, 'America/Sao_Paulo').toISOString()).toBe('2019-02-17T01:30:00.000Z');
  });
});

describe('Utilities.formatDate', () => {
  it('prints a date with the offset its zone had on that date', () => {
    const emu = new Emulator({ timeZone: 'Etc/UTC', scopes: null });
    const u = emu.globals().Utilities as { formatDate(d: Date, tz: string, pattern: string): string };
    expect(u.formatDate(new Date('2021-07-15T05:00:00Z'), 'America/Mexico_City', 'yyyy-MM-dd HH:mm Z')).toBe('2021-07-15 00:00 -0500');
    expect(u.formatDate(new Date('2011-12-30T10:00:00Z'), 'Pacific/Apia', 'yyyy-MM-dd HH:mm Z')).toBe('2011-12-31 00:00 +1400');
    expect(u.formatDate(new Date('2016-05-31T15:30:00Z'), 'Asia/Pyongyang', 'yyyy-MM-dd HH:mm Z')).toBe('2016-06-01 00:00 +0830');
    expect(u.formatDate(new Date('2026-03-08T05:00:00Z'), 'America/Havana', 'yyyy-MM-dd HH:mm Z')).toBe('2026-03-08 01:00 -0400');
  });
});
