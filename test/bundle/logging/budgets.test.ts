// Service calls of the logging actions (issue 17): a fixed number, the same at 100 and at 2,000
// contacts (and with an Interview log of 1,000 rows), since an action's time on a real sheet is
// its service calls. Each action runs once per size, on contacts chosen the same at both sizes.
//
// `budget` is what the actions cost now; `goal` is issue 17's. A log action's 24 calls: the lock
// (4, with the flush), the clock (1: the zone; Intl reads the time), the properties (2), reading
// the tracker (5) and the log (2: its values in one getSheetValues), the merges of both sheets (4:
// each write's own range, kept for the write) and their protections (2: Spreadsheet.getProtections
// of each type), the writes (4: the tracker's cells, the log rows' formats read, and their
// values). The log's rows here were added by insertRowsAfter, which takes the formats of the row
// before, as Google's does: log rows without the log's formats (a user's paste) cost one
// setNumberFormats more, 25.
// The interview's referral rows add their block (its formats and drop-downs read with the row
// above, whose drop-downs they take; those it lacks written, then its values), the referrer's
// cells written apart, the pending referrals' record with the ID counter past them before the
// first write (one call; nothing after the log rows); every range the tracker's writes take comes
// from one getRangeList with the range around them, which holds their merges and tells that the
// grid has the rows. The dialog's 12: the page (3: template, evaluate, show; the page sets its own
// size), the UI, the properties (2: the store, then the tracker's record and the zone's copy in one
// getProperties), the tracker (the active sheet, its ID against the remembered one, its values in
// one call) and the selection (3: the active range list, its ranges, a range's A1); the
// spreadsheet itself is not needed, and its event ID is made without a call. Lower each budget to
// what is reached.
import { describe, expect, it } from 'vitest';
import { addOnOnContacts, type Bundle } from '../../../local/bundle.ts';
import { handMadeContacts, toCsv } from '../../../local/generate.ts';
import { BUILD, requireBuild } from '../../helpers.ts';

const LOG_ROWS = 1000;

/** Rows 2-4 are C-0001..C-0003; each log action gets its own contact so none depends on another. */
const ACTIONS: { name: string; budget: number; goal: number; fn: string; args?: unknown[]; select?: string; methods?: Record<string, number> }[] = [
  {
    name: 'opening Log interview, 3 rows selected',
    budget: 12,
    goal: 12,
    // The page sizes itself; the zone comes with the tracker's record from the properties.
    methods: { 'HtmlOutput.setWidth': 0, 'HtmlOutput.setHeight': 0, 'Spreadsheet.getSpreadsheetTimeZone': 0, 'SpreadsheetApp.getActiveSpreadsheet': 0 },
    fn: 'showInterviewDialog',
    select: 'Contacts!A2:A4',
  },
  { name: 'Show follow-ups due', budget: 12, goal: 15, fn: 'showFollowUpsDue' },
  { name: 'Mark pitch sent, 3 contacts', budget: 24, goal: 25, fn: 'logPitchSent', args: [{ contactIds: ['C-0002', 'C-0003', 'C-0004'] }] },
  { name: 'Log reply, conversation fixed', budget: 24, goal: 25, fn: 'logReply', args: [{ contactIds: ['C-0005'], meetingDate: '2026-01-15' }] },
  { name: 'Log follow-up sent', budget: 24, goal: 25, fn: 'logFollowUp', args: [{ contactIds: ['C-0006'] }] },
  {
    name: 'Log interview + 2 referrals',
    budget: 31,
    goal: 25,
    // Rows the grid holds: the range of every cell written there, got once, says so (no getMaxRows)
    // and holds the merges to check; the pending referrals' record and the ID counter past them
    // are written in one call, before the first write, and nothing after the log rows.
    methods: { 'Sheet.getMaxRows': 0, 'Properties.setProperty': 0, 'Properties.setProperties': 1, 'Properties.deleteProperty': 0 },
    fn: 'logInterview',
    args: [{ contactIds: ['C-0007'], minutes: 30, referrals: [{ name: 'Dana Scully', company: 'FBI' }, { name: 'Fox Mulder' }] }],
  },
  { name: 'Mark thank-you sent', budget: 24, goal: 25, fn: 'logThankYou', args: [{ contactIds: ['C-0008'] }] },
  { name: 'Mark declined', budget: 24, goal: 25, fn: 'logDeclined', args: [{ contactIds: ['C-0009'] }] },
  { name: 'Log job interview', budget: 24, goal: 25, fn: 'logOutcome', args: [{ contactIds: ['C-0010'], kind: 'job_interview', company: 'Globex' }] },
  { name: 'Log offer', budget: 24, goal: 25, fn: 'logOutcome', args: [{ contactIds: ['C-0011'], kind: 'offer', company: 'Globex' }] },
];

/**
 * A set-up tracker of `rows` contacts with spare rows below, and an Interview log of LOG_ROWS rows.
 * The spare rows have no formats nor drop-downs (`formatted`: those of the table's columns, as
 * setup gives the rows of the grid it finds), whatever the size: setup formats the rows of the
 * grid it finds, which the smaller tracker's referrals would land in and the larger one's not.
 */
function world(rows: number, options: { formatted?: boolean; advancedServices?: [] } = {}): Bundle {
  const { bundle, emu } = addOnOnContacts(toCsv(handMadeContacts(rows)), BUILD, { setUp: true, advancedServices: options.advancedServices });
  const contacts = emu.active.getSheetByName('Contacts')!;
  contacts.insertRowsAfter(contacts.getMaxRows(), 100);
  const below = contacts.getRange(rows + 2, 1, contacts.getMaxRows() - rows - 1, contacts.getMaxColumns());
  below.clear();
  if (options.formatted) {
    const last = contacts.getRange(rows + 1, 1, 1, contacts.getMaxColumns());
    const down = <T>(row: T[]) => Array.from({ length: below.getNumRows() }, () => row);
    below.setNumberFormats(down(last.getNumberFormats()[0]));
    below.setDataValidations(down(last.getDataValidations()[0]));
  }
  bundle.run('logPitchSent', [{ eventId: 'seed-event', contactIds: ['C-0001'], date: '2026-01-05' }]);
  const log = emu.active.getSheetByName('Interview log')!;
  log.insertRowsAfter(log.getMaxRows(), LOG_ROWS + 100);
  log.getRange(3, 8, LOG_ROWS, 1).setValues(Array.from({ length: LOG_ROWS }, (_, i) => [`seed-${i}/C-0001`]));
  return bundle;
}

/** Calls of each action, in order, on a world of `rows` contacts. */
function callsAt(rows: number): number[] {
  const bundle = world(rows);
  return ACTIONS.map(({ name, fn, args, select, methods }, i) => {
    const input = args?.map((a) => ({ eventId: `budget-event-${i}`, date: '2026-01-09', ...(a as object) }));
    const run = bundle.run(fn, input ?? [], { select });
    const result = run.result as { ok?: boolean; message?: string };
    if (result.ok === false) throw new Error(`${fn}: ${result.message}`);
    for (const [method, count] of Object.entries(methods ?? {})) expect(run.byMethod[method] ?? 0, `${name}: ${method}`).toBe(count);
    return run.calls;
  });
}

describe('service calls of the logging actions, constant in rows', () => {
  it('at 100 and 2,000 contacts', { timeout: 120_000 }, () => {
    requireBuild();
    const small = callsAt(100);
    const large = callsAt(2000);
    const table = ACTIONS.map((a, i) => ({ action: a.name, budget: a.budget, goal: a.goal, at100: small[i], at2000: large[i] }));
    for (const row of table) {
      expect(row.at2000, row.action).toBe(row.at100);
      expect(row.at100, row.action).toBeLessThanOrEqual(row.budget);
    }
  });
});

// The interview with referrals at 100 and 10,000 contacts, with the Sheets advanced service and
// without it: the same calls either way, as its referral rows go inside the grid, where rows of
// the user's may hold formats and drop-downs to keep, so they are read and written through
// SpreadsheetApp as import does there. Spare rows below the table with the tracker's formats and
// drop-downs (as setup leaves the grid it finds) cost 2 fewer: nothing of them is written.
const REFERRALS = ACTIONS.find((a) => a.name === 'Log interview + 2 referrals')!;
const REFERRAL_BUDGET = { bare: 31, formatted: 29 };

describe('service calls of an interview with 2 referrals, at 100 and 10,000 contacts, with and without the Sheets API', () => {
  for (const route of ['Sheets API', 'SpreadsheetApp only'] as const)
    it(route, { timeout: 300_000 }, () => {
      requireBuild();
      for (const rows of [100, 10_000])
        for (const formatted of [false, true]) {
          const bundle = world(rows, { formatted, ...(route === 'SpreadsheetApp only' ? { advancedServices: [] } : {}) });
          const run = bundle.run(REFERRALS.fn, [{ eventId: 'budget-referrals', date: '2026-01-09', ...(REFERRALS.args![0] as object) }]);
          const result = run.result as { ok?: boolean; message?: string };
          if (result.ok === false) throw new Error(result.message);
          const where = `${rows} contacts, spare rows ${formatted ? 'formatted' : 'bare'}`;
          for (const [method, count] of Object.entries(REFERRALS.methods!)) expect(run.byMethod[method] ?? 0, `${where}: ${method}`).toBe(count);
          expect(run.calls, where).toBe(REFERRAL_BUDGET[formatted ? 'formatted' : 'bare']);
        }
    });
});

// The first logged event also creates the Interview log. Where the manifest enables the Sheets
// advanced service: the sheet (added with the ID remembered just before, so that a re-run finds it
// or adds it again under that ID), its layout, header and column tags, and the Dashboard's formulas
// that await the log, in one Sheets API batchUpdate, after one Sheets.Spreadsheets.get for the
// sheets' names and IDs; the log's record written once before it, the Dashboard's once after; the
// event's row in one getRange by A1 and one setValues. Without the service, SpreadsheetApp: see
// FALLBACK below and the README's speed section.
const FIRST_USE = { budget: 25, goal: 25 };
const FIRST_USE_METHODS = {
  'Sheets.Spreadsheets.get': 1,
  'Sheets.Spreadsheets.batchUpdate': 1,
  'Spreadsheet.insertSheet': 0,
  'Spreadsheet.getSheets': 0,
  'Sheet.getName': 0,
  'Sheet.activate': 0,
  'Range.setFormula': 0,
  'Properties.setProperty': 2,
};
/**
 * Without the advanced service, as before it was used for the sheet: 37 calls more than through
 * the API (the sheets and their names read, insertSheet and putting the user back on their sheet,
 * the grid's size, the frozen row, 7 column widths, the date formats, the header's weight and
 * values, 8 column tags a call each with the range list they are on, the Dashboard's two formulas
 * after its protections, the log's record once more). See the README's speed section.
 */
const FALLBACK = { budget: 62 };

function firstUseCalls(rows: number, api: boolean): { calls: number; byMethod: Record<string, number> } {
  const { bundle, emu } = addOnOnContacts(toCsv(handMadeContacts(rows)), BUILD, { setUp: true, ...(api ? {} : { advancedServices: [] }) });
  const contacts = emu.active.getSheetByName('Contacts')!;
  contacts.insertRowsAfter(contacts.getMaxRows(), 100);
  const run = bundle.run('logPitchSent', [{ eventId: 'budget-first-use', contactIds: ['C-0002'], date: '2026-01-09' }]);
  if ((run.result as { ok?: boolean }).ok === false) throw new Error(String((run.result as { message?: string }).message));
  expect(emu.active.getSheetByName('Interview log')).not.toBeNull();
  return run;
}

describe('service calls of the first logged event, which creates the Interview log', () => {
  it('at 100 and 10,000 contacts, through the Sheets API', { timeout: 300_000 }, () => {
    requireBuild();
    const [small, large] = [100, 10_000].map((rows) => firstUseCalls(rows, true));
    expect(large.calls).toBe(small.calls);
    for (const [method, count] of Object.entries(FIRST_USE_METHODS)) expect(small.byMethod[method] ?? 0, method).toBe(count);
    expect(small.calls).toBeLessThanOrEqual(FIRST_USE.budget);
  });

  it('at 100 and 10,000 contacts, without the advanced service', { timeout: 300_000 }, () => {
    requireBuild();
    const [small, large] = [100, 10_000].map((rows) => firstUseCalls(rows, false));
    expect(small.byMethod['Sheets.Spreadsheets.batchUpdate']).toBeUndefined();
    expect(large.calls).toBe(small.calls);
    expect(small.calls).toBeLessThanOrEqual(FALLBACK.budget);
  });
});

// The dialog's calls one by one, at the bench's smallest and largest trackers: the same twelve.
const DIALOG_CALLS = {
  'PropertiesService.getDocumentProperties': 1,
  'Properties.getProperties': 1,
  'SpreadsheetApp.getActiveSheet': 1,
  'Sheet.getSheetId': 1,
  'Sheet.getSheetValues': 1,
  'Sheet.getActiveRangeList': 1,
  'RangeList.getRanges': 1,
  'Range.getA1Notation': 1,
  'HtmlService.createTemplateFromFile': 1,
  'HtmlTemplate.evaluate': 1,
  'SpreadsheetApp.getUi': 1,
  'Ui.showModalDialog': 1,
};

describe('service calls of opening a log dialog', () => {
  for (const rows of [100, 10_000]) {
    it(`Log interview, 3 rows selected, at ${rows.toLocaleString('en')} contacts`, { timeout: 300_000 }, () => {
      requireBuild();
      const { bundle, emu } = addOnOnContacts(toCsv(handMadeContacts(rows)), BUILD, { setUp: true });
      const contacts = emu.active.getSheetByName('Contacts')!;
      contacts.insertRowsAfter(contacts.getMaxRows(), 100);
      const run = bundle.run('showInterviewDialog', [], { select: 'Contacts!A2:A4' });
      expect((run.result as { contacts?: unknown[] }).contacts).toHaveLength(3);
      expect(run.byMethod).toEqual(DIALOG_CALLS);
    });
  }
});
