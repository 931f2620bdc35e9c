// "What gets replies" through the built bundle, as a user gets there: the tracker and its
// Dashboard set up before any event, pitches marked as sent from the pitch sidebar (their
// template recorded) and from the menu ("(not recorded)"), replies, a conversation, a follow-up
// and a voided reply; the block's live formulas follow with no rebuild. (The numbers over
// generated logs are checked against the oracle in property.test.ts.)
import { describe, expect, it } from 'vitest';
import type { LogResult, SetupResult } from '../../../src/shared/types.ts';
import type { VoidResult } from '../../../src/shared/history.ts';
import { addOn, requireBuild } from '../../helpers.ts';
import { rowOf } from './world.ts';
import { TEMPLATE_ROWS } from '../../../src/core/dashboard/layout.ts';

const CSV = ['Name,Email', ...['Ada', 'Alan', 'Grace', 'Linus', 'Radia', 'Ken', 'Hedy'].map((n) => `${n},${n.toLowerCase()}@example.com`)].join('\n');

describe('What gets replies on the Dashboard', () => {
  requireBuild();

  it('counts each first pitch by its template, relationship and follow-up, without voided events, from the first event on', () => {
    const app = addOn({ csv: CSV, sheetName: 'Contacts', timeZone: 'Etc/UTC' });
    expect((app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as SetupResult).ok).toBe(true);
    const tracker = app.ss.getSheetByName('Contacts')!;
    const relationship = tracker.getRange(1, 1, 1, tracker.getLastColumn()).getValues()[0].indexOf('Relationship') + 1;
    tracker.getRange(2, relationship, 5, 1).setValues([['Friend'], ['Friend'], ['Alumni'], ['Friend'], ['Cold']]);
    const ok = (result: unknown) => {
      const r = result as LogResult | VoidResult;
      if (!r.ok) throw new Error(r.message);
    };
    const on = (date: string) => app.emu.setNow(Date.parse(`${date}T12:00:00Z`));

    on('2026-03-02');
    ['C-0001', 'C-0002', 'C-0003', 'C-0004', 'C-0005'].forEach((contactId, i) =>
      ok(
        app.bundle.run('markMessageSent', [
          { eventId: `sidebar-pitch-000${i}`, contactId, purpose: 'pitch', templateName: 'Warm <intro>?', subject: 'Twenty minutes of your time?' },
        ]).result,
      ),
    );
    ok(app.bundle.run('logPitchSent', [{ eventId: 'menu-pitch-01', contactIds: ['C-0006'], date: '2026-03-02' }]).result);
    on('2026-03-05');
    ok(app.bundle.run('logReply', [{ eventId: 'reply-01', contactIds: ['C-0001', 'C-0002'], date: '2026-03-05' }]).result);
    on('2026-03-09');
    ok(app.bundle.run('logFollowUp', [{ eventId: 'follow-01', contactIds: ['C-0004'], date: '2026-03-09' }]).result);
    ok(app.bundle.run('logReply', [{ eventId: 'reply-02', contactIds: ['C-0003'], date: '2026-03-09' }]).result);
    on('2026-03-12');
    ok(app.bundle.run('logInterview', [{ eventId: 'talk-0001', contactIds: ['C-0002'], date: '2026-03-12', minutes: 20, referrals: [] }]).result);
    ok(app.bundle.run('voidEvent', [{ eventId: 'reply-02/C-0003', reason: 'It was another Grace' }]).result);

    const dash = app.ss.getSheetByName('Dashboard')!;
    const grid = dash.getDataRange().getValues();
    const block = grid.slice(grid.findIndex((r) => r[0] === 'What gets replies'));
    const row = (label: string) => rowOf(block, label).slice(0, 6);
    expect(block[3].slice(0, 6)).toEqual(['Warm <intro>?', 5, 2, 0.4, 1, 0.2]);
    expect(block[4].slice(0, 6)).toEqual(['(not recorded)', 1, 0, 'too few to tell', 0, 'too few to tell']);
    expect(row('Friend')).toEqual(['Friend', 3, 2, 'too few to tell', 1, 'too few to tell']);
    expect(row('Alumni')).toEqual(['Alumni', 1, 0, 'too few to tell', 0, 'too few to tell']);
    expect(row('Other or blank')).toEqual(['Other or blank', 1, 0, 'too few to tell', 0, 'too few to tell']);
    expect(row('Followed up (before any reply)')).toEqual(['Followed up (before any reply)', 1, 0, 'too few to tell', 0, 'too few to tell']);
    expect(row('Not followed up')).toEqual(['Not followed up', 5, 2, 0.4, 1, 0.2]);
    const all = row('All first pitches');
    expect([all[1], all[2], all[4]]).toEqual([6, 2, 1]);
    expect(all[3]).toBeCloseTo(2 / 6, 9);
    expect(all[5]).toBeCloseTo(1 / 6, 9);
    expect(row('Median days to a reply')[1]).toBe(3);
  });

  // The template rows are a fixed number (docs/dashboard.md, "What gets replies"): templates come
  // as pitches are marked sent, with no rebuild, and the rows below them stay where they are.
  it(`shows templates in their ${TEMPLATE_ROWS} rows as they are first used, with no rebuild, and adds up the rest`, () => {
    const names = Array.from({ length: TEMPLATE_ROWS + 2 }, (_, i) => `Person ${i + 1}`);
    const csv = ['Name,Email', ...names.map((n, i) => `${n},person${i + 1}@example.com`)].join('\n');
    const app = addOn({ csv, sheetName: 'Contacts', timeZone: 'Etc/UTC' });
    expect((app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as SetupResult).ok).toBe(true);
    const dash = app.ss.getSheetByName('Dashboard')!;
    const block = () => {
      const grid = dash.getDataRange().getValues();
      return { grid, start: grid.findIndex((r) => r[0] === 'What gets replies') };
    };
    const built = block();
    const labelsBelow = (grid: unknown[][], start: number) => grid.slice(start + 3 + TEMPLATE_ROWS, start + 3 + TEMPLATE_ROWS + 16).map((r) => r[0]);
    const below = labelsBelow(built.grid, built.start);
    // Each template in its own case; the last is the first one's name in capitals, the same template.
    const templates = [...Array.from({ length: TEMPLATE_ROWS + 1 }, (_, i) => `Template ${i + 1}`), 'TEMPLATE 1'];
    const shown = () => {
      const { grid, start } = block();
      return grid.slice(start + 3, start + 3 + TEMPLATE_ROWS).map((r) => r.slice(0, 3));
    };
    templates.forEach((templateName, i) => {
      const contactId = `C-${String(i + 1).padStart(4, '0')}`;
      app.emu.setNow(Date.parse(`2026-03-${String(i + 2).padStart(2, '0')}T12:00:00Z`));
      const sent = app.bundle.run('markMessageSent', [{ eventId: `sidebar-pitch-${i}`, contactId, purpose: 'pitch', templateName, subject: 'Hello' }]);
      expect(sent.result as LogResult, JSON.stringify(sent.result)).toMatchObject({ ok: true });
      if (i === 1) expect(shown()).toEqual([['Template 1', 1, 0], ['Template 2', 1, 0], ...Array.from({ length: TEMPLATE_ROWS - 2 }, () => ['', '', ''])]);
    });
    expect(shown()).toEqual(Array.from({ length: TEMPLATE_ROWS }, (_, k) => [`Template ${k + 1}`, k === 0 ? 2 : 1, 0]));
    const { grid, start } = block();
    expect(start).toBe(built.start);
    expect(labelsBelow(grid, start)).toEqual(below);
    expect(below).toContain('By relationship');
    expect(rowOf(grid.slice(start), 'Other templates').slice(0, 3)).toEqual(['Other templates', 1, 0]);
    expect(rowOf(grid.slice(start), 'All first pitches')[1]).toBe(TEMPLATE_ROWS + 2);
  });
});
