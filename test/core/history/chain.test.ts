// The chain of introductions behind a contact, on hand-built tables: Referred by first, the log's
// standing referrals where it is empty, cycles and missing links ending the chain; the sentence,
// each person's part, and the outcome that stands.
import { describe, expect, it } from 'vitest';
import { chainLines, chainSentence, introductionChain, partInChain, standingOutcome, type ChainTable } from '../../../src/core/history/chain.ts';
import type { LogTable } from '../../../src/core/history/history.ts';
import { LOG_KEYS } from '../../../src/core/logging/interview-log.ts';
import type { Cell } from '../../../src/core/tracker/cells.ts';

// Name, Contact ID, Referred by
function table(rows: Cell[][]): ChainTable {
  return { headerRow: 1, rows, contact: { fullName: 0 }, tracker: { contactId: 1, referredBy: 2 } };
}
const COLUMNS = Object.fromEntries(LOG_KEYS.map((k, i) => [k, i + 1])) as LogTable['columns'];
/** timestamp, event date, contact ID, name, event, details, next step, event ID */
const logOf = (rows: Cell[][]): LogTable => ({ rows, columns: COLUMNS });
const names = (chain: { name: string }[]) => chain.map((p) => p.name);

describe('introductionChain', () => {
  it('follows Referred by from the contact back to the first introducer', () => {
    const t = table([
      ['Ada', 'C-0001', ''],
      ['Bob', 'C-0002', 'C-0001'],
      ['Cy', 'C-0003', 'c-2'],
    ]);
    expect(introductionChain(t, null, 'C-0003')).toEqual([
      { id: 'C-0001', name: 'Ada' },
      { id: 'C-0002', name: 'Bob' },
      { id: 'C-0003', name: 'Cy' },
    ]);
    expect(introductionChain(t, null, 'C-0001')).toEqual([{ id: 'C-0001', name: 'Ada' }]);
    expect(introductionChain(t, null, 'C-0099')).toEqual([]);
  });

  it('a cycle in Referred by ends at the first person met twice, and a self-reference ends at once', () => {
    const t = table([
      ['Ada', 'C-0001', 'C-0003'],
      ['Bob', 'C-0002', 'C-0001'],
      ['Cy', 'C-0003', 'C-0002'],
      ['Dee', 'C-0004', 'C-0004'],
    ]);
    expect(names(introductionChain(t, null, 'C-0003'))).toEqual(['Ada', 'Bob', 'Cy']);
    expect(names(introductionChain(t, null, 'C-0001'))).toEqual(['Bob', 'Cy', 'Ada']);
    expect(names(introductionChain(t, null, 'C-0004'))).toEqual(['Dee']);
  });

  it('a missing link ends the chain: an ID no longer in the tracker is left out, typed text is kept as the first link without an ID', () => {
    const t = table([
      ['Bob', 'C-0002', 'C-0042'],
      ['Cy', 'C-0003', 'C-0002'],
      ['Dee', 'C-0004', 'my aunt =1+1'],
    ]);
    expect(names(introductionChain(t, null, 'C-0003'))).toEqual(['Bob', 'Cy']);
    expect(introductionChain(t, null, 'C-0004')).toEqual([
      { id: '', name: 'my aunt =1+1' },
      { id: 'C-0004', name: 'Dee' },
    ]);
  });

  it("where Referred by is empty, the log's standing referral says who introduced them; a voided interview's referrals do not", () => {
    const t = table([
      ['Ada', 'C-0001', ''],
      ['Bob', 'C-0002', ''],
      ['Cy', 'C-0003', ''],
      ['Eve', 'C-0005', 'C-0003'],
    ]);
    const logRows: Cell[][] = [
      ['', '2026-01-09', 'C-0001', 'Ada', 'Informational interview', '', '', 'iv1/C-0001'],
      ['', '2026-01-09', 'C-0002', 'Bob', 'Referred', 'Referred by Ada (C-0001)', '', 'iv1/C-0002/referred'],
      ['', '2026-01-12', 'C-0002', 'Bob', 'Informational interview', '', '', 'iv2/C-0002'],
      ['', '2026-01-12', 'C-0003', 'Cy', 'Referred', 'Referred by Bob (C-0002)', '', 'iv2/C-0003/referred'],
      ['', '2026-01-12', 'C-0005', 'Eve', 'Referred', 'Referred by Bob (C-0002)', '', 'iv2/C-0005/referred'],
    ];
    const log = logOf(logRows);
    expect(names(introductionChain(t, log, 'C-0003'))).toEqual(['Ada', 'Bob', 'Cy']);
    // Referred by is the user's word: Eve's says Cy, whatever the log says.
    expect(names(introductionChain(t, log, 'C-0005'))).toEqual(['Ada', 'Bob', 'Cy', 'Eve']);
    const voided = logOf([
      ...logRows,
      ['', '2026-01-12', 'C-0002', 'Bob', 'Voided: Informational interview', '', '', 'iv2/C-0002/voided'],
      ['', '2026-01-12', 'C-0003', 'Cy', 'Voided: Referred', '', '', 'iv2/C-0003/referred/voided'],
    ]);
    expect(names(introductionChain(t, voided, 'C-0003'))).toEqual(['Cy']);
  });
});

describe('chainSentence and partInChain', () => {
  const chain = [
    { id: 'C-0001', name: 'Ada' },
    { id: 'C-0002', name: 'Bob' },
    { id: 'C-0003', name: 'Cy' },
  ];
  it('names the chain as "A introduced B, who introduced C"; nothing for a contact nobody introduced', () => {
    expect(chainSentence(chain)).toBe('Ada introduced Bob, who introduced Cy');
    expect(chainSentence(chain.slice(1))).toBe('Bob introduced Cy');
    expect(chainSentence(chain.slice(2))).toBe('');
    expect(chainSentence([{ id: 'C-0009', name: '' }, chain[2]])).toBe('C-0009 introduced Cy');
  });
  it('gives each person their own part: whom they introduced onwards, or the conversation for the last', () => {
    expect(chain.map((_, i) => partInChain(chain, i))).toEqual([
      'you introducing me to Bob, who introduced me to Cy',
      'you introducing me to Cy',
      'our conversation',
    ]);
  });
});

describe('standingOutcome', () => {
  const rows: Cell[][] = [
    ['', '2026-02-01', 'C-0003', 'Cy', 'Job interview', '', '', 'j1/C-0003'],
    ['', '2026-02-10', 'C-0003', 'Cy', 'Offer', '', '', 'o1/C-0003'],
    ['', '2026-02-11', 'C-0004', 'Dee', 'Job interview', '', '', 'j2/C-0004'],
  ];
  it('an offer before a job interview; a voided one does not stand; none without the log', () => {
    expect(standingOutcome(logOf(rows), 'C-0003', 'Etc/UTC')).toEqual({ event: 'Offer', date: '2026-02-10', phrase: 'an offer' });
    const voided = logOf([...rows, ['', '2026-02-10', 'C-0003', 'Cy', 'Voided: Offer', '', '', 'o1/C-0003/voided']]);
    expect(standingOutcome(voided, 'C-0003', 'Etc/UTC')).toEqual({ event: 'Job interview', date: '2026-02-01', phrase: 'a job interview' });
    expect(standingOutcome(logOf(rows), 'C-0001', 'Etc/UTC')).toBeNull();
    expect(standingOutcome(null, 'C-0003', 'Etc/UTC')).toBeNull();
  });
});

describe('chainLines', () => {
  const person = (i: number) => ({ id: `C-${String(i).padStart(4, '0')}`, name: `P${i}` });
  it('names each chain, then where to thank them; an outcome logged for many names the first ten chains', () => {
    expect(chainLines([{ name: 'P2', chain: [person(1), person(2)] }])).toEqual([
      'How you got here: P1 introduced P2.',
      "Draft a pitch on P2's row offers everyone who led here an “It worked: thank you” update; Mark as sent logs it as “Update sent”.",
    ]);
    expect(chainLines([{ name: 'P1', chain: [person(1)] }])).toEqual([
      "Draft a pitch on P1's row offers them an “It worked: thank you” update; Mark as sent logs it as “Update sent”.",
    ]);
    const many = Array.from({ length: 12 }, (_, i) => ({ name: `P${i + 100}`, chain: [person(i), person(i + 100)] }));
    const lines = chainLines(many);
    expect(lines).toHaveLength(12);
    expect(lines[9]).toBe('How you got here: P9 introduced P109.');
    expect(lines[10]).toBe('…and 2 more chains.');
    expect(lines[11]).toMatch(/^Draft a pitch on each of their rows offers everyone who led here/);
  });
});
