import { describe, expect, it } from 'vitest';
import { MAX_PENDING_CHARS, type PendingEvent, parsePending, withoutPending, withPending } from '../../../src/core/logging/pending-events.ts';

const entry = (key: string, n = 1): PendingEvent => ({
  key,
  referralsGiven: n,
  referrals: Object.fromEntries(Array.from({ length: n }, (_, i) => [`C-${String(i + 1).padStart(4, '0')}`, 'added'])),
  idCounter: n,
});

describe('pending events', () => {
  it('round-trips through a property, ignoring what is not a pending event', () => {
    const list = [entry('a/C-0001'), entry('b/C-0002')];
    expect(parsePending(JSON.stringify(list))).toEqual(list);
    expect(parsePending(JSON.stringify([{ key: 1 }, list[0], 'x']))).toEqual([list[0]]);
    expect(parsePending('{not json')).toEqual([]);
    expect(parsePending(null)).toEqual([]);
  });

  it('puts new entries first, replaces an entry of the same key, and forgets by key', () => {
    const list = withPending([entry('a/C-0001'), entry('b/C-0002')], [entry('b/C-0002', 2)]);
    expect(list.map((p) => [p.key, p.referralsGiven])).toEqual([
      ['b/C-0002', 2],
      ['a/C-0001', 1],
    ]);
    expect(withoutPending(list, new Set(['a/C-0001']))).toEqual([list[0]]);
  });

  it('drops the oldest entries to stay within one property value (9 KB)', () => {
    let list: PendingEvent[] = [];
    for (let i = 0; i < 40; i++) list = withPending(list, [entry(`event-${i}/C-0001`, 50)]);
    expect(JSON.stringify(list).length).toBeLessThanOrEqual(MAX_PENDING_CHARS);
    expect(list[0].key).toBe('event-39/C-0001');
    expect(list.length).toBeGreaterThan(1);
  });
});
