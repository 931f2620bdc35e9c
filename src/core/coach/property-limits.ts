// Google's limits on a property store, counted as Google counts them, so that a write that would
// pass one is refused in plain words before anything is changed.
// https://developers.google.com/apps-script/guides/services/quotas ("Current limitations"):
// "Properties value size 9 KB / val", "Properties total storage 500 KB / property store".
// Google counts bytes, not characters (a multibyte value fills 9 KB sooner), and the keys count
// toward the store's total (tanaikech, "Report: Specification of Properties Service",
// https://tanaikech.github.io/2023/05/22/report-specification-of-properties-service-for-google-apps-script/).
// Assumed: a KB is 1,024 bytes, as the emulator enforces (local/emulator/services/properties.ts).

import { utf8Bytes } from '../base/text.ts';

export const VALUE_LIMIT_BYTES = 9 * 1024;
export const STORE_LIMIT_BYTES = 500 * 1024;

export type StoreProblem = { kind: 'value'; key: string; bytes: number } | { kind: 'store'; bytes: number; before: number };

/** What Google would refuse in writing `changes` (null: a key deleted) over `current`, or null. */
export function storeWriteProblem(current: Readonly<Record<string, string>>, changes: Readonly<Record<string, string | null>>): StoreProblem | null {
  for (const [key, value] of Object.entries(changes)) {
    const bytes = value === null ? 0 : utf8Bytes(value);
    if (bytes > VALUE_LIMIT_BYTES) return { kind: 'value', key, bytes };
  }
  const size = (store: Readonly<Record<string, string | null>>) =>
    Object.entries(store).reduce((n, [k, v]) => (v === null ? n : n + utf8Bytes(k) + utf8Bytes(v)), 0);
  const before = size(current);
  const after = size({ ...current, ...changes });
  return after > STORE_LIMIT_BYTES ? { kind: 'store', bytes: after, before } : null;
}
