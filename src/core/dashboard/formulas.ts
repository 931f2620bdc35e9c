// Formula text for each dashboard number. Only functions that Google Sheets and HyperFormula
// compute the same way: COUNTIFS, COUNTIF, COUNT, SUMIFS, SUM, MAX, IF, IFERROR, XLOOKUP, T,
// VALUE, MID, LEFT, TEXT, INT, MOD, TRIM, N, ISNUMBER, WEEKDAY, TODAY, TEXTJOIN, FILTER, SORT,
// HSTACK, ARRAY_CONSTRAIN, ARRAYFORMULA, ROUND (see docs/dashboard.md for what differs and how
// the formulas avoid it). Array expressions are wrapped in ARRAYFORMULA, which Sheets needs and
// HyperFormula accepts. Whole-column array work is expensive in both engines, so each list is one
// formula that filters, sorts and spills the list itself (IDs and names); a row of a list then
// looks up at most one more contact, with XLOOKUP (INDEX over a whole column costs as much as the
// column is long in HyperFormula).

import { CLOSED_STAGES } from '../schema.ts';
import { CONTACT_ID_DIGITS, CONTACT_ID_PREFIX } from '../ids.ts';
import {
  INTERVIEWED_STAGES,
  JOB_INTERVIEW_OUTCOMES,
  NAMES_PER_CELL,
  OFFER_OUTCOME,
  PITCHED_STAGES,
  REPLIED_STAGES,
} from './definitions.ts';
import { str, type Refs } from './refs.ts';

export const DASH = '–';

/** Sum of COUNTIFS over contact rows, one term per stage, each with the extra criteria. */
function countStages(r: Refs, stages: readonly string[], extra = ''): string {
  return stages.map((s) => `COUNTIFS(${r.isContact},${r.t('stage')},${str(s)}${extra})`).join('+');
}

/** Contacts in one stage (upper or lower case alike). */
export function byStage(r: Refs, stage: string): string {
  return `=COUNTIFS(${r.isContact},${r.t('stage')},${str(stage)})`;
}

/** A sum of the "Contacts by stage" cells of `stages` (`cell` gives a stage's cell). */
function sumOfStages(stages: readonly string[], cell: (stage: string) => string): string {
  return `=${stages.map(cell).join('+')}`;
}

export const totals = {
  contacts: (r: Refs) => `=COUNTIFS(${r.isContact})`,
  pitched: (cell: (stage: string) => string) => sumOfStages(PITCHED_STAGES, cell),
  replied: (cell: (stage: string) => string) => sumOfStages(REPLIED_STAGES, cell),
  interviewed: (cell: (stage: string) => string) => sumOfStages(INTERVIEWED_STAGES, cell),
  referralsReceived: (r: Refs) => `=COUNTIFS(${r.isContact},${r.t('referredBy')},"<>")`,
  jobInterviews: (r: Refs) => `=${JOB_INTERVIEW_OUTCOMES.map((o) => `COUNTIFS(${r.isContact},${r.t('outcome')},${str(o)})`).join('+')}`,
  offers: (r: Refs) => `=COUNTIFS(${r.isContact},${r.t('outcome')},${str(OFFER_OUTCOME)})`,
};

export function byRelationship(r: Refs, relationship: string): string {
  return `=COUNTIFS(${r.isContact},${r.t('relationship')},${str(relationship)})`;
}

/** count ÷ out of, or a dash when there is nothing to divide by. */
export function rate(count: string, outOf: string): string {
  return `=IF(N(${outOf})=0,${str(DASH)},${count}/${outOf})`;
}

export const conversionCounts = {
  referralsFromInterviews: (r: Refs) => `=${INTERVIEWED_STAGES.map((s) => `SUMIFS(${r.t('referralsGiven')},${r.isContact},${r.t('stage')},${str(s)})`).join('+')}`,
  interviewsWithReferral: (r: Refs) => `=${countStages(r, INTERVIEWED_STAGES, `,${r.t('referralsGiven')},">=1"`)}`,
  referredInterviewed: (r: Refs) => `=${countStages(r, INTERVIEWED_STAGES, `,${r.t('referredBy')},"<>"`)}`,
  interviewedToJobInterview: (r: Refs) => `=${JOB_INTERVIEW_OUTCOMES.map((o) => countStages(r, INTERVIEWED_STAGES, `,${r.t('outcome')},${str(o)}`)).join('+')}`,
  interviewedToOffer: (r: Refs) => `=${countStages(r, INTERVIEWED_STAGES, `,${r.t('outcome')},${str(OFFER_OUTCOME)}`)}`,
};

/**
 * The Interview log's Event and Event date of the rows dated this week or last week, in one
 * array formula two columns wide (`cap` rows at most). TODAY() is volatile, so everything that
 * depends on the week is recomputed after every edit; filtering the log once, on the dates
 * alone, and counting within this short list keeps that cheap. (A text date compares above any
 * number in both engines, so `>=` then `<` leaves it out without an ISNUMBER.)
 */
export function recentEvents(log: Refs['log'], start: string, cap: number): string {
  if (!log) return '';
  const d = log.date;
  return `=IFERROR(ARRAYFORMULA(ARRAY_CONSTRAIN(FILTER(HSTACK(${log.event},${d}),${d}>=${start}-7,${d}<${start}+7),${cap},2)),"")`;
}

/** Where the recent-events list is: its Event and Event date columns. */
export interface RecentList {
  events: string;
  dates: string;
}

/**
 * Log rows with Event `word` (any, for null) in this week or last week, counted in the recent
 * events list. (No fallback to counting across the whole log when the list is full: the
 * formula engine of the local emulator evaluates both branches of an IF, so the fallback would
 * cost what the list saves. A full list is reported under Counted instead.)
 */
export function weekCount(word: string | null, week: 'this' | 'last', start: string, list: RecentList): string {
  const recentEvent = word === null ? '' : `${list.events},${str(word)},`;
  return `=COUNTIFS(${recentEvent}${list.dates},${week === 'this' ? `">="&${start}` : `"<"&${start}`})`;
}

function openStageCriteria(r: Refs): string {
  return CLOSED_STAGES.map((s) => `,${r.t('stage')},${str(`<>${s}`)}`).join('');
}

function openStageMask(r: Refs): string {
  return CLOSED_STAGES.map((s) => `(${r.t('stage')}<>${str(s)})`).join('*');
}

export const followUps = {
  dueToday: (r: Refs, today: string) => `=COUNTIFS(${r.isContact},${r.t('nextFollowUp')},">="&${today},${r.t('nextFollowUp')},"<"&(${today}+1)${openStageCriteria(r)})`,
  overdue: (r: Refs, today: string) => `=COUNTIFS(${r.isContact},${r.t('nextFollowUp')},"<"&${today}${openStageCriteria(r)})`,
  dueTodayNames: (r: Refs, today: string, count: string) =>
    namesList(r, `${r.contactMask}*ISNUMBER(${r.t('nextFollowUp')})*(${r.t('nextFollowUp')}>=${today})*(${r.t('nextFollowUp')}<${today}+1)*${openStageMask(r)}`, count),
  overdueNames: (r: Refs, today: string, count: string) =>
    namesList(r, `${r.contactMask}*ISNUMBER(${r.t('nextFollowUp')})*(${r.t('nextFollowUp')}<${today})*${openStageMask(r)}`, count),
};

/**
 * The names of the tracker rows where `mask` is 1, in tracker order, comma-separated: the first
 * NAMES_PER_CELL, then "and N more" (`count` is how many there are).
 */
function namesList(r: Refs, mask: string, count: string): string {
  const list = `IFERROR(ARRAYFORMULA(TEXTJOIN(", ",TRUE,ARRAY_CONSTRAIN(FILTER(${r.nameArray},${mask}),${NAMES_PER_CELL},1))),"")`;
  return `=IF(N(${count})=0,"",${list}&IF(${count}>${NAMES_PER_CELL}," and "&(${count}-${NAMES_PER_CELL})&" more",""))`;
}

/**
 * The number of a Contact ID written as the add-on writes them ("C-0042", any case), per row of
 * `column`; "" for anything else (blank, "C-42", "C-1e3", free text). The check rebuilds the ID
 * from its number and compares, so VALUE's leniency (exponents, dates, percentages) cannot slip in.
 */
function idNumbers(column: string): string {
  const p = CONTACT_ID_PREFIX.length;
  const n = `VALUE(MID(${column},${p + 1},20))`;
  return `IFERROR(IF(${str(CONTACT_ID_PREFIX)}&TEXT(${n},${str('0'.repeat(CONTACT_ID_DIGITS))})=${column},${n},""),"")`;
}

/** Keys pack two numbers into one sortable number: high × KEY_BASE + low (IDs stay below it). */
const KEY_BASE = 10_000_000;
/** Referrals given at or above this are not ranked (they would not fit in a key). */
const MAX_REFERRALS = 1_000_000;

/**
 * One array formula for a whole list: the rows of `columns` (whole-column arrays) where every
 * condition holds, ordered by `key` (unique per row, so the order never depends on how an engine
 * breaks ties), the first `rows`. The key is sorted on as an extra last column and then dropped.
 * SORT's order argument differs between the engines (Sheets takes TRUE/FALSE, HyperFormula
 * 1/-1), so keys are built to sort ascending (TRUE, which both read as ascending). HSTACK, not
 * an array literal: {a,b} is written {a\b} in locales with a decimal comma.
 */
function sortedList(columns: string[], key: string, conditions: string[], rows: number): string {
  const n = columns.length;
  return `=IFERROR(ARRAYFORMULA(ARRAY_CONSTRAIN(SORT(FILTER(HSTACK(${[...columns, key].join(',')}),${conditions.join(',')}),${n + 1},TRUE),${rows},${n})),"")`;
}

export const topReferrers = {
  /**
   * Contact ID, name and Referrals given of the `rows` contacts who gave the most referrals
   * (≥ 1, counted in whole numbers), ties in Contact ID order.
   */
  list: (r: Refs, rows: number) => {
    const own = idNumbers(r.t('contactId'));
    const given = r.t('referralsGiven');
    const key = `(${MAX_REFERRALS}-INT(${given}))*${KEY_BASE}+${own}`;
    return sortedList([r.t('contactId'), r.nameArray, given], key, [`ISNUMBER(${own})`, `ISNUMBER(${given})`, `${given}>=1`, `${given}<${MAX_REFERRALS}`], rows);
  },
};

export const introductions = {
  /**
   * Every introduction, a contact whose Referred by is another Contact ID (both as the add-on
   * writes them): the Referred by ID, the contact's name and Contact ID, ordered by introducer
   * then introduced, the first `rows`.
   */
  list: (r: Refs, rows: number) => {
    const own = idNumbers(r.t('contactId'));
    const link = idNumbers(r.t('referredBy'));
    return sortedList([r.t('referredBy'), r.nameArray, r.t('contactId')], `${link}*${KEY_BASE}+${own}`, [`ISNUMBER(${own})`, `ISNUMBER(${link})`], rows);
  },
  /** The name of the contact whose ID is in `id`, or a note when no contact has it. */
  name: (r: Refs, id: string) => `=IF(${id}="","",IFERROR(${r.nameOf(id)},"(not in the tracker)"))`,
  /** Shown when the list (spilled one row further than it shows) has more introductions than rows. */
  overflow: (next: string, rows: number) => `=IF(${next}="","",${str(`More introductions than the ${rows} rows here: choose Build dashboard again to list them all.`)})`,
};

/** The name of whoever is in the Referred by of the contact whose ID is in `id`, if that is a contact. */
export function introducedBy(r: Refs, id: string): string {
  const link = `XLOOKUP(${id},${r.t('contactId')},${r.t('referredBy')})`;
  return `=IF(${id}="","",IFERROR(IF(${link}="","",${r.nameOf(link)}),""))`;
}
