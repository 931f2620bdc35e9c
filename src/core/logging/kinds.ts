// The event kinds of the interview cycle, one record each: every other list of kinds (the log's
// words, the columns and stages, the dialogs, the menu, the page's rules, the dashboard's
// activity rows, the log* targets of src/shared/api.ts) is derived from this one. What an event
// does to a contact's row is code, in events.ts (contactChange), which the compiler sends you to.

import type { Stage, TrackerKey } from '../tracker/schema.ts';

/**
 * The fields a dialog sends, and so the log* target's input type (src/shared/types.ts,
 * EventInputs): a date and a note; a reply's conversation date; an interview's length, notes
 * and referrals; a job interview's or offer's company.
 */
export type EventForm = 'simple' | 'reply' | 'interview' | 'outcome';

export interface EventKindRecord {
  /** The Interview log's "Event" word; a dashboard counts these words. */
  logWord: string;
  /** The dialog's title; the menu item is the title and "…". */
  title: string;
  /** The label of the dialog's date field. */
  dateLabel: string;
  /** The event has happened: it cannot be dated after today. */
  pastOnly: boolean;
  /** The stage the event moves a contact to (stages only move forward), or null to leave it. */
  stage: Stage | null;
  /** Tracker columns the event writes (besides Contact ID, which every event reads). */
  columns: readonly TrackerKey[];
  /** The Dashboard's row of this week's activity: its label, and its place among the rows. */
  activity: { label: string; row: number };
  form: EventForm;
  /** The menu item's entry point, exported by src/server/main.ts (menu.ts checks it). */
  show: `show${string}`;
  /** The page target Save calls: src/shared/api.ts declares it from this record. */
  log: `log${string}`;
  /** For the outcome form: the `kind` the page sends to logOutcome. */
  wireKind?: string;
}

/** In menu order. */
export const EVENT_KINDS = {
  pitch: {
    logWord: 'Pitch sent',
    title: 'Mark pitch sent',
    dateLabel: 'Date sent',
    pastOnly: true,
    stage: 'Pitched',
    columns: ['stage', 'lastContact', 'nextFollowUp'],
    activity: { label: 'Pitches sent', row: 1 },
    form: 'simple',
    show: 'showPitchSentDialog',
    log: 'logPitchSent',
  },
  reply: {
    logWord: 'Reply',
    title: 'Log reply',
    dateLabel: 'Date of the reply',
    pastOnly: true,
    // Only when the reply fixes the day of the conversation (contactChange).
    stage: 'Scheduled',
    columns: ['stage', 'lastContact', 'nextFollowUp', 'interviewDate'],
    activity: { label: 'Replies', row: 3 },
    form: 'reply',
    show: 'showReplyDialog',
    log: 'logReply',
  },
  followUp: {
    logWord: 'Follow-up sent',
    title: 'Log follow-up sent',
    dateLabel: 'Date sent',
    pastOnly: true,
    stage: 'Followed up',
    columns: ['stage', 'lastContact', 'nextFollowUp'],
    activity: { label: 'Follow-ups sent', row: 2 },
    form: 'simple',
    show: 'showFollowUpDialog',
    log: 'logFollowUp',
  },
  interview: {
    logWord: 'Informational interview',
    title: 'Log informational interview',
    dateLabel: 'Date of the conversation',
    pastOnly: true,
    stage: 'Interviewed',
    columns: ['stage', 'lastContact', 'nextFollowUp', 'interviewDate', 'referralsGiven', 'referredBy', 'relationship'],
    activity: { label: 'Informational interviews', row: 4 },
    form: 'interview',
    show: 'showInterviewDialog',
    log: 'logInterview',
  },
  thankYou: {
    logWord: 'Thank-you sent',
    title: 'Mark thank-you sent',
    dateLabel: 'Date sent',
    pastOnly: true,
    stage: 'Thanked',
    columns: ['stage', 'lastContact', 'nextFollowUp', 'thankYouSent'],
    activity: { label: 'Thank-yous sent', row: 5 },
    form: 'simple',
    show: 'showThankYouDialog',
    log: 'logThankYou',
  },
  declined: {
    logWord: 'Declined',
    title: 'Mark declined',
    dateLabel: 'Date they declined',
    pastOnly: true,
    stage: 'Declined',
    columns: ['stage', 'lastContact', 'nextFollowUp'],
    activity: { label: 'Declines', row: 6 },
    form: 'simple',
    show: 'showDeclinedDialog',
    log: 'logDeclined',
  },
  jobInterview: {
    logWord: 'Job interview',
    title: 'Log job interview',
    dateLabel: 'Date of the job interview',
    pastOnly: false,
    stage: null,
    columns: ['outcome', 'nextFollowUp'],
    activity: { label: 'Job interviews', row: 8 },
    form: 'outcome',
    show: 'showJobInterviewDialog',
    log: 'logOutcome',
    wireKind: 'job_interview',
  },
  offer: {
    logWord: 'Offer',
    title: 'Log offer',
    dateLabel: 'Date of the offer',
    pastOnly: false,
    stage: null,
    columns: ['outcome', 'nextFollowUp'],
    activity: { label: 'Offers', row: 9 },
    form: 'outcome',
    show: 'showOfferDialog',
    log: 'logOutcome',
    wireKind: 'offer',
  },
  // Keeping a contact posted after the thank-you: moves Last contact on, which moves their next
  // keep-in-touch date on (core/reminders/keep-in-touch.ts).
  update: {
    logWord: 'Update sent',
    title: 'Log update sent',
    dateLabel: 'Date sent',
    pastOnly: true,
    stage: null,
    columns: ['lastContact'],
    activity: { label: 'Updates sent', row: 10 },
    form: 'simple',
    show: 'showUpdateDialog',
    log: 'logUpdateSent',
  },
} as const satisfies Record<string, EventKindRecord>;

export type EventKind = keyof typeof EVENT_KINDS;
type Kinds = typeof EVENT_KINDS;

/** Every kind, in menu order. */
export const EVENT_KIND_LIST = Object.keys(EVENT_KINDS) as EventKind[];

/** The kinds whose dialog sends `form`. */
export type KindOfForm<F extends EventForm> = { [K in EventKind]: Kinds[K]['form'] extends F ? K : never }[EventKind];

/** The `kind` words logOutcome accepts. */
export type WireKind = Kinds[KindOfForm<'outcome'>]['wireKind'];

export function isEventKind(value: unknown): value is EventKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVENT_KINDS, value);
}

export function hasForm<F extends EventForm>(kind: EventKind, form: F): kind is KindOfForm<F> {
  return EVENT_KINDS[kind].form === form;
}

/** The kind logOutcome's `kind` field names, or null. */
export function kindOfWire(wire: unknown): KindOfForm<'outcome'> | null {
  for (const kind of EVENT_KIND_LIST) if (hasForm(kind, 'outcome') && EVENT_KINDS[kind].wireKind === wire) return kind;
  return null;
}
