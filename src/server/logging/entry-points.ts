// Entry points for logging the interview cycle, re-exported by main.ts: a menu item per event
// opens the LogEventDialog page (show*), whose Save calls the matching log* target. The log*
// targets take the document lock and never throw for bad input or a busy lock: they return
// { ok: false, message } for the page to show.

import { outcomeKind } from '../../core/logging/input.ts';
import type { EventKind } from '../../core/logging/kinds.ts';
import type { EventDialogContext, InterviewInput, LogResult, OutcomeInput, ReplyInput, SimpleEventInput } from '../../shared/types.ts';
import { menuAction, pageTarget, type Refusal } from '../base/entry-point.ts';
import { DIALOGS, openEventDialog } from './dialogs.ts';
import { type FollowUpsResult, showDueFollowUps } from './follow-ups.ts';
import { logCycleEvent } from './log-events.ts';

function show(mode: EventKind): EventDialogContext | Refusal {
  return menuAction(() => openEventDialog(mode), { lock: false, alert: DIALOGS[mode].title });
}

function log(kind: EventKind, input: unknown): LogResult {
  return pageTarget(() => logCycleEvent(kind, input), { lock: true });
}

/** Menu: Log informational interview… */
export function showInterviewDialog(): EventDialogContext | Refusal {
  return show('interview');
}
/** Menu: Mark pitch sent… */
export function showPitchSentDialog(): EventDialogContext | Refusal {
  return show('pitch');
}
/** Menu: Log reply… */
export function showReplyDialog(): EventDialogContext | Refusal {
  return show('reply');
}
/** Menu: Log follow-up sent… */
export function showFollowUpDialog(): EventDialogContext | Refusal {
  return show('followUp');
}
/** Menu: Mark thank-you sent… */
export function showThankYouDialog(): EventDialogContext | Refusal {
  return show('thankYou');
}
/** Menu: Mark declined… */
export function showDeclinedDialog(): EventDialogContext | Refusal {
  return show('declined');
}
/** Menu: Log job interview… */
export function showJobInterviewDialog(): EventDialogContext | Refusal {
  return show('jobInterview');
}
/** Menu: Log offer… */
export function showOfferDialog(): EventDialogContext | Refusal {
  return show('offer');
}
/** Menu: Log update sent… (keeping a contact posted after the thank-you) */
export function showUpdateDialog(): EventDialogContext | Refusal {
  return show('update');
}
/** Menu: Show follow-ups due. */
export function showFollowUpsDue(): FollowUpsResult | Refusal {
  return menuAction(showDueFollowUps, { lock: false, alert: 'Follow-ups due' });
}

/** Dialog target: an informational interview, with any referrals given. */
export function logInterview(input: InterviewInput): LogResult {
  return log('interview', input);
}
/** Dialog target: a pitch was sent; Next follow-up by 3B7. */
export function logPitchSent(input: SimpleEventInput): LogResult {
  return log('pitch', input);
}
/** Dialog target: they replied (optionally fixing the day of the conversation). */
export function logReply(input: ReplyInput): LogResult {
  return log('reply', input);
}
/** Dialog target: a follow-up was sent. */
export function logFollowUp(input: SimpleEventInput): LogResult {
  return log('followUp', input);
}
/** Dialog target: a thank-you was sent. */
export function logThankYou(input: SimpleEventInput): LogResult {
  return log('thankYou', input);
}
/** Dialog target: they declined; the result carries a suggested ask-for-referral message. */
export function logDeclined(input: SimpleEventInput): LogResult {
  return log('declined', input);
}
/** Dialog target: an update sent to keep a contact posted. */
export function logUpdateSent(input: SimpleEventInput): LogResult {
  return log('update', input);
}
/** Dialog target: a job interview or an offer, recorded on the contact who led to it. */
export function logOutcome(input: OutcomeInput): LogResult {
  const kind = outcomeKind(input);
  if (!kind) return { ok: false, message: 'Choose whether this is a job interview or an offer.' };
  return log(kind, input);
}
