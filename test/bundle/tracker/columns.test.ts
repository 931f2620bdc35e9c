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
  it('the same at 100 and 2,000 contacts; run again on a set-up tracker, at most 25 (its own part at most 20) and no metadata walk', () => {
    requireBuild();
    const counts = [100, 2000].map((rows) => {
      const { bundle } = addOnOnContacts(toCsv(handMadeContacts(rows)), BUILD);
      const first = bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
      const again = bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
      expect((again.result as SetupResult).ok && (again.result as SetupResult & { ok: true }).changed).toBe(false);
      return { first: first.calls, again: again.calls, walk: metadataCalls(again.byMethod) };
    });
    expect(counts[1]).toEqual(counts[0]);
    // Of the re-run's calls, 4 are the Dashboard's check that it exists (dashboardAfterSetup).
    expect(counts[0].again).toBeLessThanOrEqual(25);
    expect(counts[0].walk).toBe(0);
  });
});
