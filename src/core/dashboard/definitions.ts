// What each dashboard number means, in terms of tracker stages, columns and Interview log
// events: one place for the rules, the labels a reader sees, the settings the user may edit
// and the outside benchmarks with their sources.

import type { DateParts } from '../base/dates.ts';
import { addDays } from '../base/calendar.ts';
import { EVENT_LABELS } from '../logging/events.ts';
import { EVENT_KIND_LIST, EVENT_KINDS, type EventKind } from '../logging/kinds.ts';
import { CONTACT_ID_PREFIX, formatContactId } from '../tracker/ids.ts';
import { FIRST_STAGE, OUTCOMES, type Outcome, type Stage, STAGES } from '../tracker/schema.ts';

export const DASHBOARD_SHEET_NAME = 'Dashboard';
export const FUNNEL_CHART_TITLE = 'Outreach funnel';

// A contact is a tracker row whose Contact ID starts with CONTACT_ID_PREFIX (any case), as the
// add-on writes them (ids.ts).

/** Stages past "To contact": the contact was asked (a decline is an answer to an ask). */
export const PITCHED_STAGES: readonly Stage[] = STAGES.filter((s) => s !== FIRST_STAGE);
/** Stages in which the contact has answered: a day was fixed, the conversation happened, or they declined. */
export const REPLIED_STAGES: readonly Stage[] = ['Scheduled', 'Interviewed', 'Thanked', 'Declined'];
/** Stages in which the informational interview has happened. */
export const INTERVIEWED_STAGES: readonly Stage[] = ['Interviewed', 'Thanked'];
/** An offer implies the job interview before it: every Outcome counts as a job interview. */
export const JOB_INTERVIEW_OUTCOMES: readonly Outcome[] = OUTCOMES;
export const OFFER_OUTCOME: Outcome = 'Offer';

/** Names listed in one cell at most; the rest are counted ("and 3 more"). */
export const NAMES_PER_CELL = 25;
/** Rows of "Who opened the most doors": the ten contacts with the most Referrals given. */
export const TOP_REFERRERS = 10;
/** Rows of the introductions list: today's introductions plus room to grow, within a bound. */
const MIN_INTRODUCTION_ROWS = 10;
const MAX_INTRODUCTION_ROWS = 50;
const SPARE_INTRODUCTION_ROWS = 10;

export function introductionRows(introductionsNow: number): number {
  return Math.min(MAX_INTRODUCTION_ROWS, Math.max(MIN_INTRODUCTION_ROWS, introductionsNow + SPARE_INTRODUCTION_ROWS));
}

/** The log's "Referred" rows (one per new name an interview gave) among the activity rows. */
const REFERRED_ACTIVITY = { label: 'Referrals (new names)', row: 7 };

/** Interview log events counted per week, in the order shown (each kind's activity row), with the log's own words. */
export const ACTIVITY_EVENTS: readonly { kind: EventKind | 'referred'; label: string }[] = [
  ...EVENT_KIND_LIST.map((kind) => ({ kind, ...EVENT_KINDS[kind].activity })),
  { kind: 'referred' as const, ...REFERRED_ACTIVITY },
]
  .sort((a, b) => a.row - b.row)
  .map(({ kind, label }) => ({ kind, label }));

export function eventWord(kind: EventKind | 'referred'): string {
  return EVENT_LABELS[kind];
}

export type SettingKey =
  'goalNames' | 'goalPerWeek' | 'goalTotal' | 'targetDate' | 'offersPerInterview' | 'offersPerResume' | 'referredApplicants' | 'referredHires' | 'followUpLift';

export interface SettingDef {
  key: SettingKey;
  label: string;
  format: string;
  /** Where the figure comes from, or what the goal means. */
  note: string;
}

/** Settings, in the order of their rows. Rebuilding never writes a setting that is already there. */
export const SETTINGS: readonly SettingDef[] = [
  { key: 'goalNames', label: 'Goal: names on your list', format: '0', note: "A first list of about 25 people you already know (the method's starting point)." },
  {
    key: 'goalPerWeek',
    label: 'Goal: informational interviews per week',
    format: '0',
    note: "Compared with this week's Informational interview events in the log.",
  },
  { key: 'goalTotal', label: 'Goal: informational interviews in total', format: '0', note: 'An active search does dozens; compared with interviews held.' },
  { key: 'targetDate', label: 'Goal: target date for the total', format: 'yyyy-mm-dd', note: 'The day by which you want to have held that many interviews.' },
  {
    key: 'offersPerInterview',
    label: 'Outside benchmark: job offers per informational interview',
    format: '0.0%',
    note: 'Rough published figure, not a promise: about 1 in 12. Randall S. Hansen, Quintessential Careers, "Background information about informational interviews", https://www.quintcareers.com/information-background/',
  },
  {
    key: 'offersPerResume',
    label: 'Outside benchmark: job offers per résumé sent',
    format: '0.0%',
    note: 'Rough published figure: about 1 in 200 (some studies say 1 in 1,500). Same source as the line above.',
  },
  {
    key: 'referredApplicants',
    label: 'Outside benchmark: referred candidates, share of applicants',
    format: '0%',
    note: 'Rough published figure: about 7% of applicants. Jobvite Index, employee referrals, https://www.jobvite.com/resources/jobvite-index/ (as reported by Personnel Today).',
  },
  {
    key: 'referredHires',
    label: 'Outside benchmark: referred candidates, share of hires',
    format: '0%',
    note: 'Rough published figure: about 40% of hires (39.9% in the index). Same source as the line above.',
  },
  {
    key: 'followUpLift',
    label: 'Outside benchmark: more replies after one follow-up',
    format: '0%',
    note: 'Rough published figure for cold email: the first follow-up brings about 40% more replies. Woodpecker, "These stats prove the importance of follow-up emails", https://woodpecker.co/blog/?p=5562',
  },
];

export type SettingValue = number | DateParts;

/** Default settings; the target date is twelve weeks from `today` (the spreadsheet's today). */
export function defaultSettings(today: DateParts): Record<SettingKey, SettingValue> {
  return {
    goalNames: 25,
    goalPerWeek: 2,
    goalTotal: 20,
    targetDate: addDays(today, 84),
    offersPerInterview: 1 / 12,
    offersPerResume: 1 / 200,
    referredApplicants: 0.07,
    referredHires: 0.4,
    followUpLift: 0.4,
  };
}

/** The dashboard's notes: how every number is counted. */
export const DEFINITIONS: readonly string[] = [
  `Contact: a tracker row with a Contact ID (${CONTACT_ID_PREFIX}…). Rows without one are not counted until Set up tracker gives them an ID.`,
  'Stages are read as written in the Stage column, upper or lower case alike. Pitched: any stage past To contact (Pitched, Followed up, Scheduled, Interviewed, Thanked, Declined, No response). Replied: Scheduled, Interviewed, Thanked or Declined. Informational interview held: Interviewed or Thanked. Stages only move forward, so a contact counts in every step it has passed.',
  "A reply that fixes no day yet leaves the stage as it was: it shows under this week's activity (Replies) and counts as Replied once a day is fixed (Scheduled) or the contact declines.",
  `Referrals received: contacts whose Referred by is filled in. Referrals given (referrals per interview, who opened the most doors): the Referrals given number on the person who gave them, which Log informational interview keeps up to date; ties are listed in tracker order. Introductions: contacts whose Referred by is a Contact ID (${formatContactId(42)}), in tracker order.`,
  'Job interviews: Outcome is Job interview or Offer (an offer comes after a job interview). Offers: Outcome is Offer.',
  'Rates: count ÷ out of, among contacts who reached the earlier step. A dash means there is nothing to divide by yet.',
  'Weeks run Monday to Sunday in the spreadsheet\'s time zone (File > Settings). Activity counts Interview log rows by their Event date and Event; a voided event (its "Voided: " row on the same date) is not counted.',
  "Follow-ups: Next follow-up is today or earlier, for contacts not Declined, No response or Thanked (the same rule as the tracker's colours).",
  'Outside benchmarks are rough published figures from the sources named in Settings: context, not promises or targets.',
];
