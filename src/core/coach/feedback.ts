// Bringing the coach's feedback back into the tracker, by contact ID, without ever removing or
// replacing text the user wrote.
//
// The tracker's "Coach feedback" column is filled by the add-on. For each contact the add-on
// remembers what it last put in the coach view (a hash, and whether that text holds any of the
// user's own words). On the next update, with C the coach view's cell and T the tracker's:
//   a. the coach did not change C since the last update   -> nothing (whatever the user did to T);
//   b. C equals T                                          -> nothing;
//   c. the coach emptied C                                 -> nothing: an update never deletes;
//   d. T is empty                                          -> T becomes C;
//   e. T is exactly what the add-on last wrote and holds only the coach's words -> T becomes C
//      (the coach edited their own feedback);
//   f. C is T with more text after it                      -> T becomes C (nothing is lost);
//   g. otherwise (the user typed in T, or both changed)    -> the coach's text is added below
//      the user's: "T", a blank line, "C". The cell is then marked as holding the user's words,
//      so rule e never applies to it again.
// Then the coach view is rewritten from the tracker, so both hold the same text again; except when
// the text T would become does not fit in a cell: nothing is cut, T stays, the coach view keeps C,
// and the base is not moved on, so every update tries again (and says so) until there is room.

import { MAX_CELL_CHARS, sheetTextLength } from '../base/text.ts';

/** What the add-on last wrote to the coach view for one contact. */
export interface FeedbackBase {
  hash: string;
  /** The text includes words the user typed into the tracker's Coach feedback cell. */
  userText: boolean;
}

export type FeedbackRule = 'unchanged' | 'same' | 'cleared' | 'filled' | 'replaced' | 'extended' | 'appended' | 'tooLong';

export interface FeedbackOutcome {
  /** The tracker cell's text after the update. */
  text: string;
  /** What the coach view's cell is rewritten with, when not `text` (rule tooLong: the coach's text). */
  copyText?: string;
  rule: FeedbackRule;
  /** What to remember for the next update (the coach view is rewritten with `copyText ?? text`). */
  base: FeedbackBase;
}

/** 32-bit FNV-1a of the UTF-16 text, base 36: enough to tell whether a cell changed. */
export function feedbackHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

const EMPTY: FeedbackBase = { hash: feedbackHash(''), userText: false };

/**
 * What an update was about to write into the tracker's cell, recorded in the coach view before
 * it wrote it (an update may die between writing the tracker and rewriting the coach view):
 * the base it would remember, and the hash of the coach's text it merged.
 */
export interface PendingFeedback {
  base: FeedbackBase;
  coachHash: string;
}

/**
 * `coachText` undefined: the contact is not in the coach view (new since the last update).
 * `pending`: an earlier update recorded it and may have died after writing the tracker. If the
 * tracker holds what it was to write, that update is taken as done: its base is the base, and a
 * coach text it already merged counts as rewritten to the tracker's (as the coach view would have
 * been); otherwise it never wrote, and the merge starts again from `base`.
 */
export function mergeFeedback(coachText: string | undefined, trackerText: string, base: FeedbackBase | undefined, pending?: PendingFeedback): FeedbackOutcome {
  if (pending && feedbackHash(trackerText.trim()) === pending.base.hash) {
    const merged = coachText !== undefined && feedbackHash(coachText.trim()) === pending.coachHash;
    return mergeFeedback(merged ? trackerText : coachText, trackerText, pending.base);
  }
  const b = base ?? EMPTY;
  const c = coachText === undefined ? undefined : coachText.trim();
  const t = trackerText.trim();
  const userEdited = t !== '' && feedbackHash(t) !== b.hash;
  const keep = (rule: FeedbackRule): FeedbackOutcome => ({ text: t, rule, base: { hash: feedbackHash(t), userText: t !== '' && (b.userText || userEdited) } });
  const take = (text: string, rule: FeedbackRule, userText: boolean): FeedbackOutcome =>
    sheetTextLength(text) > MAX_CELL_CHARS ? { text: t, copyText: c, rule: 'tooLong', base: b } : { text, rule, base: { hash: feedbackHash(text), userText } };
  if (c === undefined || feedbackHash(c) === b.hash) return keep('unchanged');
  if (c === t) return keep('same');
  if (c === '') return keep('cleared');
  if (t === '') return take(c, 'filled', false);
  if (!userEdited && !b.userText) return take(c, 'replaced', false);
  if (c.startsWith(t)) return take(c, 'extended', b.userText || userEdited);
  return take(`${t}\n\n${c}`, 'appended', true);
}

// ---- remembering the bases ----
// Each base is kept in the coach view, in a hidden, protected column beside the contact's Coach
// feedback cell: what grows with contacts cannot live in document properties (9 KB a value,
// 500 KB a store). Earlier versions kept them there, as JSON chunks: decodeBases reads those once.

/** A base as its cell holds it: "u" or "c" (user text or not) then the hash; '' for an empty cell the user never typed in. */
export function encodeBase(base: FeedbackBase): string {
  return base.hash === EMPTY.hash && !base.userText ? '' : `${base.userText ? 'u' : 'c'}${base.hash}`;
}

export function decodeBase(text: string): FeedbackBase | undefined {
  return /^[uc][0-9a-z]+$/.test(text) ? { userText: text[0] === 'u', hash: text.slice(1) } : undefined;
}

const PENDING_MARK = '>';

/** A fingerprint cell while an update is under way: the base it holds now, then the pending one and the coach text's hash. */
export function encodePending(base: FeedbackBase | undefined, pending: PendingFeedback): string {
  return [base ? encodeBase(base) : '', encodeBase(pending.base) || '-', pending.coachHash].join(PENDING_MARK);
}

/** A fingerprint cell: its base, and what an update that recorded its intent was about to write. */
export function decodeFingerprint(text: string): { base: FeedbackBase | undefined; pending?: PendingFeedback } {
  const parts = text.split(PENDING_MARK);
  if (parts.length !== 3) return { base: decodeBase(text) };
  const pendingBase = parts[1] === '-' ? EMPTY : decodeBase(parts[1]);
  const base = decodeBase(parts[0]);
  return pendingBase && /^[0-9a-z]+$/.test(parts[2]) ? { base, pending: { base: pendingBase, coachHash: parts[2] } } : { base };
}

/** The bases earlier versions kept in document properties, one JSON object of id → encoded base per chunk. */
export function decodeBases(chunks: readonly (string | null | undefined)[]): Map<string, FeedbackBase> {
  const out = new Map<string, FeedbackBase>();
  for (const chunk of chunks) {
    if (!chunk) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(chunk);
    } catch {
      continue;
    }
    if (!parsed || typeof parsed !== 'object') continue;
    for (const [id, value] of Object.entries(parsed as Record<string, unknown>)) {
      const base = typeof value === 'string' ? decodeBase(value) : undefined;
      if (base) out.set(id, base);
    }
  }
  return out;
}
