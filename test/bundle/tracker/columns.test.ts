// Finding the tracker's columns through the built bundle: from the layout the record remembers,
// checked against the header row the action reads anyway, with the per-column metadata walk
// only when the header row changed (a column renamed, moved or inserted), after which the next
// action that holds the lock remembers the new layout.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, BUILD, FIXTURES, requireBuild } from '../../helpers.ts';
import { addOnOnContacts } from '../../../local/bundle.ts';
import { handMadeContacts, toCsv } from '../../../local/generate.ts';
import type { EmuSheet } from '../../../local/emulator/spreadsheet/sheet.ts';
import type { LogResult, SetupResult } from '../../../src/shared/types.ts';
import { describeFailures, sweepAction } from '../fault-sweep.ts';

const HAND_MADE = readFileSync(join(FIXTURES, 'hand-made.csv'), 'utf8');

/** Calls that read the columns' developer metadata (the walk). */
function metadataCalls(byMethod: Record<string, number>): number {
  return Object.entries(byMethod)
    .filter(([name]) => name.startsWith('DeveloperMetadata') || name === 'Sheet.createDeveloperMetadataFinder')
    .reduce((n, [, count]) => n + count, 0);
}

function header(sheet: EmuSheet): unknown[] {
  return sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
}

function cell(sheet: EmuSheet, id: string, column: number): unknown {
  const idColumn = header(sheet).indexOf('Contact ID') + 1;
  const row = sheet
    .getRange(1, idColumn, sheet.getLastRow(), 1)
    .getValues()
    .findIndex((r) => r[0] === id);
  return sheet.getRange(row + 1, column).getValue();
}

describe('reading the tracker', () => {
  it('costs the same calls at 100 and 2,000 contacts, with no metadata walk once set up', () => {
    requireBuild();
    const counts = [100, 2000].map((rows) => {
      const { bundle } = addOnOnContacts(toCsv(handMadeContacts(rows)), BUILD, { setUp: true });
      const runs = {
        followUps: bundle.run('showFollowUpsDue'),
        next: bundle.run('nextContact', ['toContact']),
        dialog: bundle.run('showInterviewDialog', [], { select: 'Contacts!A2:A4' }),
      };
      for (const [name, run] of Object.entries(runs)) expect(metadataCalls(run.byMethod), `${name} at ${rows} rows`).toBe(0);
      return Object.fromEntries(Object.entries(runs).map(([name, run]) => [name, run.calls]));
    });
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[0].followUps).toBeLessThanOrEqual(15);
    expect(counts[0].next).toBeLessThanOrEqual(12);
  });
});

describe('after the user changed the header row, the columns are found by their metadata, then remembered again', () => {
  function setUp() {
    const app = addOn({ csv: HAND_MADE, sheetName: 'Contacts' });
    const setup = app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as SetupResult;
    if (!setup.ok) throw new Error(setup.message);
    return { ...app, sheet: app.ss.getSheetByName('Contacts')! };
  }
  const pitch = (app: ReturnType<typeof setUp>, id: string, eventId: string) => {
    const run = app.bundle.run('logPitchSent', [{ eventId, contactIds: [id], date: '2026-01-09' }]);
    const result = run.result as LogResult;
    if (!result.ok) throw new Error(result.message);
    return run;
  };

  it('Stage renamed "Status" and moved to column A: found, written there, and the next reads walk no more', () => {
    const app = setUp();
    const { sheet } = app;
    const stage = header(sheet).indexOf('Stage') + 1;
    sheet.getRange(1, stage).setValue('Status');
    sheet.moveColumns(sheet.getRange(1, stage, sheet.getMaxRows(), 1), 1);

    // A read that does not hold the lock walks, and leaves the record as it was.
    const first = app.bundle.run('nextContact', ['toContact']);
    expect(metadataCalls(first.byMethod)).toBeGreaterThan(0);
    expect((first.result as { contact?: { id: string } }).contact?.id).toBe('C-0001');
    expect(metadataCalls(app.bundle.run('showFollowUpsDue').byMethod)).toBeGreaterThan(0);

    // Logging holds the lock: it walks once and remembers the new layout.
    const logged = pitch(app, 'C-0002', 'moved-event-1');
    expect(metadataCalls(logged.byMethod)).toBeGreaterThan(0);
    expect(cell(sheet, 'C-0002', 1)).toBe('Pitched');
    expect(header(sheet)[0]).toBe('Status');

    const record = JSON.parse(app.emu.properties.document.get('iit.tracker')!) as { layout: { header: string[]; tracker: { stage: number } } };
    expect(record.layout.header[0]).toBe('Status');
    expect(record.layout.tracker.stage).toBe(0);
    expect(metadataCalls(app.bundle.run('nextContact', ['toContact']).byMethod)).toBe(0);
    expect(metadataCalls(app.bundle.run('showFollowUpsDue').byMethod)).toBe(0);
    pitch(app, 'C-0003', 'moved-event-2');
    expect(cell(sheet, 'C-0003', 1)).toBe('Pitched');
  });

  it('a column inserted before the tracker columns, headed "Stage" by the user: every column is found one to the right', () => {
    const app = setUp();
    const { sheet } = app;
    const stage = header(sheet).indexOf('Stage') + 2;
    sheet.insertColumnBefore(1);
    sheet.getRange(1, 1).setValue('Stage');
    pitch(app, 'C-0004', 'inserted-event-1');
    // The typed "Stage" in column A is not the tracker's Stage: its metadata is one to the right.
    expect(cell(sheet, 'C-0004', 1)).toBe('');
    expect(cell(sheet, 'C-0004', stage)).toBe('Pitched');
    // Two columns headed "Stage": the header row cannot tell them apart, so every read walks.
    const twice = pitch(app, 'C-0005', 'inserted-event-2');
    expect(metadataCalls(twice.byMethod)).toBeGreaterThan(0);
    expect(cell(sheet, 'C-0005', stage)).toBe('Pitched');
    // Renamed, the next action that holds the lock remembers the layout, and the one after reads it.
    sheet.getRange(1, 1).setValue('Rank');
    pitch(app, 'C-0006', 'inserted-event-3');
    expect(metadataCalls(app.bundle.run('showFollowUpsDue').byMethod)).toBe(0);
    expect(cell(sheet, 'C-0006', stage)).toBe('Pitched');
  });
});

describe('Set up tracker: service calls', () => {
  it('the same at 100 and 2,000 contacts; run again on a set-up tracker, at most 20 and no metadata walk', () => {
    requireBuild();
    const counts = [100, 2000].map((rows) => {
      const { bundle } = addOnOnContacts(toCsv(handMadeContacts(rows)), BUILD);
      const first = bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
      const again = bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
      expect((again.result as SetupResult).ok && (again.result as SetupResult & { ok: true }).changed).toBe(false);
      return { first: first.calls, again: again.calls, walk: metadataCalls(again.byMethod) };
    });
    expect(counts[1]).toEqual(counts[0]);
    // The first run, with the first Dashboard (180 before the colour rules and drop-downs shared their builders, 168 before the tags reached their columns through one getRangeList, 152 before the grid size and properties already read were passed on, 150 before the merge check took the grid size too, 148 before setup told the first Dashboard the tracker it had just written instead of letting it read it again, 138 before one finder for a sheet set up for the first time and the drop-downs and colour rules setting only what changes from one to the next, 129 before the properties were read in one call and the new Dashboard's grid taken as insertSheet makes it, 124 before a new sheet's merges were read for the whole grid at once, 123 before every range setup writes but its scattered fills came from one getRangeList with the tags; 117 before the first Dashboard emptied the cells its lists fill, one RangeList.clearContent, so that no written "" blocks them; 118 before the new columns' block, column tags, bold header, formats, drop-downs, new colour rules and frozen header went in one Sheets API batchUpdate, with the file's ID, and the file was got once for it and the Dashboard).
    expect(counts[0].first).toBeLessThanOrEqual(60);
    // Of the re-run's calls, 2 are the Dashboard's check that it exists (dashboardAfterSetup); 22
    // before the properties were read in one call.
    expect(counts[0].again).toBeLessThanOrEqual(20);
    expect(counts[0].walk).toBe(0);
  });
});

describe('an action that adds columns leaves the remembered layout as a metadata walk would find it', () => {
  const CSV = 'Name,Email,Phone\nJordan Ellis,jordan.ellis@example.com,+1 555 0199\nZed Newman,zed@example.com,+1 555 0142\n';
  const prepare = () => {
    const app = addOn({ csv: HAND_MADE.replace(/,Phone$/m, ',Extra'), sheetName: 'Contacts' });
    const setup = app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as SetupResult;
    if (!setup.ok) throw new Error(setup.message);
    return app;
  };
  const importFile = (app: ReturnType<typeof prepare>) => {
    const result = app.bundle.run('importContacts', [CSV, {}]).result as { ok: boolean; message?: string };
    if (!result.ok) throw new Error(result.message);
  };

  it('Import adds a Phone column: the next reads need no walk', () => {
    const app = prepare();
    importFile(app);
    const sheet = app.ss.getSheetByName('Contacts')!;
    expect(header(sheet)).toContain('Phone');
    expect(metadataCalls(app.bundle.run('showFollowUpsDue').byMethod)).toBe(0);
  });

  // What is compared is whether the record's layout says what the metadata says (the whole
  // state of an import stopped anywhere is import's own sweep).
  it('and after an import stopped at any call and run again, the remembered layout says what the metadata says', { timeout: 120_000 }, () => {
    const report = sweepAction({ prepare, act: importFile, normalize: (_state, app) => layoutAgreesWithMetadata(app), maxPoints: 12 });
    // Every write the import makes is tried, the new column's tag and the record among them.
    expect(report.points.map((p) => p.call)).toEqual(expect.arrayContaining(['Range.addDeveloperMetadata', 'Properties.setProperty']));
    expect(describeFailures(report)).toBe('');
  });
});

/** Whether the tracker record's layout is the tags on the columns and the header row's text, or a message. */
function layoutAgreesWithMetadata(app: {
  emu: { properties: { document: Map<string, string> } };
  ss: { getSheetByName(name: string): EmuSheet | null };
}): true | string {
  const record = JSON.parse(app.emu.properties.document.get('iit.tracker')!) as { layout?: { tracker: object; contact: object; header: string[] } };
  if (!record.layout) return true;
  const sheet = app.ss.getSheetByName('Contacts')!;
  const tracker: Record<string, number> = {};
  const contact: Record<string, number> = {};
  for (const m of sheet.createDeveloperMetadataFinder().withKey('iit.column').find()) {
    const value = m.getValue()!;
    const column = m.getLocation().getColumn()!.getColumn() - 1;
    if (value.startsWith('contact:')) contact[value.slice('contact:'.length)] = column;
    else tracker[value] = column;
  }
  const texts = header(sheet).map(String);
  while (texts.at(-1) === '') texts.pop();
  const sorted = (o: object) => JSON.stringify(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
  const agrees =
    sorted(record.layout.tracker) === sorted(tracker) &&
    sorted(record.layout.contact) === sorted(contact) &&
    JSON.stringify(record.layout.header) === JSON.stringify(texts);
  return agrees || `layout ${JSON.stringify(record.layout)} ≠ metadata ${JSON.stringify({ tracker, contact, header: texts })}`;
}
