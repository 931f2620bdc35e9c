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
  /** As written in the log; world.ts writes C-0001, C-0002... down the rows when absent. */
  contactId?: string;
  details?: string;
  /** World.ts writes gen-0, gen-1... down the rows when absent. */
  eventId?: string;
}

/** The Contact ID and Event ID world.ts writes on log row `i` (0-based) when the row names none. */
export function logRowIds(row: OracleLogRow, i: number): { contactId: string; eventId: string } {
  return { contactId: row.contactId ?? `C-${String(i + 1).padStart(4, '0')}`, eventId: row.eventId ?? `gen-${i}` };
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

// ---- What gets replies ----

export interface ReplyGroup {
  label: string;
  pitches: number;
  replies: number;
  conversations: number;
}

export interface ExpectedReplies {
  /** Templates of first pitches, in the order first used (the dashboard shows TEMPLATE_ROWS). */
  templates: ReplyGroup[];
  relationships: ReplyGroup[];
  followedUp: ReplyGroup;
  notFollowedUp: ReplyGroup;
  all: ReplyGroup;
  medianDays: number | typeof DASH;
}

const NOT_RECORDED = '(not recorded)';
const EVENT_CODES: [string, number][] = [
  [EVENT_LABELS.pitch, 1],
  [EVENT_LABELS.followUp, 2],
  [EVENT_LABELS.reply, 3],
  [EVENT_LABELS.declined, 4],
  [EVENT_LABELS.interview, 5],
];

/** The template a pitch's Details name ("Template: <name>" on its first line, any case), as Mark as sent writes it. */
function templateIn(details: unknown): string {
  if (typeof details !== 'string' || !details.toLowerCase().startsWith('template: ')) return NOT_RECORDED;
  return details.slice(10).split('\n')[0] || NOT_RECORDED;
}

/**
 * By the definitions in docs/dashboard.md: every contact once, by their first pitch that stands
 * (no "Voided: " row carries its Event ID followed by "/voided"), among the log's standing
 * pitches, follow-ups and answers with a date and a contact, ordered by day then log row.
 */
export function expectedReplies(contacts: OracleContact[], log: OracleLogRow[]): ExpectedReplies {
  const lower = (s: string) => s.toLowerCase();
  const voidingIds = new Set(log.flatMap((r, i) => (lower(String(r.event)).startsWith(lower(VOIDED_PREFIX)) ? [lower(logRowIds(r, i).eventId)] : [])));
  const events = log
    .map((r, i) => {
      const { contactId, eventId } = logRowIds(r, i);
      const code = EVENT_CODES.find(([word]) => eq(r.event, word))?.[1] ?? 0;
      return { ...r, contactId, eventId, code, row: i + 2 };
    })
    .filter((e) => e.code > 0 && typeof e.date === 'number' && e.contactId !== '' && !voidingIds.has(lower(`${e.eventId}/voided`)))
    .sort((a, b) => (a.date as number) - (b.date as number) || a.row - b.row)
    .slice(0, 2000);
  const seen = new Set<string>();
  const firsts = events.filter((e) => {
    if (e.code !== 1 || seen.has(lower(e.contactId))) return false;
    seen.add(lower(e.contactId));
    return true;
  });
  const relationshipOf = (id: string) => {
    const c = contacts.find((x) => eq(x.id, id));
    return c && typeof c.relationship === 'string' ? c.relationship : '';
  };
  const pitches = firsts.map((p) => {
    const day = p.date as number;
    const own = events.filter((e) => eq(e.contactId, p.contactId) && (e.date as number) >= day);
    const answers = own.filter((e) => e.code >= 3).map((e) => e.date as number);
    const days = answers.length ? Math.min(...answers) - day : null;
    return {
      template: templateIn(p.details),
      relationship: relationshipOf(p.contactId),
      days,
      conversation: own.some((e) => e.code === 5),
      followedUp: own.some((e) => e.code === 2 && (e.date as number) <= day + (days ?? 1_000_000)),
    };
  });
  type P = (typeof pitches)[number];
  const group = (label: string, keep: (p: P) => boolean): ReplyGroup => {
    const in_ = pitches.filter(keep);
    return { label, pitches: in_.length, replies: in_.filter((p) => p.days !== null).length, conversations: in_.filter((p) => p.conversation).length };
  };
  const templates: string[] = [];
  for (const p of pitches) if (!templates.some((t) => eq(t, p.template))) templates.push(p.template);
  const days = pitches.flatMap((p) => (p.days === null ? [] : [p.days])).sort((a, b) => a - b);
  const mid = days.length >> 1;
  return {
    templates: templates.map((t) => group(t, (p) => eq(p.template, t))),
    relationships: RELATIONSHIPS.map((r) => group(r, (p) => eq(p.relationship, r))),
    followedUp: group('Followed up (before any reply)', (p) => p.followedUp),
    notFollowedUp: group('Not followed up', (p) => !p.followedUp),
    all: group('All first pitches', () => true),
    medianDays: days.length === 0 ? DASH : days.length % 2 ? days[mid] : (days[mid - 1] + days[mid]) / 2,
  };
}
