// The dashboard's numbers computed directly in TypeScript from the data a test wrote, by the
// definitions in docs/dashboard.md: no formulas, no spreadsheet. The property test compares
// these with what the emulator's formula engine shows on the Dashboard sheet.

import { RELATIONSHIPS, STAGES } from '../../../src/core/tracker/schema.ts';
import { EVENT_LABELS } from '../../../src/core/logging/events.ts';
import { VOIDED_PREFIX } from '../../../src/core/history/void-rows.ts';

/** A day as days since 1970-01-01. */
export type Day = number;

export interface OracleContact {
  id: string;
  /** Name column(s) as written; absent parts are ''. */
  full: string;
  first: string;
  last: string;
  relationship: string;
  referredBy: string;
  stage: string;
  /** A day, text the user typed, or ''. */
  nextFollowUp: Day | string;
  referralsGiven: number | string;
  outcome: string;
}

export interface OracleLogRow {
  date: Day | string;
  event: string;
}

export interface OracleSettings {
  goalNames: number;
  goalPerWeek: number;
  goalTotal: number;
  targetDate: Day;
}

export const DASH = '–';
export type Rate = number | typeof DASH;

const eq = (a: unknown, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
const inSet = (a: unknown, set: readonly string[]) => set.some((s) => eq(a, s));
const rate = (count: number, outOf: number): Rate => (outOf === 0 ? DASH : count / outOf);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const sheetTrim = (s: string) => s.replace(/ +/g, ' ').trim();

export function isContact(c: OracleContact): boolean {
  return c.id.toLowerCase().startsWith('c-');
}

export function displayName(c: OracleContact): string {
  const full = sheetTrim(c.full);
  if (full) return full;
  const joined = sheetTrim(`${c.first} ${c.last}`);
  return joined || c.id;
}

function nameList(list: OracleContact[]): string {
  if (list.length === 0) return '';
  const shown = list.slice(0, 25).map(displayName).join(', ');
  return list.length > 25 ? `${shown} and ${list.length - 25} more` : shown;
}

const PITCHED = ['Pitched', 'Followed up', 'Scheduled', 'Interviewed', 'Thanked', 'Declined', 'No response'];
const REPLIED = ['Scheduled', 'Interviewed', 'Thanked', 'Declined'];
const INTERVIEWED = ['Interviewed', 'Thanked'];
const CLOSED = ['Declined', 'No response', 'Thanked'];

export interface Expected {
  totals: { contacts: number; pitched: number; replied: number; interviewed: number; referralsReceived: number; jobInterviews: number; offers: number };
  conversion: Record<string, { rate: Rate; count: number; outOf: number }>;
  goals: { names: Rate; week: Rate; total: Rate; weekInterviews: number; daysLeft: number; stillNeeded: number; perWeek: Rate };
  activity: { label: string; thisWeek: number; lastWeek: number }[];
  followUps: { dueToday: number; overdue: number; dueNames: string; overdueNames: string };
  stages: { label: string; count: number }[];
  relationships: { label: string; count: number }[];
  top: { id: string; name: string; given: number | string; introducedBy: string; introducerId: string }[];
  /** Every introduction, in order; the dashboard lists the first rows and notes the rest. */
  introductions: { introducerName: string; introducerId: string; introducedName: string; introducedId: string }[];
  /** Introductions as the server counts them when it sizes the list. */
  introductionsNow: number;
  today: Day;
  weekStart: Day;
}

export function expectedDashboard(contacts: OracleContact[], log: OracleLogRow[], settings: OracleSettings, today: Day): Expected {
  const cs = contacts.filter(isContact);
  const stageIn = (set: string[]) => cs.filter((c) => inSet(c.stage, set));
  const interviewed = stageIn(INTERVIEWED);
  const totals = {
    contacts: cs.length,
    pitched: stageIn(PITCHED).length,
    replied: stageIn(REPLIED).length,
    interviewed: interviewed.length,
    referralsReceived: cs.filter((c) => c.referredBy !== '').length,
    jobInterviews: cs.filter((c) => inSet(c.outcome, ['Job interview', 'Offer'])).length,
    offers: cs.filter((c) => eq(c.outcome, 'Offer')).length,
  };
  const step = (count: number, outOf: number) => ({ rate: rate(count, outOf), count, outOf });
  const conversion = {
    pitchToReply: step(totals.replied, totals.pitched),
    replyToInterview: step(totals.interviewed, totals.replied),
    referralsPerInterview: step(
      interviewed.reduce((n, c) => n + (num(c.referralsGiven) ?? 0), 0),
      totals.interviewed,
    ),
    interviewsWithReferral: step(interviewed.filter((c) => (num(c.referralsGiven) ?? 0) >= 1).length, totals.interviewed),
    referralToInterview: step(interviewed.filter((c) => c.referredBy !== '').length, totals.referralsReceived),
    interviewToJobInterview: step(interviewed.filter((c) => inSet(c.outcome, ['Job interview', 'Offer'])).length, totals.interviewed),
    interviewToOffer: step(interviewed.filter((c) => eq(c.outcome, 'Offer')).length, totals.interviewed),
  };

  const weekday = (((today + 4) % 7) + 7) % 7; // 0 = Sunday; 1970-01-01 was a Thursday
  const weekStart = today - ((weekday + 6) % 7);
  const inWeek = (d: Day | string, start: Day) => typeof d === 'number' && d >= start && d < start + 7;
  const isVoiding = (event: string) => event.toLowerCase().startsWith(VOIDED_PREFIX.toLowerCase());
  const count = (word: string, start: Day) => log.filter((r) => eq(r.event, word) && inWeek(r.date, start)).length;
  const standing = (word: string, start: Day) => count(word, start) - count(`${VOIDED_PREFIX}${word}`, start);
  const activity = (
    [
      ['Pitches sent', EVENT_LABELS.pitch],
      ['Follow-ups sent', EVENT_LABELS.followUp],
      ['Replies', EVENT_LABELS.reply],
      ['Informational interviews', EVENT_LABELS.interview],
      ['Thank-yous sent', EVENT_LABELS.thankYou],
      ['Declines', EVENT_LABELS.declined],
      ['Referrals (new names)', EVENT_LABELS.referred],
      ['Job interviews', EVENT_LABELS.jobInterview],
      ['Offers', EVENT_LABELS.offer],
      ['Updates sent', EVENT_LABELS.update],
    ] as const
  ).map(([label, word]): { label: string; thisWeek: number; lastWeek: number } => ({
    label,
    // A voiding row ("Voided: " and the voided row's Event, on its date) takes one off.
    thisWeek: standing(word, weekStart),
    lastWeek: standing(word, weekStart - 7),
  }));
  activity.push({
    label: 'All events',
    thisWeek: log.filter((r) => inWeek(r.date, weekStart)).length - 2 * log.filter((r) => isVoiding(r.event) && inWeek(r.date, weekStart)).length,
    lastWeek: log.filter((r) => inWeek(r.date, weekStart - 7)).length - 2 * log.filter((r) => isVoiding(r.event) && inWeek(r.date, weekStart - 7)).length,
  });

  const weekInterviews = activity[3].thisWeek;
  const daysLeft = settings.targetDate - today;
  const stillNeeded = Math.max(0, settings.goalTotal - totals.interviewed);
  const progress = (now: number, target: number): Rate => (target <= 0 ? DASH : now / target);
  const goals: Expected['goals'] = {
    names: progress(totals.contacts, settings.goalNames),
    week: progress(weekInterviews, settings.goalPerWeek),
    total: progress(totals.interviewed, settings.goalTotal),
    weekInterviews,
    daysLeft,
    stillNeeded,
    perWeek: daysLeft <= 0 ? DASH : stillNeeded / (daysLeft / 7),
  };

  const open = cs.filter((c) => !inSet(c.stage, CLOSED) && typeof c.nextFollowUp === 'number');
  const due = open.filter((c) => c.nextFollowUp === today);
  const overdue = open.filter((c) => (c.nextFollowUp as number) < today);
  const followUps = { dueToday: due.length, overdue: overdue.length, dueNames: nameList(due), overdueNames: nameList(overdue) };

  const stages = STAGES.map((s) => ({ label: s as string, count: cs.filter((c) => eq(c.stage, s)).length }));
  stages.push({ label: 'Other or blank', count: cs.length - stages.reduce((n, s) => n + s.count, 0) });

  const relationships = RELATIONSHIPS.map((r) => ({ label: r as string, count: cs.filter((c) => eq(c.relationship, r)).length }));
  relationships.push({ label: 'Other or blank', count: cs.length - relationships.reduce((n, r) => n + r.count, 0) });

  // XLOOKUP(id, Contact ID column): the first row whose ID is that text, in any case. (A list's
  // own rows show their own name; only an introducer is looked up by ID.)
  const byId = (id: string) => contacts.find((c) => eq(c.id, id));
  const nameOf = (id: string) => {
    const person = byId(id);
    return person ? displayName(person) : '(not in the tracker)';
  };
  const introducerOf = (person: OracleContact) => {
    if (person.referredBy === '') return '';
    const parent = byId(person.referredBy);
    return parent ? displayName(parent) : '';
  };
  const startsWithId = (text: string) => text.toLowerCase().startsWith('c-');

  // Ranked by whole referrals given, ties in tracker order.
  const ranked = contacts
    .map((c, row) => ({ c, row }))
    .filter(({ c }) => isContact(c) && typeof c.referralsGiven === 'number' && c.referralsGiven >= 1 && c.referralsGiven < 1_000_000)
    .sort((a, b) => Math.floor(b.c.referralsGiven as number) - Math.floor(a.c.referralsGiven as number) || a.row - b.row)
    .slice(0, 10);
  // Each row as it is; the introducer is the first row with the ID in its Referred by.
  const top = ranked.map(({ c }) => ({ id: c.id, name: displayName(c), given: c.referralsGiven, introducedBy: introducerOf(c), introducerId: c.referredBy }));

  // Contacts whose Referred by is a Contact ID (C-…), in tracker order.
  const introductions = contacts
    .filter((c) => isContact(c) && startsWithId(c.referredBy))
    .map((c) => ({ introducerName: nameOf(c.referredBy), introducerId: c.referredBy, introducedName: displayName(c), introducedId: c.id }));
  const introductionsNow = introductions.length;

  return { totals, conversion, goals, activity, followUps, stages, relationships, top, introductions, introductionsNow, today, weekStart };
}
