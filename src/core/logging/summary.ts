// What the user is told after logging an event, and the ask-for-referral note the Mark declined
// dialog offers to copy.

import { addBusinessDays, describeDate } from '../base/calendar.ts';
import { parseIsoDate } from '../base/dates.ts';
import { firstName } from '../tracker/contacts.ts';
import { FOLLOW_UP_AFTER, SECOND_CONTACT_AFTER } from './events.ts';
import { canMoveTo, stageIndex } from '../tracker/schema.ts';

export interface LoggedContact {
  id: string;
  name: string;
  company: string;
  stage: string;
  /** The event proposed an earlier stage than the contact's, so the stage was kept. */
  stageKept: boolean;
  /** ISO date or ''. */
  nextFollowUp: string;
  /** After a pitch awaiting a reply: ISO date, 3 business days on, to try a second contact there (3B7); else ''. */
  secondContactBy: string;
  /** This event ID was already in the Interview log for this contact: nothing was written. */
  alreadyLogged: boolean;
}

export interface LoggedReferral {
  id: string;
  name: string;
  /** added: a new contact row; matched: already in the tracker, empty cells filled in. */
  status: 'added' | 'matched';
}

const LISTED = 10;

function followUpText(iso: string): string {
  const d = parseIsoDate(iso);
  return d ? `next follow-up ${describeDate(d)}` : 'no follow-up date';
}

function contactLine(c: LoggedContact): string {
  if (c.alreadyLogged) return `${c.name} (${c.id}): already logged with this event, nothing new written.`;
  const stage = c.stageKept ? `stays at ${c.stage || 'no stage'} (stages only move forward)` : `stage ${c.stage}`;
  return `${c.name} (${c.id}): ${stage}, ${followUpText(c.nextFollowUp)}.`;
}

export function summariseLogged(label: string, contacts: readonly LoggedContact[], referrals: readonly LoggedReferral[]): string {
  const fresh = contacts.filter((c) => !c.alreadyLogged).length;
  const lines = [
    fresh === 0
      ? `“${label}” was already in the Interview log for ${contacts.length === 1 ? 'this contact' : 'these contacts'}; nothing new was written.`
      : `Logged “${label}” for ${fresh === 1 ? '1 contact' : `${fresh} contacts`} in the Interview log.`,
  ];
  if (fresh === 0) return lines.join('\n');
  for (const c of contacts.slice(0, LISTED)) lines.push(contactLine(c));
  if (contacts.length > LISTED) lines.push(`…and ${contacts.length - LISTED} more.`);
  const added = referrals.filter((r) => r.status === 'added');
  const matched = referrals.filter((r) => r.status === 'matched');
  if (added.length) lines.push(`New contacts from referrals: ${added.map((r) => `${r.name} (${r.id})`).join(', ')}.`);
  if (matched.length) lines.push(`Already in the tracker, linked instead of added again: ${matched.map((r) => `${r.name} (${r.id})`).join(', ')}.`);
  const routine = routineText(contacts);
  if (routine) lines.push(routine);
  return lines.join('\n');
}

type Person = { name: string; company: string };

function where(people: readonly Person[]): string {
  if (people.length > 1) return 'at each organisation';
  return people[0].company ? `at ${people[0].company}` : 'at the same organisation';
}

function whom(people: readonly Person[]): string {
  return people.length > 1 ? 'each of them' : firstName(people[0].name) || 'them';
}

/**
 * After a pitch, both steps of 3B7 with their dates. Next follow-up holds the second (the day to
 * follow up with this contact); the first is about someone else at the organisation, so it is
 * said here and listed by Show follow-ups due. One event has one date: the days are the same
 * for every contact still waiting for a reply.
 */
export function routineText(contacts: readonly LoggedContact[]): string {
  const waiting = contacts.filter((c) => !c.alreadyLogged && c.secondContactBy && c.nextFollowUp);
  if (waiting.length === 0) return '';
  const second = describeDate(parseIsoDate(waiting[0].secondContactBy)!);
  const follow = describeDate(parseIsoDate(waiting[0].nextFollowUp)!);
  return `3B7: no reply by ${second} (${SECOND_CONTACT_AFTER} business days)? Reach out to a second contact ${where(waiting)}. Still none by ${follow} (${FOLLOW_UP_AFTER} business days, the Next follow-up date)? Follow up once with ${whom(waiting)}. Show follow-ups due reminds you of both.`;
}

/**
 * What the Mark pitch sent and Log follow-up sent dialogs say before saving: the dates the
 * routine will use for `iso`, the date in the dialog. '' for other dialogs or a bad date.
 */
export function routineHint(mode: string, iso: string, contacts: readonly (Person & { stage: string })[]): string {
  const sent = parseIsoDate(iso);
  if (!sent || contacts.length === 0) return '';
  const follow = describeDate(addBusinessDays(sent, FOLLOW_UP_AFTER));
  const they = contacts.length > 1 ? 'they do' : `${firstName(contacts[0].name) || 'they'} does`;
  if (mode === 'pitch') {
    const ahead = contacts.some((c) => stageIndex(c.stage) >= 0 && stageIndex(c.stage) !== stageIndex('Pitched') && !canMoveTo(c.stage, 'Pitched'));
    const second = describeDate(addBusinessDays(sent, SECOND_CONTACT_AFTER));
    return [
      `3B7: if ${they} not reply, by ${second} (${SECOND_CONTACT_AFTER} business days) reach out to a second contact ${where(contacts)}; by ${follow} (${FOLLOW_UP_AFTER} business days) follow up once with ${whom(contacts)}.`,
      `Next follow-up will be set to ${follow}; Show follow-ups due reminds you of both steps.`,
      ahead ? 'Contacts already further along keep their stage and dates.' : '',
    ]
      .filter(Boolean)
      .join(' ');
  }
  if (mode === 'followUp') {
    return `If there is still no reply by ${follow} (${FOLLOW_UP_AFTER} business days), mark ${contacts.length > 1 ? 'them' : firstName(contacts[0].name) || 'them'} as No response and move on. Next follow-up will be set to ${follow}.`;
  }
  return '';
}

/**
 * A short ask-for-referral note after a decline: thanks, then a question asking whom else to talk
 * to. Addressed by first name when there is exactly one contact.
 *
 * Not the pitch sidebar's "Ask for a referral" template (pitch/templates.ts): that one needs the
 * user's details ({{My name}}, {{My field}}, kept in user properties) and the contact's whole row
 * for its merge fields, which the log dialog's entry point does not read, and it is written to
 * one person, where a decline may be logged for several contacts at once. This note needs only
 * the names and companies the log already has; the sidebar offers the template itself.
 */
export function askForReferralText(contacts: readonly { name: string; company: string }[]): string {
  const one = contacts.length === 1 ? contacts[0] : null;
  const first = (one && firstName(one.name)) || 'there';
  const where = one?.company ? ` at ${one.company} or elsewhere in your field` : ' in your field';
  return [
    `Hi ${first},`,
    '',
    `Thank you for letting me know, I quite understand. Is there anyone else${where} you would suggest I talk to? A name, and how best to reach them, would help a lot, and I would be glad to say that you suggested it.`,
    '',
    'Thanks again,',
  ].join('\n');
}
