// Dates in a tracker whose spreadsheet is in a zone whose UTC offsets changed over the years, or on
// a day whose midnight the clocks skip: what the add-on shows and writes is the day in the cell.
import { describe, expect, it } from 'vitest';
import { addOn } from '../../helpers.ts';
import { dayNumber } from '../../../src/core/base/calendar.ts';
import { parseIsoDate } from '../../../src/core/base/dates.ts';
import type { PitchContextResult } from '../../../src/shared/pitch.ts';
import type { ImportResult } from '../../../src/shared/types.ts';

const CASES: [string, string][] = [
  ['America/Mexico_City', '2021-07-15'], // DST until 2022
  ['America/Sao_Paulo', '2018-12-01'], // DST until 2019
  ['America/Sao_Paulo', '2018-11-04'], // midnight skipped
  ['Asia/Tehran', '2021-06-01'], // DST until 2022
  ['Asia/Tehran', '2021-03-22'], // midnight skipped
  ['Europe/Moscow', '2013-06-01'], // UTC+4 from 2011 to 2014
  ['Pacific/Apia', '2011-12-31'], // UTC+14, the day after the date line moved
  ['Pacific/Apia', '2011-12-29'], // UTC-10, the day before
  ['Europe/Istanbul', '2015-07-01'], // UTC+3 DST before the permanent UTC+3 of 2016
  ['Asia/Pyongyang', '2016-06-01'], // UTC+8:30 from 2015 to 2018
  ['America/Caracas', '2010-01-01'], // UTC-4:30 until 2016
  ['Africa/Casablanca', '2017-01-10'], // UTC+0 before the permanent UTC+1 of 2018
  ['Europe/Volgograd', '2019-06-01'], // UTC+4 from 2018 to 2020
  ['America/Havana', '2026-03-08'], // midnight skipped
  ['America/Santiago', '2026-09-06'], // midnight skipped
];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "15 Jul 2021", as a LinkedIn export writes Connected On. */
function linkedInDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d} ${MONTHS[Number(m) - 1]} ${y}`;
}

const us = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${m}/${d}/${y}`;
};

function trackerIn(timeZone: string, connectedOn: string) {
  const csv = ['Name,Company,Connected On', `Ada Lovelace,Northwind,${connectedOn}`, `Grace Hopper,Contoso,${connectedOn}`].join('\n');
  const app = addOn({ csv, sheetName: 'Contacts', timeZone });
  expect((app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as { ok: boolean }).ok).toBe(true);
  const sheet = app.ss.getSheetByName('Contacts')!;
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as string[];
  const set = (row: number, name: string, value: string) => sheet.getRange(row, header.indexOf(name) + 1).setValue(value);
  const shown = (row: number, name: string) => sheet.getRange(row, header.indexOf(name) + 1).getDisplayValue();
  const pitch = (row: number) => {
    const ctx = app.bundle.run('getPitchContext', [row]).result as PitchContextResult;
    if (!ctx.ok || !ctx.contact) throw new Error(`no contact on row ${row}`);
    return ctx.contact;
  };
  return { ...app, sheet, set, shown, pitch };
}

describe.each(CASES)('%s, %s', (timeZone, day) => {
  it('Set up tracker on an export, then the sidebar and the follow-ups read the dates as that day', () => {
    const t = trackerIn(timeZone, linkedInDate(day));
    expect(t.shown(2, 'Connected On')).toBe(us(day));
    t.set(2, 'Next follow-up', day);
    t.set(2, 'Interview date', day);
    t.set(3, 'Stage', 'Pitched');
    t.set(3, 'Last contact', day);
    expect(t.shown(2, 'Next follow-up')).toBe(day); // the column's yyyy-mm-dd format

    const ada = t.pitch(2);
    expect(ada.values['Connected On']).toBe(day);
    expect(ada.values['Next follow-up']).toBe(day);
    expect(ada.nextFollowUp).toBe(day);
    expect(ada.interviewDate).toBe(day);
    expect(t.pitch(3).values['Last contact']).toBe(day);

    const { message } = t.bundle.run('showFollowUpsDue').result as { message: string };
    const today = parseIsoDate(/today is \w{3} (\d{4}-\d{2}-\d{2})/.exec(message)![1])!;
    const overdue = dayNumber(today) - dayNumber(parseIsoDate(day)!);
    expect(message).toContain(`Row 2: Ada Lovelace (C-0001), ${overdue} days overdue`);
    expect(message).toMatch(new RegExp(`Row 3: Grace Hopper \\(Contoso\\), pitched \\w{3} ${day}`));
  });

  it('Import contacts writes a LinkedIn Connected On as that day, and the sidebar shows it', () => {
    const t = trackerIn(timeZone, '');
    const csv = [
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
      `Katherine,Johnson,https://www.linkedin.com/in/kj,,Fabrikam,Analyst,${linkedInDate(day)}`,
    ].join('\n');
    const result = t.bundle.run('importContacts', [csv, {}]).result as ImportResult;
    expect(result.ok).toBe(true);
    expect(t.sheet.getRange(4, 1).getValue()).toBe('Katherine Johnson');
    expect(t.shown(4, 'Connected On')).toBe(us(day));
    expect(t.pitch(4).values['Connected On']).toBe(day);
  });
});

// The copy gets the Dates read from the tracker: on a day without midnight, 01:00 of that day.
describe.each(CASES.filter(([, day]) => ['2018-11-04', '2026-03-08', '2011-12-31', '2021-07-15'].includes(day)))('%s, %s', (timeZone, day) => {
  it('Share with coach copies the dates as that day', () => {
    const t = trackerIn(timeZone, linkedInDate(day));
    t.set(2, 'Next follow-up', day);
    t.set(2, 'Last contact', day);
    const shared = t.bundle.run('shareWithCoachNow', [{ email: 'coach@example.com', mode: 'copy' }]).result as { ok: boolean; message?: string };
    expect(shared).toMatchObject({ ok: true });
    const copies = [...t.emu.files.values()].filter((f) => f.getName().endsWith('– coach view'));
    expect(copies).toHaveLength(1);
    const sheet = copies[0].getSheets()[0];
    const [header, ada] = sheet.getDataRange().getDisplayValues();
    expect(copies[0].getSpreadsheetTimeZone()).toBe(timeZone);
    for (const name of ['Next follow-up', 'Last contact']) {
      expect(header).toContain(name);
      expect(ada[header.indexOf(name)], name).toBe(day);
    }
  });
});
