// Formula text for each dashboard number. Only functions that Google Sheets and the emulator
// compute the same way: COUNTIFS, COUNTIF, COUNT, SUMIFS, SUM, MAX, IF, IFERROR, OR, XLOOKUP, T,
// LEFT, INT, TRIM, N, ISNUMBER, WEEKDAY, TODAY, TEXTJOIN, FILTER, SORT, HSTACK, ROW,
// ARRAY_CONSTRAIN, ARRAYFORMULA, MAP, LAMBDA, ROUND, and for "What gets replies" MATCH, ISNA, MID,
// FIND, CHAR, SUBSTITUTE, MINIFS, MEDIAN, UNIQUE, LOWER (see docs/dashboard.md for what differs and
// how the formulas avoid it). Only forms whose array behaviour Google documents: a function over
// ranges sits inside ARRAYFORMULA, always the formula's outermost function, or is an array
// function (FILTER, SORT, HSTACK, MAP, UNIQUE); T, TRIM and XLOOKUP take one value, inside MAP's LAMBDA.
//
// HyperFormula's COUNTIFS checks a row's criteria in order and stops at the first that fails,
// so the one true for most rows (a Contact ID, a pattern match) comes last; Sheets counts the
// same either way.
//
// Every reference to a whole tracker or log column costs the engine work in proportion to the
// column's length, each time a formula names it (HyperFormula links the formula to every cell of
// the column when it builds the sheet). So a block of numbers is one array formula over its
// label cells (one COUNTIFS per label, the columns named once), a list is one formula that
// filters (and sorts) the tracker into hidden columns, whose rows the visible cells show (names
// put together for those rows only), and introducers are looked up for all a list's rows at once.

import { CLOSED_STAGES } from '../tracker/schema.ts';
import { VOIDED_PREFIX } from '../history/void-rows.ts';
import { INTERVIEWED_STAGES, JOB_INTERVIEW_OUTCOMES, NAMES_PER_CELL, OFFER_OUTCOME, PITCHED_STAGES, REPLIED_STAGES } from './definitions.ts';
import { str, type DashboardTrackerKey, type LogRefs, type Refs } from './refs.ts';
import { EVENT_LABELS } from '../logging/events.ts';

export const DASH = '–';

/**
 * Contacts counted by each value in `labels`, a range of the dashboard's own label cells (the
 * stages, the relationships): one array formula, one number per label, upper or lower case alike.
 */
export function countsByLabel(r: Refs, key: DashboardTrackerKey, labels: string): string {
  return `=ARRAYFORMULA(COUNTIFS(${r.t(key)},${labels},${r.isContact}))`;
}

/** A sum of the "Contacts by stage" cells of `stages` (`cell` gives a stage's cell). */
function sumOfStages(stages: readonly string[], cell: (stage: string) => string): string {
  return `=${stages.map(cell).join('+')}`;
}

const contactsWithOutcome = (r: Refs, outcome: string) => `COUNTIFS(${r.t('outcome')},${str(outcome)},${r.isContact})`;

export const totals = {
  contacts: (r: Refs) => `=COUNTIFS(${r.isContact})`,
  pitched: (cell: (stage: string) => string) => sumOfStages(PITCHED_STAGES, cell),
  replied: (cell: (stage: string) => string) => sumOfStages(REPLIED_STAGES, cell),
  interviewed: (cell: (stage: string) => string) => sumOfStages(INTERVIEWED_STAGES, cell),
  referralsReceived: (r: Refs) => `=COUNTIFS(${r.t('referredBy')},"<>",${r.isContact})`,
  /** Every outcome but an offer counted here, plus the offers cell. */
  jobInterviews: (r: Refs, offers: string) => `=${JOB_INTERVIEW_OUTCOMES.map((o) => (o === OFFER_OUTCOME ? offers : contactsWithOutcome(r, o))).join('+')}`,
  offers: (r: Refs) => `=${contactsWithOutcome(r, OFFER_OUTCOME)}`,
};

/** count ÷ out of, or a dash when there is nothing to divide by. */
export function rate(count: string, outOf: string): string {
  return `=IF(N(${outOf})=0,${str(DASH)},${count}/${outOf})`;
}

/**
 * Counts among interviewed contacts: `stages` is the range of the "Contacts by stage" label
 * cells of INTERVIEWED_STAGES, one COUNTIFS (or SUMIFS) per stage, summed.
 */
export const conversionCounts = {
  referralsFromInterviews: (r: Refs, stages: string) => `=SUM(ARRAYFORMULA(SUMIFS(${r.t('referralsGiven')},${r.t('stage')},${stages},${r.isContact})))`,
  interviewsWithReferral: (r: Refs, stages: string) => `=${interviewedWith(r, stages, `${r.t('referralsGiven')},">=1"`)}`,
  referredInterviewed: (r: Refs, stages: string) => `=${interviewedWith(r, stages, `${r.t('referredBy')},"<>"`)}`,
  interviewedToOffer: (r: Refs, stages: string) => `=${interviewedWith(r, stages, `${r.t('outcome')},${str(OFFER_OUTCOME)}`)}`,
  /** Every outcome but an offer counted here, plus the cell of interviewed contacts with an offer. */
  interviewedToJobInterview: (r: Refs, stages: string, offers: string) =>
    `=${JOB_INTERVIEW_OUTCOMES.map((o) => (o === OFFER_OUTCOME ? offers : interviewedWith(r, stages, `${r.t('outcome')},${str(o)}`))).join('+')}`,
};

function interviewedWith(r: Refs, stages: string, criteria: string): string {
  return `SUM(ARRAYFORMULA(COUNTIFS(${r.t('stage')},${stages},${criteria},${r.isContact})))`;
}

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
  return `=ARRAYFORMULA(IFERROR(ARRAY_CONSTRAIN(FILTER(HSTACK(${log.event},${d}),${d}>=${start}-7,${d}<${start}+7),${cap},2),""))`;
}

/** Where the recent-events list is: its Event and Event date columns. */
export interface RecentList {
  events: string;
  dates: string;
}

/**
 * Log rows in this week or last week, counted in the recent events list: one number per Event
 * word in `words` (a range of the dashboard's cells holding them), or every row (`words` null).
 * (No fallback to counting across the whole log when the list is full: when it was written the
 * local emulator evaluated both branches of an IF, so the fallback cost what the list saves; its
 * IF is lazy now, as Sheets' is, so a fallback could be weighed again. A full list is reported
 * under Counted instead.)
 */
export function weekCounts(words: string | null, week: 'this' | 'last', start: string, list: RecentList): string {
  const when = `${list.dates},${week === 'this' ? `">="&${start}` : `"<"&${start}`}`;
  // A voided event stands no more: its voiding row ("Voided: " and its Event, dated as it was;
  // core/history/void-rows.ts) takes it off its word's count, and off All events with itself.
  const prefix = str(VOIDED_PREFIX);
  return words === null
    ? `=COUNTIFS(${when})-2*COUNTIFS(${list.events},${str(`${VOIDED_PREFIX}*`)},${when})`
    : `=ARRAYFORMULA(COUNTIFS(${list.events},${words},${when})-COUNTIFS(${list.events},${prefix}&${words},${when}))`;
}

function openStageCriteria(r: Refs): string {
  return CLOSED_STAGES.map((s) => `,${r.t('stage')},${str(`<>${s}`)}`).join('');
}

/** FILTER conditions (one per argument) of an open stage: not Declined, No response or Thanked. */
function openStageConditions(r: Refs): string[] {
  return CLOSED_STAGES.map((s) => `${r.t('stage')}<>${str(s)}`);
}

export const followUps = {
  dueToday: (r: Refs, today: string) =>
    `=COUNTIFS(${r.t('nextFollowUp')},">="&${today},${r.t('nextFollowUp')},"<"&(${today}+1)${openStageCriteria(r)},${r.isContact})`,
  overdue: (r: Refs, today: string) => `=COUNTIFS(${r.t('nextFollowUp')},"<"&${today}${openStageCriteria(r)},${r.isContact})`,
  /**
   * The name columns and Contact ID of the first NAMES_PER_CELL contacts due today, in tracker
   * order (each row's own name, whatever other row has the same ID). Text and TRUE compare above
   * any number in both engines, so the two bounds leave them out; an empty cell reads as 0, which
   * "overdue" needs ISNUMBER to leave out.
   */
  dueTodayRows: (r: Refs, today: string) => firstRows(r, [`${r.t('nextFollowUp')}>=${today}`, `${r.t('nextFollowUp')}<${today}+1`]),
  overdueRows: (r: Refs, today: string) => firstRows(r, [`ISNUMBER(${r.t('nextFollowUp')})`, `${r.t('nextFollowUp')}<${today}`]),
  /**
   * The names in a list of rows (`ids` its Contact ID column, `part` where each name column is),
   * comma-separated, then "and N more" when `count` (how many there are) is larger than the list.
   */
  names: (r: Refs, ids: string, part: (column: number) => string, count: string) => {
    const list = `IFERROR(TEXTJOIN(", ",TRUE,${r.namesOf(ids, part)}),"")`;
    return `=IF(N(${count})=0,"",${list}&IF(${count}>${NAMES_PER_CELL}," and "&(${count}-${NAMES_PER_CELL})&" more",""))`;
  },
};

/**
 * Contacts whose Next follow-up meets `conditions`, in an open stage: their name columns and
 * Contact ID (in that order), the first NAMES_PER_CELL.
 */
function firstRows(r: Refs, conditions: string[]): string {
  const all = [r.contactMask, ...conditions, ...openStageConditions(r)];
  const columns = [...r.nameColumns.map((c) => r.column(c)), r.t('contactId')];
  return `=ARRAYFORMULA(IFERROR(ARRAY_CONSTRAIN(FILTER(HSTACK(${columns.join(',')}),${all.join(',')}),${NAMES_PER_CELL},${columns.length}),""))`;
}

/** Keys pack two numbers into one sortable number: high × KEY_BASE + low (row numbers stay below it). */
const KEY_BASE = 10_000_000;
/** Referrals given at or above this are not ranked (they would not fit in a key). */
const MAX_REFERRALS = 1_000_000;

/**
 * One array formula for a list: the rows of `columns` (whole-column arrays) where every condition
 * holds, ordered by `key` (unique per row, so the order never depends on how an engine breaks
 * ties), the first `rows`. The key is sorted on as an extra last column and then dropped. SORT's
 * order argument differs between the engines (Sheets takes TRUE/FALSE, HyperFormula 1/-1), so
 * keys are built to sort ascending (TRUE, which both read as ascending). HSTACK, not an array
 * literal: {a,b} is written {a\b} in locales with a decimal comma.
 */
function sortedList(columns: string[], key: string, conditions: string[], rows: number): string {
  return sortedOn([...columns, key], columns.length + 1, conditions, rows, columns.length);
}

/** sortedList when the key is already one of `columns`, the `keyColumn`-th (1-based): no column added. */
function sortedOn(columns: string[], keyColumn: number, conditions: string[], rows: number, shown = columns.length): string {
  return `=ARRAYFORMULA(IFERROR(ARRAY_CONSTRAIN(SORT(FILTER(HSTACK(${columns.join(',')}),${conditions.join(',')}),${keyColumn},TRUE),${rows},${shown}),""))`;
}

/** Where a list's rows wait (hidden columns): `column(k)` is the range of its k-th column. */
export interface ListRows {
  column(k: number): string;
}

/** A column of a list's rows shown as it is, blank past the list's end (`ids` is its ID column). */
function shown(ids: string, values: string): string {
  return `=ARRAYFORMULA(IF(${ids}="","",${values}))`;
}

/** The display names of a list's rows from their own name columns (which follow `first` columns of other values). */
function ownNames(r: Refs, rows: ListRows, ids: string, first: number): string {
  return `=${r.namesOf(ids, (column) => rows.column(first + r.nameColumns.indexOf(column)))}`;
}

/** The LAMBDA's names for a list row's Contact ID and the Contact ID in its Referred by. */
const ROW_ID = 'row_id';
const BY_ID = 'by_id';

export const topReferrers = {
  /**
   * The rows of the `rows` contacts who gave the most referrals (≥ 1, counted in whole numbers),
   * ties in tracker order (ROW: a row number is unique, where a Contact ID may not be): Contact
   * ID, Referrals given, Referred by, then the name columns.
   */
  rows: (r: Refs, rows: number) => {
    const given = r.t('referralsGiven');
    const key = `(${MAX_REFERRALS}-INT(${given}))*${KEY_BASE}+ROW(${r.t('contactId')})`;
    const columns = [r.t('contactId'), given, r.t('referredBy'), ...r.nameColumns.map((c) => r.column(c))];
    return sortedList(columns, key, [r.contactMask, `ISNUMBER(${given})`, `${given}>=1`, `${given}<${MAX_REFERRALS}`], rows);
  },
  ids: (rows: ListRows) => shown(rows.column(0), rows.column(0)),
  names: (r: Refs, rows: ListRows) => ownNames(r, rows, rows.column(0), 3),
  given: (rows: ListRows) => shown(rows.column(0), rows.column(1)),
  /** What their Referred by says (text only). */
  introducerIds: (rows: ListRows) => `=MAP(${rows.column(0)},${rows.column(2)},LAMBDA(${ROW_ID},${BY_ID},IF(${ROW_ID}="","",T(${BY_ID}))))`,
  /**
   * The name of whoever is in their Referred by (`introducers`, beside the list's `ids`), if that
   * is a contact in the tracker (the first row with that Contact ID); nothing otherwise.
   */
  introducerNames: (r: Refs, ids: string, introducers: string) =>
    `=MAP(${ids},${introducers},LAMBDA(${ROW_ID},${BY_ID},IF(OR(${ROW_ID}="",${BY_ID}=""),"",IFERROR(${r.nameOf(BY_ID, true)},""))))`,
};

export const introductions = {
  /**
   * Every introduction, a contact whose Referred by is a Contact ID (C-…), in tracker order, the
   * first `rows`: Referred by, the contact's own Contact ID, then its name columns.
   */
  rows: (r: Refs, rows: number) => {
    const columns = [r.t('referredBy'), r.t('contactId'), ...r.nameColumns.map((c) => r.column(c))];
    return `=ARRAYFORMULA(IFERROR(ARRAY_CONSTRAIN(FILTER(HSTACK(${columns.join(',')}),${r.contactMask},${r.contactMaskOf('referredBy')}),${rows},${columns.length}),""))`;
  },
  introducerIds: (rows: ListRows) => shown(rows.column(1), rows.column(0)),
  introducedIds: (rows: ListRows) => shown(rows.column(1), rows.column(1)),
  introducedNames: (r: Refs, rows: ListRows) => ownNames(r, rows, rows.column(1), 2),
  /**
   * The names of the contacts whose IDs are in `ids`, the first row with each ID, or a note when
   * no contact has one.
   */
  introducerNames: (r: Refs, ids: string) =>
    `=MAP(${ids},LAMBDA(${BY_ID},IF(${BY_ID}="","",IFERROR(${r.nameOf(BY_ID, true)},${str('(not in the tracker)')}))))`,
  /** Shown when the list (spilled one row further than it shows) has more introductions than rows. */
  overflow: (next: string, rows: number) =>
    `=IF(${next}="","",${str(`More introductions than the ${rows} rows here: choose Build dashboard again to list them all.`)})`,
};

/** Log events the "What gets replies" block reads, each with its number in the block's list. */
const REPLY_EVENT_CODES = { pitch: 1, followUp: 2, reply: 3, declined: 4, interview: 5 } as const;
/** Codes at or above this are an answer: a reply, a decline or the conversation itself. */
const FIRST_ANSWER_CODE = REPLY_EVENT_CODES.reply;
/** What the template of a pitch is when its Details do not name one (a pitch logged from the menu). */
export const NOT_RECORDED = '(not recorded)';
/** Mark as sent writes the template's name on the first line of Details after this (core/pitch/sent-note.ts). */
const TEMPLATE_PREFIX = 'Template: ';
/** Under this many pitches a rate is not shown. */
export const FEWEST_PITCHES = 5;
export const TOO_FEW = 'too few to tell';
/** Days added to "no answer" so that every follow-up after the pitch counts. */
const NO_ANSWER_DAYS = 1_000_000;

/**
 * The block's list, in this order of columns: contact, key (Event date's day × KEY_BASE + log
 * row: unique, and the order of the list), event code, Details (read on a pitch's row only), and
 * the contact again on a pitch's row only.
 */
export const REPLY_LIST_COLUMNS = 5;

/** `text` as a COUNTIFS criterion matching exactly that text: its wildcards (* ? ~) escaped, "=" first so that no leading < > = is read as a comparison. */
function exactly(text: string): string {
  return `"="&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${text},"~","~~"),"*","~*"),"?","~?")`;
}

function eventCode(event: string): string {
  return Object.entries(REPLY_EVENT_CODES)
    .map(([kind, code]) => `(${event}=${str(EVENT_LABELS[kind as keyof typeof REPLY_EVENT_CODES])})*${code}`)
    .join('+');
}

/** The template named by a pitch's Details, as Mark as sent writes it, or NOT_RECORDED. */
function templateOf(details: string): string {
  const name = `MID(${details},${TEMPLATE_PREFIX.length + 1},FIND(CHAR(10),${details}&CHAR(10))-${TEMPLATE_PREFIX.length + 1})`;
  return `IF(LEFT(${details},${TEMPLATE_PREFIX.length})=${str(TEMPLATE_PREFIX)},IF(${name}="",${str(NOT_RECORDED)},${name}),${str(NOT_RECORDED)})`;
}

/** The LAMBDA's names: a pitch's contact and key, a first pitch's key and days to a reply, a template's name in lower case. */
const L = { pitcher: 'ev_pitcher', key: 'ev_key', first: 'first_key', days: 'reply_days', template: 'template_lower' };

/** The day of a key, and the first key of that day. */
const dayOf = (key: string) => `INT(${key}/${KEY_BASE})`;
const dayStart = (key: string) => `${dayOf(key)}*${KEY_BASE}`;

/**
 * The keys of the contacts' first pitches, in the list's order: among the list's pitches, each
 * contact's first (the XLOOKUP of its contact among the pitches finds its own key). Only the
 * pitches are looked up, and each column worked out per first pitch maps these keys alone, so
 * the counts over the list run once per first pitch, not once per row of the list (mapping every
 * row and skipping blanks with an IF is not enough: even with a lazy IF, each row is one more
 * LAMBDA call and lookup).
 */
function firstPitchKeys(list: ListRows): string {
  const [keys, pitchers] = [list.column(1), list.column(4)];
  const pitches = `${list.column(2)}=${REPLY_EVENT_CODES.pitch}`;
  return `FILTER(FILTER(${keys},${pitches}),MAP(FILTER(${pitchers},${pitches}),FILTER(${keys},${pitches}),LAMBDA(${L.pitcher},${L.key},XLOOKUP(${L.pitcher},${pitchers},${keys})=${L.key})))`;
}

/** A value per first pitch, `value` of its key (L.first), one below the other from the formula's cell. */
function perFirstPitch(list: ListRows, value: string): string {
  return `=ARRAYFORMULA(IFERROR(MAP(${firstPitchKeys(list)},LAMBDA(${L.first},${value})),""))`;
}

/** The list's `column` on the row of a first pitch's key. */
const onFirstPitch = (list: ListRows, column: number) => `XLOOKUP(${L.first},${list.column(1)},${list.column(column)})`;

/** COUNTIFS criteria: the first pitch's contact, events of `code` (a criterion), from the day of the first pitch. */
function sameContactFrom(list: ListRows, code: string): string {
  return `${list.column(0)},${exactly(onFirstPitch(list, 0))},${list.column(2)},${code},${list.column(1)},">="&(${dayStart(L.first)})`;
}

export const replies = {
  /**
   * The log's pitches, follow-ups and answers that stand (no voiding row names their Event ID:
   * core/history/void-rows.ts) with a date and a contact, in date order then log order, the
   * first `rows`. The voiding rows are few, so each row's ID is looked for among them only.
   */
  events: (log: LogRefs | null, rows: number) => {
    if (!log) return '';
    const code = eventCode(log.event);
    const key = `INT(${log.date})*${KEY_BASE}+ROW(${log.contactId})`;
    // No voiding row: the FILTER is #N/A, so is the MATCH, and every row stands. (MATCH, not a
    // COUNTIFS per row: half the time in the local engine; an Event ID has no wildcard.)
    const voidingIds = `FILTER(${log.eventId},LEFT(${log.event},${VOIDED_PREFIX.length})=${str(VOIDED_PREFIX)})`;
    const stands = `ISNA(MATCH(${log.eventId}&"/voided",${voidingIds},0))`;
    const pitch = `${log.event}=${str(EVENT_LABELS.pitch)}`;
    // Details as they are, on every row (no IF: a pass over the whole log saved), since a
    // template is read from them on first pitches only. The key is sorted on where it is.
    const columns = [log.contactId, key, code, log.details, `IF(${pitch},${log.contactId},"")`];
    return sortedOn(columns, 2, [`${code}>0`, `ISNUMBER(${log.date})`, `${log.contactId}<>""`, stands], rows);
  },
  /** Each first pitch's template (from its Details). */
  firstPitchTemplate: (list: ListRows) => perFirstPitch(list, templateOf(`T(${onFirstPitch(list, 3)})`)),
  /** Each first pitch's contact's Relationship in the tracker (the first row with its Contact ID). */
  relationship: (r: Refs, list: ListRows) => perFirstPitch(list, `IFERROR(T(XLOOKUP(${onFirstPitch(list, 0)},${r.t('contactId')},${r.t('relationship')})),"")`),
  /** For each first pitch, the days from it to the contact's first answer on or after its day; nothing without one. */
  daysToReply: (list: ListRows) => {
    const answers = sameContactFrom(list, `">=${FIRST_ANSWER_CODE}"`);
    return perFirstPitch(list, `IF(COUNTIFS(${answers})=0,"",${dayOf(`MINIFS(${list.column(1)},${answers})`)}-${dayOf(L.first)})`);
  },
  /** For each first pitch, 1 when an informational interview followed on or after its day, else 0. */
  conversation: (list: ListRows) => perFirstPitch(list, `IF(COUNTIFS(${sameContactFrom(list, String(REPLY_EVENT_CODES.interview))})>0,1,0)`),
  /**
   * For each first pitch, 1 when a follow-up was sent from its day to the day of the first answer
   * (any day after it, without one), else 0. The days to that answer are `days`, beside the first
   * pitches from the top, as many rows as `counted` (a number on each first pitch) has numbers.
   */
  followedUp: (list: ListRows, days: string, counted: string) => {
    const lastDay = `${dayOf(L.first)}+IF(${L.days}="",${NO_ANSWER_DAYS},${L.days})`;
    const followUps = `COUNTIFS(${sameContactFrom(list, String(REPLY_EVENT_CODES.followUp))},${list.column(1)},"<"&((${lastDay}+1)*${KEY_BASE}))`;
    return `=ARRAYFORMULA(IFERROR(MAP(${firstPitchKeys(list)},ARRAY_CONSTRAIN(${days},COUNT(${counted}),1),LAMBDA(${L.first},${L.days},IF(${followUps}>0,1,0))),""))`;
  },
  /**
   * The templates of first pitches (`first`, one per first pitch), each once (upper or lower case
   * alike: UNIQUE of them in lower case), as first used (UNIQUE keeps the order in which they first
   * appear; the XLOOKUP gives that spelling back), the first `rows`.
   */
  templates: (first: string, rows: number) =>
    `=ARRAYFORMULA(IFERROR(ARRAY_CONSTRAIN(MAP(UNIQUE(FILTER(LOWER(${first}),${first}<>"")),LAMBDA(${L.template},XLOOKUP(${L.template},${first},${first}))),${rows},1),""))`,
  /**
   * Among first pitches whose template is the text in `label` (equal, upper or lower case alike),
   * how many there are (`of` the conversation column, a number on each), replied (`of` the days
   * column: a number when they did) or talked (`sum` of the conversation column). An equality,
   * not a COUNTIFS criterion: a template's name is the user's text, which COUNTIFS would read as
   * wildcards or a comparison ("<Cold>").
   */
  byTemplate: (label: string, first: string, of: string, sum = false) =>
    `=IF(${label}="","",IFERROR(${sum ? 'SUM' : 'COUNT'}(FILTER(${of},${first}=${label})),0))`,
  /** First pitches whose relationship is `label` (a fixed Relationship value), and `more`. */
  byRelationship: (label: string, relationship: string, counted: string, more = '') => `=COUNTIFS(${relationship},${label},${counted},">=0"${more})`,
  /** A rate of `count` out of `pitches`: a dash for none, "too few to tell" under FEWEST_PITCHES. */
  rate: (count: string, pitches: string) =>
    `=IF(${pitches}="","",IF(N(${pitches})=0,${str(DASH)},IF(${pitches}<${FEWEST_PITCHES},${str(TOO_FEW)},${count}/${pitches})))`,
  median: (days: string) => `=IFERROR(MEDIAN(${days}),${str(DASH)})`,
  codes: REPLY_EVENT_CODES,
};
