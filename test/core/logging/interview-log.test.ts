// The Interview log's columns: where they were last found is trusted only while the header row
// still says so; otherwise the tags and headers decide, and what is missing is added, never
// written over another column.
import { describe, expect, it } from 'vitest';
import { checkRemembered, eventIdsIn, headersAt, LOG_COLUMNS, LOG_KEYS, planLogColumns } from '../../../src/core/logging/interview-log.ts';

const HEADER = LOG_COLUMNS.map((c) => c.header);
const AT = Object.fromEntries(LOG_KEYS.map((k, i) => [k, i + 1])) as Record<(typeof LOG_KEYS)[number], number>;

describe('the log columns remembered', () => {
  it('hold while each remembered column still has its header text', () => {
    const remembered = { columns: AT, headers: headersAt(HEADER, AT) };
    expect(checkRemembered(HEADER, remembered)).toEqual(AT);
  });

  it('do not hold once a column moved, was renamed, or was never remembered', () => {
    const remembered = { columns: AT, headers: headersAt(HEADER, AT) };
    const inserted = ['Mood', ...HEADER];
    expect(checkRemembered(inserted, remembered)).toBeNull();
    expect(
      checkRemembered(
        HEADER.map((h) => (h === 'Details' ? 'What happened' : h)),
        remembered,
      ),
    ).toBeNull();
    expect(checkRemembered(HEADER, { columns: AT })).toBeNull();
    expect(checkRemembered(HEADER, undefined)).toBeNull();
  });
});

describe('planning the log columns from tags and headers', () => {
  it('a blank sheet gets every column from A', () => {
    const plan = planLogColumns([], {}, 0);
    expect(plan).toMatchObject({ blank: true, first: 1, add: LOG_KEYS, retag: [] });
    expect(plan.columns).toEqual(AT);
  });

  it('untagged columns are found by header; the missing one is added after the last column', () => {
    const header = ['Timestamp', 'Event date', 'Contact ID', 'Name', 'Event', 'Details', 'Next step', 'Mood'];
    const plan = planLogColumns(header, { timestamp: 1, name: 4 }, header.length);
    expect(plan.retag).toEqual([
      ['eventDate', 2],
      ['contactId', 3],
      ['eventType', 5],
      ['details', 6],
      ['nextStep', 7],
    ]);
    expect(plan.add).toEqual(['eventId']);
    expect(plan.columns.eventId).toBe(9);
    expect(plan.blank).toBe(false);
  });

  it('reads every Event ID below the header, trimmed', () => {
    expect([...eventIdsIn([['Event ID'], [' e1/C-0001 '], [''], [3], ['e2/C-0002']], 1)]).toEqual(['e1/C-0001', 'e2/C-0002']);
  });
});
