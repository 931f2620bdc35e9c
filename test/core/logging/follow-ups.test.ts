import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../../src/core/base/dates.ts';
import type { Cell } from '../../../src/core/tracker/cells.ts';
import { describeFollowUps, dueText, followUpsDue, type FollowUpTable } from '../../../src/core/logging/follow-ups.ts';
import { CLOSED_STAGES } from '../../../src/core/tracker/schema.ts';

const today = parseIsoDate('2026-01-14')!; // a Wednesday
// Dates as Sheets returns them for a date cell in UTC+13 (Pacific/Auckland in January): local midnight.
const auckland = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 13 * 3_600_000);

const table: FollowUpTable = {
  headerRow: 1,
  rows: [
    ['Ada Lovelace', 'C-0001', 'Pitched', auckland('2026-01-05'), auckland('2026-01-14')],
    ['Grace Hopper', 'C-0002', 'Interviewed', auckland('2026-01-09'), auckland('2026-01-10')],
    ['Alan Turing', 'C-0003', 'Declined', auckland('2026-01-02'), auckland('2026-01-03')],
    ['Katherine Johnson', 'C-0004', 'Pitched', auckland('2026-01-09'), auckland('2026-01-20')],
    ['Linus', 'C-0005', 'Pitched', auckland('2026-01-13'), auckland('2026-01-22')],
    ['Margaret Hamilton', 'C-0006', 'Scheduled', '', auckland('2026-01-15')],
    ['', '', '', '', auckland('2026-01-01')],
  ] as Cell[][],
  contact: { fullName: 0 },
  tracker: { contactId: 1, stage: 2, lastContact: 3, nextFollowUp: 4 },
  timeZone: 'Pacific/Auckland',
};

describe('followUpsDue', () => {
  const found = followUpsDue(table, today);

  it('lists open contacts whose follow-up is today or past, most overdue first', () => {
    expect(found.due.map((d) => [d.id, d.daysOverdue])).toEqual([
      ['C-0002', 4],
      ['C-0001', 0],
    ]);
    expect(found.due[0].step).toBe('send Grace a thank-you');
    expect(found.due[1].step).toBe('follow up once with Ada');
  });

  it('suggests a second contact for pitches unanswered for 3 business days', () => {
    // Pitched Fri 9th: 3 business days later is Wed 14th (today). Pitched Tue 13th: not yet.
    expect(found.secondContact.map((h) => h.name)).toEqual(['Katherine Johnson']);
  });

  it('says so in plain words', () => {
    const text = describeFollowUps(found, today);
    expect(text).toContain('2 contacts are due for a follow-up (today is Wed 2026-01-14)');
    expect(text).toContain('Row 3: Grace Hopper (C-0002), 4 days overdue: send Grace a thank-you.');
    expect(dueText(1)).toBe('1 day overdue');
    expect(text).toContain('Row 2: Ada Lovelace (C-0001), due today: follow up once with Ada.');
    expect(text).toContain('Row 5: Katherine Johnson, pitched Fri 2026-01-09.');
    expect(describeFollowUps({ due: [], secondContact: [] }, today)).toBe('No follow-ups are due (today is Wed 2026-01-14).');
  });
});

describe('closed stages', () => {
  it('Declined, No response and Thanked are never due, whatever the case (the dashboard and the colours agree)', () => {
    const rows = [
      ['Ada Lovelace', 'C-0001', 'thanked', '', auckland('2026-01-10')],
      ['Grace Hopper', 'C-0002', 'No response', '', auckland('2026-01-10')],
      ['Alan Turing', 'C-0003', 'DECLINED', '', auckland('2026-01-10')],
      ['Katherine Johnson', 'C-0004', 'Interviewed', '', auckland('2026-01-10')],
    ] as Cell[][];
    expect(followUpsDue({ ...table, rows }, today).due.map((d) => d.id)).toEqual(['C-0004']);
    expect(CLOSED_STAGES).toEqual(['Declined', 'No response', 'Thanked']);
  });
});

describe('the second contact of 3B7', () => {
  const rows = (extra: Cell[][]): FollowUpTable => ({
    headerRow: 1,
    rows: [['Katherine Johnson', 'C-0004', 'Pitched', auckland('2026-01-09'), auckland('2026-01-20'), 'NASA'], ...extra] as Cell[][],
    contact: { fullName: 0, company: 5 },
    tracker: { contactId: 1, stage: 2, lastContact: 3, nextFollowUp: 4 },
    timeZone: 'Pacific/Auckland',
  });

  it('names the people at the same organisation not contacted yet', () => {
    const found = followUpsDue(
      rows([
        ['Dorothy Vaughan', 'C-0007', 'To contact', '', '', 'nasa'],
        ['Mary Jackson', 'C-0008', '', '', '', 'NASA'],
        ['Ada', 'C-0009', 'To contact', '', '', 'Acme'],
      ]),
      today,
    );
    expect(found.secondContact).toEqual([expect.objectContaining({ name: 'Katherine Johnson', candidates: ['Dorothy Vaughan', 'Mary Jackson'] })]);
    expect(describeFollowUps(found, today)).toContain(
      'Row 2: Katherine Johnson (NASA), pitched Fri 2026-01-09; not contacted yet at NASA: Dorothy Vaughan, Mary Jackson.',
    );
  });

  it('stops once someone else there has been contacted since the pitch', () => {
    expect(followUpsDue(rows([['Dorothy Vaughan', 'C-0007', 'Pitched', auckland('2026-01-13'), auckland('2026-01-22'), 'NASA']]), today).secondContact).toEqual(
      [],
    );
    // Contacted before the pitch: that was not the second contact.
    expect(followUpsDue(rows([['Dorothy Vaughan', 'C-0007', 'Thanked', auckland('2025-12-01'), '', 'NASA']]), today).secondContact).toHaveLength(1);
  });
});
