// The events of the interview cycle and what each does to a contact's row: stage (forward
// only), last contact, next follow-up (the 3B7 routine in business days), interview date,
// thank-you sent and outcome. Pure: dates are DateParts, "today" is given.

import { addBusinessDays, addDays, compareDates, describeDate, laterOf } from '../base/calendar.ts';
import type { OutCell } from '../tracker/cells.ts';
import { firstName } from '../tracker/contacts.ts';
import type { DateParts } from '../base/dates.ts';
import { EVENT_KIND_LIST, EVENT_KINDS, type EventKind, type KindOfForm } from './kinds.ts';
import { type Stage, type TrackerKey, advanceStage, canonicalStage, canonicalValue, isClosedStage, OUTCOMES, stageIndex } from '../tracker/schema.ts';

export type { EventKind } from './kinds.ts';

const fromKinds = <T>(pick: (record: (typeof EVENT_KINDS)[EventKind]) => T) =>
  Object.fromEntries(EVENT_KIND_LIST.map((kind) => [kind, pick(EVENT_KINDS[kind])])) as Record<EventKind, T>;

/** What the Interview log's "Event" column says; a dashboard can count these words. */
export const EVENT_LABELS: Record<EventKind | 'referred', string> = { ...fromKinds((k) => k.logWord), referred: 'Referred' };

/**
 * 3B7: no reply 3 business days after a pitch, reach out to a second contact at the same
 * organisation; no reply after 7, follow up once with the first contact.
 */
export const SECOND_CONTACT_AFTER = 3;
export const FOLLOW_UP_AFTER = 7;
/** A reply that fixes no day yet: nudge again after this many business days. */
const REPLY_NUDGE_AFTER = 3;

export interface ReferralInput {
  name: string;
  email: string;
  company: string;
  role: string;
  /** A Relationship value; "Referral" when the user chose none. */
  relationship: string;
}

/** An event as its dialog's form gives it (EventForm). */
export type CycleEvent =
  | { kind: KindOfForm<'simple'>; date: DateParts; note: string }
  | { kind: KindOfForm<'reply'>; date: DateParts; note: string; meetingDate: DateParts | null }
  | { kind: KindOfForm<'interview'>; date: DateParts; note: string; minutes: number | null; nextStep: string; referrals: ReferralInput[] }
  | { kind: KindOfForm<'outcome'>; date: DateParts; note: string; company: string };

/** A contact's tracker cells as the events read them. */
export interface ContactState {
  name: string;
  company: string;
  stage: string;
  lastContact: DateParts | null;
  nextFollowUp: DateParts | null;
  thankYouSent: DateParts | null;
  outcome: string;
  /** Name of the contact who introduced this one (Referred by), if known. */
  referrer?: string;
}

/** Tracker columns each kind of event writes (besides Contact ID, which every event reads). */
export const COLUMNS_WRITTEN: Record<EventKind, readonly TrackerKey[]> = fromKinds((k) => k.columns);

export interface ContactChange {
  /** Cells to set: DateParts for dates, '' to clear, text already canonical. */
  set: Partial<Record<TrackerKey, OutCell>>;
  stageBefore: string;
  stageAfter: string;
  /** The event proposed a stage the contact is already past, so the stage was kept. */
  stageKept: boolean;
  /** For the log's "Next step" column. */
  nextStep: string;
  /** After a pitch still awaiting a reply: the 3B7 day to try a second contact at the organisation. */
  secondContactBy: DateParts | null;
}

const PROPOSED_STAGE: Record<EventKind, Stage | null> = fromKinds((k) => k.stage);

/** Stages in which the contact has not answered yet (the 3B7 clock runs). */
const AWAITING_REPLY: readonly string[] = ['Pitched', 'Followed up'];

/**
 * The Outcome to write, or null to leave the cell: it only moves forward (none → Job interview →
 * Offer), and text of the user's own is kept.
 */
function nextOutcome(current: string, proposed: 'Job interview' | 'Offer'): string | null {
  const now = current.trim() === '' ? '' : canonicalValue(OUTCOMES, current);
  if (now === null) return null;
  const rank = (o: string) => (o === '' ? 0 : OUTCOMES.indexOf(o as (typeof OUTCOMES)[number]) + 1);
  return rank(proposed) > rank(now) ? proposed : null;
}

/** What `event` changes on a contact in state `c`. Referrals given are counted by the planner. */
export function contactChange(c: ContactState, event: CycleEvent): ContactChange {
  const set: ContactChange['set'] = {};
  const D = event.date;
  const stageBefore = canonicalStage(c.stage);
  let stageAfter = stageBefore;
  let stageKept = false;
  // A reply that fixes no day yet leaves the stage as it was.
  const proposed = event.kind === 'reply' && !event.meetingDate ? null : PROPOSED_STAGE[event.kind];
  if (proposed) {
    stageAfter = advanceStage(stageBefore, proposed);
    stageKept = stageAfter !== proposed;
    if (!stageKept) set.stage = proposed;
  }
  if (COLUMNS_WRITTEN[event.kind].includes('lastContact')) {
    const last = laterOf(c.lastContact, D);
    if (!c.lastContact || compareDates(last, c.lastContact) !== 0) set.lastContact = last;
  }
  const who = firstName(c.name);
  const at = c.company ? ` at ${c.company}` : '';
  let nextStep = '';
  let secondContactBy: DateParts | null = null;
  const { kind } = event;
  switch (kind) {
    case 'pitch':
    case 'followUp': {
      if (!AWAITING_REPLY.includes(stageAfter)) break;
      // Next follow-up is the day to follow up with this contact (7 business days). The 3-day
      // step concerns someone else at the organisation: it is in the log's Next step, in the
      // result, and in Show follow-ups due (worked out from Last contact).
      const followUp = addBusinessDays(D, FOLLOW_UP_AFTER);
      set.nextFollowUp = followUp;
      if (event.kind === 'pitch') secondContactBy = addBusinessDays(D, SECOND_CONTACT_AFTER);
      nextStep =
        event.kind === 'pitch'
          ? `No reply by ${describeDate(secondContactBy!)}: reach out to a second contact${at}. Still none by ${describeDate(followUp)}: follow up once with ${who}.`
          : `No reply by ${describeDate(followUp)}: mark ${who} as No response and move on.`;
      break;
    }
    case 'reply': {
      if (event.meetingDate) {
        if (stageAfter === 'Scheduled') {
          set.interviewDate = event.meetingDate;
          set.nextFollowUp = event.meetingDate;
        }
        nextStep = `Prepare your questions for the conversation on ${describeDate(event.meetingDate)}.`;
      } else if (stageIndex(stageAfter) < stageIndex('Scheduled') || stageAfter === 'No response') {
        const nudge = addBusinessDays(D, REPLY_NUDGE_AFTER);
        set.nextFollowUp = nudge;
        nextStep = `Agree a day, time and medium with ${who}; if nothing is fixed by ${describeDate(nudge)}, follow up.`;
      }
      break;
    }
    case 'interview': {
      set.interviewDate = D;
      const thanks = addDays(D, 1);
      // After a conversation a thank-you is due the next day, unless it was already sent or the
      // contact's follow-ups are over (nothing would remind the user of the date).
      if (!isClosedStage(stageAfter) && (!c.thankYouSent || compareDates(c.thankYouSent, D) < 0)) set.nextFollowUp = thanks;
      nextStep = event.nextStep || `Send ${who} a thank-you by ${describeDate(thanks)}.`;
      break;
    }
    case 'thankYou': {
      set.thankYouSent = D;
      // The stage is now Thanked, or an exit it kept: closed (CLOSED_STAGES), so nothing lists or
      // colours its follow-ups, and a date left behind, even one ahead, would only mislead.
      if (c.nextFollowUp) set.nextFollowUp = '';
      nextStep = `Keep ${who} posted on how your search goes.`;
      break;
    }
    case 'declined': {
      if (stageAfter === 'Declined' && c.nextFollowUp) set.nextFollowUp = '';
      nextStep = `Ask ${who} whom else they would suggest you talk to.`;
      break;
    }
    case 'jobInterview':
    case 'offer': {
      const outcome = nextOutcome(c.outcome, event.kind === 'offer' ? 'Offer' : 'Job interview');
      if (outcome !== null) set.outcome = outcome;
      // The news replaces whatever the old reminder was about (a pitch's follow-up, a
      // conversation): the next thing to do is to tell them, the next day. A closed contact gets
      // no reminder, and keeps none.
      const tell = addDays(D, 1);
      if (!isClosedStage(stageAfter)) set.nextFollowUp = tell;
      else if (c.nextFollowUp) set.nextFollowUp = '';
      if (event.kind === 'offer') {
        const thanks = `Tell ${who} about the offer and thank them for their help`;
        nextStep = c.referrer ? `${thanks}; thank ${c.referrer} too, who introduced you to ${who}.` : `${thanks}.`;
      } else nextStep = `Tell ${who} about the job interview; they may have advice.`;
      break;
    }
    case 'update': {
      nextStep = `Keep ${who} posted again when your keep-in-touch cadence comes round (Reminders…).`;
      break;
    }
    default: {
      // A kind added to kinds.ts without its effect here fails the type check on this line, naming it.
      const unhandled: never = kind;
      throw new Error(`No effect written for the event kind "${String(unhandled)}".`);
    }
  }
  return { set, stageBefore, stageAfter, stageKept, nextStep, secondContactBy };
}
