import { describe, expect, it } from 'vitest';
import {
  assignIds,
  canonicalContactId,
  findDuplicateIds,
  formatContactId,
  hasContactIdPrefix,
  isContactId,
  parseContactId,
  uncountableIds,
  ContactIdsExhausted,
} from '../../../src/core/tracker/ids.ts';

describe('contact IDs', () => {
  it('formats and parses IDs', () => {
    expect(formatContactId(1)).toBe('C-0001');
    expect(formatContactId(12345)).toBe('C-12345');
    expect(parseContactId(' c-0042 ')).toBe(42);
    expect(parseContactId('C-12345')).toBe(12345);
    expect(parseContactId('42')).toBeNull();
    expect(parseContactId(42)).toBeNull();
    expect(isContactId('C-0001')).toBe(true);
    expect(isContactId('Contact 1')).toBe(false);
  });

  it('hasContactIdPrefix: text starting C- in any case, as the dashboard counts contacts and introductions', () => {
    expect(['C-0001', 'c-42', 'C-x', 'C-1e3'].map(hasContactIdPrefix)).toEqual([true, true, true, true]);
    expect(['', ' C-1', 'Contact', 'X-1', 42, null].map(hasContactIdPrefix)).toEqual([false, false, false, false, false, false]);
  });

  it('canonicalContactId: any spelling of an ID as the add-on writes it, or null', () => {
    expect(canonicalContactId(' c-42 ')).toBe('C-0042');
    expect(canonicalContactId('C-12345')).toBe('C-12345');
    expect(canonicalContactId('C-')).toBeNull();
    expect(canonicalContactId(42)).toBeNull();
  });

  it('starts at C-0001', () => {
    expect(assignIds([], 0, 3)).toEqual({ ids: ['C-0001', 'C-0002', 'C-0003'], counter: 3 });
  });

  it('continues after the largest ID on the sheet when the counter is behind', () => {
    expect(assignIds(['C-0001', '', 'C-0007', 'notes'], 2, 2)).toEqual({ ids: ['C-0008', 'C-0009'], counter: 9 });
  });

  it('never reuses the ID of a deleted row: the stored counter wins', () => {
    const first = assignIds([], 0, 5);
    // Rows C-0004 and C-0005 are deleted; the sheet still has C-0001..C-0003.
    const next = assignIds(['C-0001', 'C-0002', 'C-0003'], first.counter, 1);
    expect(next.ids).toEqual(['C-0006']);
    expect(next.counter).toBe(6);
  });

  it('returns the counter unchanged when nothing is assigned', () => {
    expect(assignIds(['C-0003'], 1, 0)).toEqual({ ids: [], counter: 3 });
    expect(assignIds([], Number.NaN, 1).ids).toEqual(['C-0001']);
  });

  it('finds IDs shared by several rows', () => {
    expect(findDuplicateIds(['C-0001', 'C-0002', 'c-1', '', 'C-0002'])).toEqual([
      { id: 'C-0001', indexes: [0, 2] },
      { id: 'C-0002', indexes: [1, 4] },
    ]);
    expect(findDuplicateIds(['C-0001', 'C-0002'])).toEqual([]);
  });

  it('an ID too large to come from counting stays an ID, spelled as typed, but is left out of the numbering and reported', () => {
    const huge = 'C-99999999999999999';
    expect(isContactId(huge)).toBe(true);
    expect(canonicalContactId(huge)).toBe(huge);
    expect(canonicalContactId('c-0099999999999999998')).toBe('C-99999999999999998');
    expect(parseContactId(huge)).toBeNull();
    expect(parseContactId('C-999999999')).toBe(999999999);
    expect(parseContactId('C-1000000000')).toBeNull();
    expect(assignIds(['C-0003', huge, 'c-1000000000'], 0, 2)).toEqual({ ids: ['C-0004', 'C-0005'], counter: 5 });
    expect(uncountableIds(['C-0003', huge, '', ' c-1000000000 '])).toEqual([
      { index: 1, id: huge },
      { index: 3, id: 'C-1000000000' },
    ]);
    expect(findDuplicateIds([huge, 'C-99999999999999998', ` ${huge}`])).toEqual([{ id: huge, indexes: [0, 2] }]);
  });

  it('never hands out an ID past C-999999999: refuses instead, so a later run cannot hand out the same one again', () => {
    const last = assignIds(['C-999999997'], 0, 2);
    expect(last).toEqual({ ids: ['C-999999998', 'C-999999999'], counter: 999_999_999 });
    expect(() => assignIds(['C-999999999'], 0, 2)).toThrow(ContactIdsExhausted);
    expect(() => assignIds(['C-999999997', ...last.ids], last.counter, 1)).toThrow(/C-999999999/);
    expect(assignIds(['C-999999999'], 0, 0)).toEqual({ ids: [], counter: 999_999_999 });
  });

  it('a stored counter past the limit is not reset to 0, which would hand out the IDs of deleted contacts again', () => {
    expect(() => assignIds(['C-0003', 'C-100000000000000000'], 1e17, 1)).toThrow(ContactIdsExhausted);
  });
});
