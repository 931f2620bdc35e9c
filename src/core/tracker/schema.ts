// The tracker's own columns and the values its list columns allow.

export type ColumnKind = 'text' | 'date' | 'list' | 'number';

export const RELATIONSHIPS = ['Friend', 'Family', 'Professor', 'Alumni', 'Supervisor', 'Peer', 'LinkedIn', 'Referral', 'Cold'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** The main path, in order, followed by the two exits. */
export const STAGES = ['To contact', 'Pitched', 'Followed up', 'Scheduled', 'Interviewed', 'Thanked', 'Declined', 'No response'] as const;
export type Stage = (typeof STAGES)[number];
export const EXIT_STAGES: readonly Stage[] = ['Declined', 'No response'];
export const FIRST_STAGE: Stage = 'To contact';
/**
 * Stages whose Next follow-up no longer calls for action: Show follow-ups due, the dashboard's
 * follow-up counts and the tracker's colours all leave these out.
 */
export const CLOSED_STAGES: readonly Stage[] = ['Declined', 'No response', 'Thanked'];

/** An empty Outcome cell means "none yet". */
export const OUTCOMES = ['Job interview', 'Offer'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type TrackerKey =
  | 'contactId'
  | 'relationship'
  | 'referredBy'
  | 'stage'
  | 'lastContact'
  | 'nextFollowUp'
  | 'interviewDate'
  | 'thankYouSent'
  | 'referralsGiven'
  | 'outcome'
  | 'notesForCoach';

export interface TrackerColumn {
  key: TrackerKey;
  header: string;
  kind: ColumnKind;
  /** Allowed values, for list columns. */
  values?: readonly string[];
}

export const TRACKER_COLUMNS: readonly TrackerColumn[] = [
  { key: 'contactId', header: 'Contact ID', kind: 'text' },
  { key: 'relationship', header: 'Relationship', kind: 'list', values: RELATIONSHIPS },
  // Holds the referrer's Contact ID; pages show it by name.
  { key: 'referredBy', header: 'Referred by', kind: 'text' },
  { key: 'stage', header: 'Stage', kind: 'list', values: STAGES },
  { key: 'lastContact', header: 'Last contact', kind: 'date' },
  { key: 'nextFollowUp', header: 'Next follow-up', kind: 'date' },
  { key: 'interviewDate', header: 'Interview date', kind: 'date' },
  { key: 'thankYouSent', header: 'Thank-you sent', kind: 'date' },
  { key: 'referralsGiven', header: 'Referrals given', kind: 'number' },
  { key: 'outcome', header: 'Outcome', kind: 'list', values: OUTCOMES },
  { key: 'notesForCoach', header: 'Notes for coach', kind: 'text' },
];

export const TRACKER_KEYS: readonly TrackerKey[] = TRACKER_COLUMNS.map((c) => c.key);

export function trackerColumn(key: TrackerKey): TrackerColumn {
  const column = TRACKER_COLUMNS.find((c) => c.key === key);
  if (!column) throw new Error(`Unknown tracker column ${key}`);
  return column;
}

/** The allowed value that `text` names, ignoring case and surrounding spaces; null if none. */
export function canonicalValue(values: readonly string[], text: string): string | null {
  const wanted = text.trim().toLowerCase();
  return values.find((v) => v.toLowerCase() === wanted) ?? null;
}

/** The stage `text` names, spelt as in STAGES (any case, spaces trimmed); other text as it is, trimmed. */
export function canonicalStage(text: string): string {
  return canonicalValue(STAGES, text) ?? text.trim();
}

/** Position of a stage in STAGES (case-insensitive), or -1 for anything else. */
export function stageIndex(stage: string): number {
  const canonical = canonicalValue(STAGES, stage);
  return canonical === null ? -1 : STAGES.indexOf(canonical as Stage);
}

/** Whether `stage` (any case) is one of CLOSED_STAGES. */
export function isClosedStage(stage: string): boolean {
  return (CLOSED_STAGES as readonly string[]).includes(canonicalStage(stage));
}

export function isExitStage(stage: string): boolean {
  const canonical = canonicalValue(STAGES, stage);
  return canonical !== null && EXIT_STAGES.includes(canonical as Stage);
}

// Which main-path stages each exit can be reached from. Declining is possible until the
// conversation happens; "no response" needs a pitch first.
const EXIT_FROM: Record<string, readonly Stage[]> = {
  Declined: ['To contact', 'Pitched', 'Followed up', 'Scheduled', 'No response'],
  'No response': ['Pitched', 'Followed up', 'Scheduled'],
};
// A late reply can bring a contact back from "No response" to a later step.
const RESUME_FROM_NO_RESPONSE: readonly Stage[] = ['Scheduled', 'Interviewed', 'Thanked'];

/**
 * Whether a contact may move from stage `from` to stage `to` without the user forcing it:
 * forward along the main path only; into an exit from the stages listed above; out of
 * "No response" only to Declined or to Scheduled and later; never out of Declined.
 * An empty or unknown `from` can move anywhere known; an unknown `to` never.
 */
export function canMoveTo(from: string, to: string): boolean {
  const toIndex = stageIndex(to);
  if (toIndex < 0) return false;
  const fromIndex = stageIndex(from);
  if (fromIndex < 0) return true;
  const fromStage = STAGES[fromIndex];
  const toStage = STAGES[toIndex];
  if (fromStage === toStage) return false;
  if (isExitStage(toStage)) return EXIT_FROM[toStage].includes(fromStage);
  if (fromStage === 'Declined') return false;
  if (fromStage === 'No response') return RESUME_FROM_NO_RESPONSE.includes(toStage);
  return toIndex > fromIndex;
}

/** The stage to keep when an action proposes `proposed`: it, if canMoveTo allows, else `current` (canonical). */
export function advanceStage(current: string, proposed: Stage): string {
  return canMoveTo(current, proposed) ? proposed : canonicalStage(current);
}
