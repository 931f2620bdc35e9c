// The JSON check of the page/server protocol is a type: `npm test` type-checks this file, and
// each expected error below fails that check if the type stops rejecting what google.script.run
// cannot carry. The runtime assertions only keep the values used.
import { describe, expect, it } from 'vitest';
import type { IsJson } from '../../src/shared/api.ts';

const plain: IsJson<{ name: string; counts: number[]; nested?: { done: boolean | null }[] }> = true;
const optional: IsJson<[string, { dryRun?: boolean }?]> = true;
// @ts-expect-error a Date cannot cross google.script.run (the call fails)
const date: IsJson<{ when: Date }> = true;
// @ts-expect-error nor can a Date deep inside an array of objects
const deepDate: IsJson<{ rows: { at: Date }[] }> = true;
// @ts-expect-error nor a function
const method: IsJson<{ run(): void }> = true;
// @ts-expect-error nor a Map
const map: IsJson<Map<string, string>> = true;

describe('the page/server protocol', () => {
  it('accepts plain JSON and rejects Dates, functions and Maps (checked by the type check)', () => {
    expect([plain, optional, date, deepDate, method, map]).toEqual([true, true, true, true, true, true]);
  });
});
