// A contact's history and the void planner, on hand-built tables: the order of events, voiding
// rows applied, introductions both ways, the replay and the cells a void may touch.
import { describe, expect, it } from 'vitest';
import { contactHistory, type HistoryTable, type LogTable } from '../../../src/core/history/history.ts';
import { planVoid } from '../../../src/core/history/void.ts';
import { isVoidingRow, voidedKeyOf, voidingKey } from '../../../src/core/history/void-rows.ts';
import { LOG_KEYS, stageBeforeIn, stageBeforeLine } from '../../../src/core/logging/interview-log.ts';
import type { Cell } from '../../../src/core/tracker/cells.ts';

const TODAY = { year: 2026, month: 1, day: 20 };
// Name, Contact ID, Referred by, Stage, Last contact, Next follow-up, Interview date, Referrals given
function table(rows: Cell[][]): HistoryTable {
  return {
    headerRow: 1,
    rows,
    contact: { fullName: 0 },
    tracker: { contactId: 1, referredBy: 2, stage: 3, lastContact: 4, nextFollowUp: 5, interviewDate: 6, referralsGiven: 7 },
    timeZone: 'Etc/UTC',
  };
}
const COLUMNS = Object.fromEntries(LOG_KEYS.map((k, i) => [k, i + 1])) as LogTable['columns'];
/** timestamp, event date, contact ID, name, event, details, next step, event ID */
const logOf = (rows: Cell[][]): LogTable => ({ rows, columns: COLUMNS });

describe('contactHistory', () => {
  const t = table([
    ['Ada', 'C-0001', '', 'Pitched', '2026-01-05', '2026-01-14', '', ''],
    ['Bob', 'C-0002', 'C-0001', 'To contact', '', '', '', ''],
    ['Cy', 'C-0003', 'c-1', 'To contact', '', '', '2026-01-25', ''],
    ['Dee', 'C-0004', 'my aunt', 'To contact', '', '', '2026-01-02', ''],
  ]);

  it('newest first by event date, a later row first on the same day; voiding rows applied, not listed', () => {
    const log = logOf([
      ['2026-01-05 10:00:00', '2026-01-05', 'C-0001', 'Ada', 'Pitch sent', 'hi', 'wait', 'a/C-0001'],
      ['2026-01-06 10:00:00', '2026-01-07', 'C-0001', 'Ada', 'Reply', '', '', 'b/C-0001'],
      ['2026-01-06 11:00:00', '2026-01-05', 'C-0001', 'Ada', 'Follow-up sent', '', '', 'c/C-0001'],
      ['2026-01-06 11:00:00', '2026-01-05', 'C-0002', 'Bob', 'Pitch sent', '', '', 'a/C-0002'],
      ['2026-01-08 09:30:00', '2026-01-07', 'C-0001', 'Ada', 'Voided: Reply', 'Reason: twice', '', 'b/C-0001/voided'],
    ]);
    const h = contactHistory(t, log, 'C-0001', TODAY);
    if (typeof h === 'string') throw new Error(h);
    expect(h.events.map((e) => [e.date, e.event, e.voided])).toEqual([
      ['2026-01-07', 'Reply', { reason: 'Reason: twice', on: '2026-01-08' }],
      ['2026-01-05', 'Follow-up sent', null],
      ['2026-01-05', 'Pitch sent', null],
    ]);
    expect(h.introduced).toEqual([
      { id: 'C-0002', name: 'Bob' },
      { id: 'C-0003', name: 'Cy' },
    ]);
    expect(h.pending).toEqual([{ label: 'Next follow-up', date: '2026-01-14', overdue: true }]);
  });

  it('an introducer typed as text is kept as text; a conversation ahead is pending, one past is not', () => {
    const dee = contactHistory(t, null, 'C-0004', TODAY);
    expect(typeof dee !== 'string' && [dee.introducedBy, dee.pending]).toEqual([{ id: '', name: 'my aunt' }, []]);
    const cy = contactHistory(t, null, 'C-0003', TODAY);
    expect(typeof cy !== 'string' && [cy.introducedBy, cy.pending]).toEqual([
      { id: 'C-0001', name: 'Ada' },
      [{ label: 'Conversation', date: '2026-01-25', overdue: false }],
    ]);
    expect(contactHistory(t, null, 'nope', TODAY)).toMatch(/no Contact ID/);
  });
});

describe('void rows', () => {
  it('name the row they void, and only a row whose Event says Voided is one', () => {
    expect(voidingKey('x/C-0001')).toBe('x/C-0001/voided');
    expect(voidedKeyOf('x/C-0001/voided', 'Voided: Pitch sent')).toBe('x/C-0001');
    expect(voidedKeyOf('x/C-0001/voided', 'Pitch sent')).toBeNull();
    expect(voidedKeyOf('/voided', 'Voided: Pitch sent')).toBeNull();
    expect(isVoidingRow('Voided: Reply')).toBe(true);
  });
});

describe('the stage written before anything was logged', () => {
  it('is read back from the last line of Details only, whatever its text holds', () => {
    for (const stage of ['Replied', 'said "yes".\nthen "no"', '=1+1', ' Pitched ']) {
      expect(stageBeforeIn(`30 min.\nLearned: x\n${stageBeforeLine(stage)}`)).toBe(stage);
      expect(stageBeforeIn(stageBeforeLine(stage))).toBe(stage);
    }
    // A note that looks like one, followed by other lines, is not one.
    expect(stageBeforeIn(`${stageBeforeLine('Scheduled')}\nReferrals: Bob (C-0002)`)).toBeNull();
    expect(stageBeforeIn('Stage before: Scheduled.')).toBeNull();
  });

  it('is nothing when the user edited the line into text JSON cannot read (a bad escape), instead of an error', () => {
    expect(stageBeforeIn('Stage before: "Rep\\qlied".')).toBeNull();
    expect(stageBeforeIn('Stage before: "\\u12".')).toBeNull();
  });

  it('is where the replay starts for the contact whose first row recorded it, voided or not', () => {
    const log = logOf([
      ['', '2026-01-05', 'C-0001', 'Ada', 'Pitch sent', stageBeforeLine('Replied'), '', 'a/C-0001'],
      ['', '2026-01-05', 'C-0001', 'Ada', 'Voided: Pitch sent', '', '', 'a/C-0001/voided'],
      ['', '2026-01-12', 'C-0001', 'Ada', 'Follow-up sent', '', '', 'b/C-0001'],
    ]);
    const t = table([['Ada', 'C-0001', '', 'Followed up', '2026-01-12', '2026-01-21', '', '']]);
    const plan = planVoid(t, log, { eventId: 'b/C-0001', reason: '' }, TODAY);
    expect(plan.ok && plan.changed).toEqual([
      { column: 'stage', value: 'Replied' },
      { column: 'lastContact', value: '' },
      { column: 'nextFollowUp', value: '' },
    ]);
  });
});

describe('planVoid', () => {
  const log = logOf([
    ['', '2026-01-05', 'C-0001', 'Ada', 'Pitch sent', '', '', 'a/C-0001'],
    ['', '2026-01-12', 'C-0001', 'Ada', 'Follow-up sent', '', '', 'b/C-0001'],
  ]);

  it('replays the events that stand: voiding the follow-up brings back what the pitch made', () => {
    const t = table([['Ada', 'C-0001', '', 'Followed up', '2026-01-12', '2026-01-21', '', '']]);
    const plan = planVoid(t, log, { eventId: 'b/C-0001', reason: 'never sent' }, TODAY);
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.fills).toEqual([
      { row: 2, column: 4, value: 'Pitched' },
      { row: 2, column: 5, value: { year: 2026, month: 1, day: 5 } },
      { row: 2, column: 6, value: { year: 2026, month: 1, day: 14 } },
    ]);
    expect(plan.log).toEqual([
      expect.objectContaining({
        contactId: 'C-0001',
        eventType: 'Voided: Follow-up sent',
        details: 'Reason: never sent',
        key: 'b/C-0001/voided',
        eventDate: { year: 2026, month: 1, day: 12 },
      }),
    ]);
    expect(plan.kept).toEqual([]);
  });

  it('touches no cell that no longer holds what the events made it; a re-run after the writes plans none', () => {
    const edited = table([['Ada', 'C-0001', '', 'Declined', '2026-01-12', '2026-01-21', '', '']]);
    const plan = planVoid(edited, log, { eventId: 'b/C-0001', reason: '' }, TODAY);
    expect(plan.ok && [plan.fills.map((f) => f.column), plan.kept]).toEqual([[5, 6], ['stage']]);
    const done = table([['Ada', 'C-0001', '', 'Pitched', '2026-01-05', '2026-01-14', '', '']]);
    const again = planVoid(done, log, { eventId: 'b/C-0001', reason: '' }, TODAY);
    expect(again.ok && [again.fills, again.kept, again.log.length]).toEqual([[], [], 1]);
  });
});
