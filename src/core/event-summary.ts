// What the user is told after logging an event, and the ask-for-referral message offered
// after a decline (until the pitch sidebar exists, the dialog shows it to copy).

import { describeDate, parseIsoDate } from './calendar.ts';
import { firstName } from './events.ts';
import type { LoggedContact, LoggedReferral } from '../shared/types.ts';

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
  return lines.join('\n');
}

/**
 * A short ask-for-referral note after a decline: thanks, then a question asking whom else to talk
 * to. Addressed by first name when there is exactly one contact.
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
