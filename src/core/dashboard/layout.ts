// The Dashboard sheet, cell by cell: labels, formulas, number formats, the settings block and
// the funnel chart's range. Pure and deterministic: the same sources give the same sheet, which
// is what makes rebuilding idempotent.

import { RELATIONSHIPS, STAGES } from '../tracker/schema.ts';
import { ACTIVITY_EVENTS, DEFINITIONS, eventWord, INTERVIEWED_STAGES, NAMES_PER_CELL, SETTINGS, type SettingKey, TOP_REFERRERS } from './definitions.ts';
import {
  conversionCounts,
  countsByLabel,
  DASH,
  FEWEST_PITCHES,
  followUps,
  introductions,
  type ListRows,
  rate,
  recentEvents,
  replies,
  REPLY_LIST_COLUMNS,
  type RecentList,
  topReferrers,
  totals,
  weekCounts,
} from './formulas.ts';
import { buildRefs, str, type DashboardSources, type DashboardTrackerKey, type Refs } from './refs.ts';
import { thousands } from '../base/text.ts';
import { localeNeutral } from '../base/formula-text.ts';

/**
 * Columns A to F hold what a reader sees. G to R are hidden: G and H hold the recent-events list
 * the activity counts read; from column I each list's rows wait beside it (the follow-up lists
 * in I to M and N to R), and the cells a reader sees show them.
 */
export const DASHBOARD_WIDTH = 18;
const VISIBLE_WIDTH = 6;
/** The hidden helper columns, G to R (1-based first, and how many): lists for the formulas, not figures. */
export const HIDDEN_COLUMNS = { first: VISIBLE_WIDTH + 1, count: DASHBOARD_WIDTH - VISIBLE_WIDTH };
/** Where the follow-up lists' rows start (due today, overdue), five columns each: up to four name columns and the ID. */
const FOLLOW_UP_COLUMNS = ['I', 'N'] as const;
/** Where the top referrers' and the introductions' rows start. */
const LIST_ROWS_COLUMN = 'I';

/** The rows of a list waiting in hidden columns from `first` (a letter), rows `from` to `to`. */
function listRows(first: string, from: number, to: number): ListRows {
  return {
    column: (k) => {
      const c = String.fromCharCode(first.charCodeAt(0) + k);
      return `$${c}$${from}:$${c}$${to}`;
    },
  };
}

/** A cell as written with setValues: text, a formula ("=..."), a number, or empty. */
export type LayoutCell = string | number;

interface Ctx {
  row: number;
  /** A1 address of column `column` (default B) in the row keyed `key`. */
  at(key: string, column?: string): string;
  /** The cells of `column` from the row keyed `first` to the row keyed `last`. */
  span(first: string, last: string, column?: string): string;
}

type Spec = LayoutCell | ((c: Ctx) => string);

interface RowSpec {
  key?: string;
  cells: Spec[];
  /** Number format per column (0-based: A is 0); unset columns get "0". */
  formats?: Partial<Record<number, string>>;
  kind?: 'title' | 'header' | 'columns' | 'setting';
  /** The size of the array result of the formula in a column (0-based), its own cell included. */
  spill?: Record<number, Size>;
}

interface Size {
  rows: number;
  columns: number;
}

/** A rectangle of the sheet, 1-based. */
export interface Area {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface DashboardLayout {
  cells: LayoutCell[][];
  formats: string[][];
  /** 1-based rows of section headers (bold, shaded) and of column labels (bold). */
  headerRows: number[];
  columnRows: number[];
  titleRow: number;
  /** Settings: 1-based row; the value is in column B, the user's to edit. */
  settings: { key: SettingKey; row: number }[];
  settingsBlock: { first: number; last: number };
  /** Rows of the totals (labels in A, numbers in B): the funnel chart's data. */
  funnel: { first: number; last: number };
  /**
   * Where the recent-events list spills (1-based first column and row, its columns and most
   * rows), and the cell holding the week's first day, which its formula reads.
   */
  recentEvents: { column: number; columns: number; first: number; rows: number; weekStart: string };
  /**
   * The cells the array formulas fill besides their own (they may reach below the layout's last
   * row): written by nothing, as a value there, even an empty text, blocks the array (#REF!).
   */
  spills: Area[];
  /** The last row a cell or an array of the layout fills. */
  bottom: number;
  /** Where the formula reading the log for "What gets replies" goes (1-based); it waits for the log like the recent-events list. */
  repliesList: { row: number; column: number };
}

const PCT = '0.0%';
const DATE = 'yyyy-mm-dd';
/** Shows nothing, text or number: for a row a list fills only so that it can tell there is more. */
const HIDDEN = ';;;';

const blank = (): RowSpec => ({ cells: [] });
const header = (...cells: string[]): RowSpec => ({ cells, kind: 'header' });

function totalsSection(r: Refs): RowSpec[] {
  const stageCell = (c: Ctx) => (stage: string) => c.at(`stage_${stage}`);
  const row = (key: string, label: string, formula: Spec, note: string): RowSpec => ({ key, cells: [label, formula, note] });
  return [
    header('Totals', 'Number', 'How it is counted'),
    row('contacts', 'Contacts', totals.contacts(r), 'Tracker rows with a Contact ID.'),
    row(
      'pitched',
      'Pitched',
      (c) => totals.pitched(stageCell(c)),
      'Stage past To contact: Pitched, Followed up, Scheduled, Interviewed, Thanked, Declined or No response.',
    ),
    row('replied', 'Replied', (c) => totals.replied(stageCell(c)), 'Stage Scheduled, Interviewed, Thanked or Declined: they answered.'),
    row('interviewed', 'Informational interviews held', (c) => totals.interviewed(stageCell(c)), 'Stage Interviewed or Thanked.'),
    row('referralsReceived', 'Referrals received', totals.referralsReceived(r), 'Contacts whose Referred by is filled in.'),
    row('jobInterviews', 'Job interviews', (c) => totals.jobInterviews(r, c.at('offers')), 'Outcome Job interview or Offer.'),
    row('offers', 'Offers', totals.offers(r), 'Outcome Offer.'),
  ];
}

/** The "Contacts by stage" label cells of `stages`, which must be next to each other. */
function stageLabels(c: Ctx, stages: readonly string[]): string {
  const order = stages.map((s) => STAGES.indexOf(s as (typeof STAGES)[number]));
  if (order.some((i, k) => i < 0 || (k > 0 && i !== order[k - 1] + 1))) throw new Error(`Stages ${stages.join(', ')} are not next to each other`);
  return c.span(`stage_${stages[0]}`, `stage_${stages[stages.length - 1]}`, 'A');
}

function conversionSection(r: Refs): RowSpec[] {
  const step = (key: string, label: string, count: Spec, outOf: Spec, benchmark: Spec, note: Spec, format = PCT): RowSpec => ({
    key,
    cells: [label, (c) => rate(`C${c.row}`, `D${c.row}`), count, outOf, benchmark, note],
    formats: { 1: format, 4: PCT },
  });
  const at = (key: string) => (c: Ctx) => `=${c.at(key)}`;
  const interviewed = (count: (r: Refs, stages: string) => string) => (c: Ctx) => count(r, stageLabels(c, INTERVIEWED_STAGES));
  const rough = (text: string) => `=IFERROR(${text},"")`;
  return [
    header('Conversion', 'Your rate', 'Count', 'Out of', 'Outside benchmark', 'Notes'),
    step('pitchToReply', 'Pitch → reply', at('replied'), at('pitched'), '', (c) =>
      rough(
        `"One follow-up brings about "&ROUND(${c.at('followUpLift')}*100)&"% more replies to cold messages (rough published figure, see Settings): follow up on silence."`,
      ),
    ),
    step('replyToInterview', 'Reply → informational interview', at('interviewed'), at('replied'), '', 'Of those who answered, how many you have talked with.'),
    step(
      'referralsPerInterview',
      'Interview → referrals: referrals per interview',
      interviewed(conversionCounts.referralsFromInterviews),
      at('interviewed'),
      '',
      'Referrals given by the people you interviewed, per interview.',
      '0.00',
    ),
    step(
      'interviewsWithReferral',
      'Interview → referral: interviews that gave at least one',
      interviewed(conversionCounts.interviewsWithReferral),
      at('interviewed'),
      '',
      'Always ask who else you should talk to.',
    ),
    step(
      'referralToInterview',
      'Referral → interview: referred contacts interviewed',
      interviewed(conversionCounts.referredInterviewed),
      at('referralsReceived'),
      '',
      (c) =>
        rough(
          `"Referred candidates are about "&ROUND(${c.at('referredApplicants')}*100)&"% of applicants but "&ROUND(${c.at('referredHires')}*100)&"% of hires (rough published figure, see Settings)."`,
        ),
    ),
    step(
      'interviewToJobInterview',
      'Interview → job interview',
      (c) => conversionCounts.interviewedToJobInterview(r, stageLabels(c, INTERVIEWED_STAGES), c.at('interviewToOffer', 'C')),
      at('interviewed'),
      '',
      'Interviewed contacts whose Outcome is Job interview or Offer.',
    ),
    step('interviewToOffer', 'Interview → offer', interviewed(conversionCounts.interviewedToOffer), at('interviewed'), at('offersPerInterview'), (c) =>
      rough(
        `"About 1 offer per "&ROUND(1/${c.at('offersPerInterview')})&" informational interviews, against 1 per "&ROUND(1/${c.at('offersPerResume')})&" résumés sent (rough published figures, see Settings)."`,
      ),
    ),
  ];
}

function goalsSection(): RowSpec[] {
  const progress = (c: Ctx) => `=IF(N(B${c.row})<=0,${str(DASH)},C${c.row}/B${c.row})`;
  return [
    header('Goals', 'Target', 'Now', 'Progress', '', 'Notes'),
    {
      key: 'goalNamesRow',
      cells: [
        'Names on your list',
        (c) => `=${c.at('goalNames')}`,
        (c) => `=${c.at('contacts')}`,
        progress,
        '',
        'Start with about 25 people you already know.',
      ],
      formats: { 3: PCT },
    },
    {
      key: 'goalWeekRow',
      cells: [
        'Informational interviews this week',
        (c) => `=${c.at('goalPerWeek')}`,
        (c) => `=${c.at('activity_interview')}`,
        progress,
        '',
        'Informational interview events in the log since Monday.',
      ],
      formats: { 3: PCT },
    },
    {
      key: 'goalTotalRow',
      cells: [
        'Informational interviews held in total',
        (c) => `=${c.at('goalTotal')}`,
        (c) => `=${c.at('interviewed')}`,
        progress,
        '',
        'Interviewed or Thanked contacts.',
      ],
      formats: { 3: PCT },
    },
    {
      key: 'daysLeft',
      cells: [
        'Days left to the target date',
        (c) => `=${c.at('targetDate')}`,
        (c) => `=IF(ISNUMBER(B${c.row}),B${c.row}-${c.at('today')},${str(DASH)})`,
        '',
        '',
        'Negative once the date has passed.',
      ],
      formats: { 1: DATE },
    },
    {
      key: 'perWeekNeeded',
      cells: [
        'Interviews per week still needed to reach the total by then',
        (c) => `=MAX(0,N(${c.at('goalTotal')})-${c.at('interviewed')})`,
        (c) => `=IF(N(C${c.row - 1})<=0,${str(DASH)},B${c.row}/(C${c.row - 1}/7))`,
        '',
        '',
        'Interviews still to hold (Target), spread over the weeks left (Now).',
      ],
      formats: { 2: '0.0' },
    },
  ];
}

/** Rows of the recent-events list (columns G and H from the first activity row, hidden). */
export const RECENT_EVENTS_CAP = 2000;
const RECENT_COLUMNS = ['G', 'H'] as const;

function activitySection(r: Refs): RowSpec[] {
  // Whole columns: the list is all they hold. (HyperFormula, unlike Sheets, cannot insert rows
  // inside an array result that a bounded range reads; the emulator works around it.)
  const [e, d] = RECENT_COLUMNS;
  const list: RecentList = { events: `$${e}:$${e}`, dates: `$${d}:$${d}` };
  const full = `COUNT(${list.dates})>=${RECENT_EVENTS_CAP}`;
  const first = `activity_${ACTIVITY_EVENTS[0].kind}`;
  const last = `activity_${ACTIVITY_EVENTS[ACTIVITY_EVENTS.length - 1].kind}`;
  // The first row's formulas count every event at once, by the Event words in column D.
  const count = (week: 'this' | 'last') => (c: Ctx) => weekCounts(c.span(first, last, 'D'), week, c.at('weekStart'), list);
  const rows: RowSpec[] = ACTIVITY_EVENTS.map((ev, i) => ({
    key: `activity_${ev.kind}`,
    spill:
      i === 0
        ? {
            1: { rows: ACTIVITY_EVENTS.length, columns: 1 },
            2: { rows: ACTIVITY_EVENTS.length, columns: 1 },
            6: { rows: RECENT_EVENTS_CAP, columns: RECENT_COLUMNS.length },
          }
        : undefined,
    cells: [
      ev.label,
      i === 0 ? count('this') : '',
      i === 0 ? count('last') : '',
      eventWord(ev.kind),
      '',
      '',
      i === 0 ? (c: Ctx) => recentEvents(r.log, c.at('weekStart'), RECENT_EVENTS_CAP) : '',
    ],
  }));
  rows.push({
    key: 'activity_all',
    cells: [
      'All events',
      (c) => weekCounts(null, 'this', c.at('weekStart'), list),
      (c) => weekCounts(null, 'last', c.at('weekStart'), list),
      `=IF(${full},${str(`Only the first ${thousands(RECENT_EVENTS_CAP)} events of these two weeks are counted.`)},"Every log row, whatever its Event, less voided events")`,
    ],
  });
  return [header('Activity in the Interview log', 'This week', 'Last week', 'Event counted'), ...rows];
}

/** `cells`, then `spec` in column `column` (a letter past them). */
function placeIn(cells: Spec[], column: string, spec: Spec): Spec[] {
  const out = [...cells];
  out[column.charCodeAt(0) - 65] = spec;
  return Array.from(out, (c) => c ?? '');
}

function followUpSection(r: Refs): RowSpec[] {
  // Each list's rows spill down hidden columns from its row: its name columns, then the Contact ID.
  const [due, overdue] = FOLLOW_UP_COLUMNS;
  const rowsOf = (column: string): Record<number, Size> => ({ [column.charCodeAt(0) - 65]: { rows: NAMES_PER_CELL, columns: r.nameColumns.length + 1 } });
  const names = (c: Ctx, first: string) => {
    const rows = listRows(first, c.row, c.row + NAMES_PER_CELL - 1);
    return followUps.names(r, rows.column(r.nameColumns.length), (column) => rows.column(r.nameColumns.indexOf(column)), `B${c.row}`);
  };
  return [
    header('Follow-ups', 'Number', `Who (first ${NAMES_PER_CELL})`),
    {
      key: 'dueToday',
      spill: rowsOf(due),
      cells: placeIn(['Due today', (c) => followUps.dueToday(r, c.at('today')), (c) => names(c, due)], due, (c) => followUps.dueTodayRows(r, c.at('today'))),
    },
    {
      key: 'overdue',
      spill: rowsOf(overdue),
      cells: placeIn(['Overdue', (c) => followUps.overdue(r, c.at('today')), (c) => names(c, overdue)], overdue, (c) =>
        followUps.overdueRows(r, c.at('today')),
      ),
    },
  ];
}

/**
 * Contacts counted by the values of a column (one array formula over the value labels in column
 * A), then "Other or blank" for the rest.
 */
function breakdown(r: Refs, title: string, key: string, column: DashboardTrackerKey, values: readonly string[]): RowSpec[] {
  const rows: RowSpec[] = values.map((v, i) => ({
    key: `${key}_${v}`,
    spill: i === 0 ? { 1: { rows: values.length, columns: 1 } } : undefined,
    cells: [v, i === 0 ? (c: Ctx) => countsByLabel(r, column, c.span(`${key}_${values[0]}`, `${key}_${values[values.length - 1]}`, 'A')) : ''],
  }));
  rows.push({
    key: `${key}_other`,
    cells: ['Other or blank', (c) => `=${c.at('contacts')}-SUM(B${c.row - values.length}:B${c.row - 1})`],
  });
  return [header(title, 'Number'), ...rows];
}

function settingsSection(): RowSpec[] {
  return [
    header('Settings: yours to edit (yellow cells)', 'Value', 'Source or meaning'),
    ...SETTINGS.map((s): RowSpec => ({ key: s.key, cells: [s.label, '', s.note], kind: 'setting', formats: { 1: s.format } })),
  ];
}

function topReferrersSection(r: Refs): RowSpec[] {
  const rows: RowSpec[] = [];
  // The first row's formulas fill every row: the list's rows wait in the hidden columns, the
  // columns a reader sees show them, and the introducers' names are looked up.
  const span = (c: Ctx, column: string) => c.span('top_1', `top_${TOP_REFERRERS}`, column);
  const list = (c: Ctx) => listRows(LIST_ROWS_COLUMN, c.row, c.row + TOP_REFERRERS - 1);
  for (let k = 1; k <= TOP_REFERRERS; k++) {
    const first: Spec[] = [
      (c) => topReferrers.ids(list(c)),
      (c) => topReferrers.names(r, list(c)),
      (c) => topReferrers.given(list(c)),
      (c) => topReferrers.introducerNames(r, span(c, 'A'), span(c, 'E')),
      (c) => topReferrers.introducerIds(list(c)),
    ];
    const spill = (): Record<number, Size> => ({
      ...Object.fromEntries(first.map((_, j) => [j, { rows: TOP_REFERRERS, columns: 1 }])),
      [LIST_ROWS_COLUMN.charCodeAt(0) - 65]: { rows: TOP_REFERRERS, columns: 3 + r.nameColumns.length },
    });
    rows.push({
      key: `top_${k}`,
      spill: k === 1 ? spill() : undefined,
      cells: k === 1 ? placeIn(first, LIST_ROWS_COLUMN, () => topReferrers.rows(r, TOP_REFERRERS)) : [],
    });
  }
  return [header('Who opened the most doors'), { cells: ['Contact ID', 'Name', 'Referrals given', 'Introduced by', 'Contact ID'], kind: 'columns' }, ...rows];
}

function definitionsSection(): RowSpec[] {
  return [header('Definitions'), ...DEFINITIONS.map((text): RowSpec => ({ cells: [text] }))];
}

function introductionsSection(r: Refs, count: number): RowSpec[] {
  const rows: RowSpec[] = [];
  // The first row's formulas fill every row. The list's rows wait in the hidden columns, one row
  // more than the list shows: that row (its IDs hidden by their number format) tells the notice
  // under the list there is more.
  const span = (c: Ctx, column: string) => c.span('intro_1', `intro_${count}`, column);
  // (Every range over the hidden rows is the same size: HyperFormula links a range to one a row
  // shorter with the same start, and then fails to delete a row of the sheet.)
  const list = (c: Ctx) => listRows(LIST_ROWS_COLUMN, c.row, c.row + count);
  for (let k = 1; k <= count; k++) {
    const first: Spec[] = [
      (c) => introductions.introducerNames(r, span(c, 'B')),
      (c) => introductions.introducerIds(list(c)),
      (c) => introductions.introducedIds(list(c)),
      (c) => introductions.introducedNames(r, list(c)),
    ];
    // The columns shown from the hidden rows fill one row more too (the notice reads it); the
    // introducers' names, looked up from the IDs shown, only the list's.
    const spill = (): Record<number, Size> => ({
      ...Object.fromEntries(first.map((_, j) => [j, { rows: j === 0 ? count : count + 1, columns: 1 }])),
      [LIST_ROWS_COLUMN.charCodeAt(0) - 65]: { rows: count + 1, columns: 2 + r.nameColumns.length },
    });
    rows.push({
      key: `intro_${k}`,
      spill: k === 1 ? spill() : undefined,
      cells: k === 1 ? placeIn(first, LIST_ROWS_COLUMN, () => introductions.rows(r, count + 1)) : [],
    });
  }
  rows.push({ key: 'introOverflow', cells: [(c) => introductions.overflow(`B${c.row}`, count)], formats: { 1: HIDDEN, 2: HIDDEN, 3: HIDDEN } });
  return [
    header('Introductions: who introduced whom', '', '', '', "To follow a chain, find an Introduced contact's ID under Introduced by"),
    { cells: ['Introduced by', 'Contact ID', 'Contact ID', 'Introduced'], kind: 'columns' },
    ...rows,
  ];
}

/** Rows of the "What gets replies" list: the log's first pitches, follow-ups and answers. */
export const REPLIES_EVENTS_CAP = 500;
/** Templates shown one per row; the others are added up in one row. */
export const TEMPLATE_ROWS = 8;
export const REPLIES_TITLE = 'What gets replies';
const REPLIES_LIST_COLUMN = 'I';

function repliesSection(): RowSpec[] {
  // The figures count in the hidden list below everything (repliesListRow).
  const list = (c: Ctx) => {
    const first = Number(c.at('repliesList', 'A').slice(1));
    return listRows(REPLIES_LIST_COLUMN, first, first + REPLIES_EVENTS_CAP - 1);
  };
  const at = (k: number) => (c: Ctx) => list(c).column(k);
  const [first, relationship, days, conversation, followed] = [5, 6, 7, 8, 9].map(at);
  const headerRow: RowSpec = { kind: 'header', cells: [REPLIES_TITLE, 'Pitches', 'Replies', 'Reply rate', 'Conversations', 'Conversation rate'] };
  const replied = (c: Ctx) => `,${days(c)},">=0"`;
  const talked = (c: Ctx) => `,${conversation(c)},1`;
  /** A row of counts: pitches, replies and conversations from `count` (given the extra COUNTIFS pairs), rates beside them. */
  const figures = (key: string, label: Spec, count: (c: Ctx, more: string) => string, extra: Partial<RowSpec> = {}): RowSpec => ({
    key,
    cells: [
      label,
      (c) => count(c, ''),
      (c) => count(c, replied(c)),
      (c) => replies.rate(`C${c.row}`, `B${c.row}`),
      (c) => count(c, talked(c)),
      (c) => replies.rate(`E${c.row}`, `B${c.row}`),
    ],
    formats: { 3: PCT, 5: PCT },
    ...extra,
  });
  /** A row of what is left: the all-pitches row less the rows from `firstKey` to `lastKey`. */
  const rest = (key: string, label: string, firstKey: string, lastKey: string): RowSpec => {
    const left = (column: string) => (c: Ctx) => `=${c.at('repliesAll', column)}-SUM(${c.span(firstKey, lastKey, column)})`;
    return {
      key,
      cells: [label, left('B'), left('C'), (c) => replies.rate(`C${c.row}`, `B${c.row}`), left('E'), (c) => replies.rate(`E${c.row}`, `B${c.row}`)],
      formats: { 3: PCT, 5: PCT },
    };
  };
  const templateRows = Array.from({ length: TEMPLATE_ROWS }, (_, k) =>
    figures(
      `repliesTemplate_${k + 1}`,
      k === 0 ? (c) => replies.templates(first(c), TEMPLATE_ROWS) : '',
      (c, more) =>
        more === ''
          ? replies.byTemplate(`A${c.row}`, first(c), conversation(c))
          : more === replied(c)
            ? replies.byTemplate(`A${c.row}`, first(c), days(c))
            : replies.byTemplate(`A${c.row}`, first(c), conversation(c), true),
      k === 0 ? { spill: { 0: { rows: TEMPLATE_ROWS, columns: 1 } } } : {},
    ),
  );
  const relationshipRows = RELATIONSHIPS.map((label) =>
    figures(`repliesRel_${label}`, label, (c, more) => `=${replies.byRelationship(`A${c.row}`, relationship(c), conversation(c), more).slice(1)}`),
  );
  const followUpRow = (key: string, label: string, sent: 0 | 1) => figures(key, label, (c, more) => `=COUNTIFS(${followed(c)},${sent}${more})`);
  return [
    headerRow,
    {
      cells: [
        `Each contact once, by their first pitch in the Interview log (a voided event does not count). Replied: a Reply, Declined or Informational interview on or after the day of that pitch; conversation: an Informational interview. Under ${FEWEST_PITCHES} pitches a rate says "too few to tell".`,
      ],
    },
    { cells: ['By template of the first pitch'], kind: 'columns' },
    ...templateRows,
    rest('repliesOtherTemplates', 'Other templates', 'repliesTemplate_1', `repliesTemplate_${TEMPLATE_ROWS}`),
    { cells: ['By relationship'], kind: 'columns' },
    ...relationshipRows,
    rest('repliesRelOther', 'Other or blank', `repliesRel_${RELATIONSHIPS[0]}`, `repliesRel_${RELATIONSHIPS[RELATIONSHIPS.length - 1]}`),
    { cells: ['By follow-up'], kind: 'columns' },
    followUpRow('repliesFollowed', 'Followed up (before any reply)', 1),
    followUpRow('repliesNotFollowed', 'Not followed up', 0),
    figures('repliesAll', 'All first pitches', (c, more) => (more ? `=COUNTIFS(${conversation(c)},">=0"${more})` : `=COUNT(${conversation(c)})`)),
    { key: 'repliesMedian', cells: ['Median days to a reply', (c) => replies.median(days(c))], formats: { 1: '0.0' } },
    {
      cells: [
        (c) =>
          `=IF(COUNT(${list(c).column(1)})>=${REPLIES_EVENTS_CAP},${str(`Only the first ${thousands(REPLIES_EVENTS_CAP)} pitches, follow-ups and answers of the log are counted.`)},"")`,
      ],
    },
  ];
}

/**
 * The row below everything whose hidden cells hold the list of the log's events (I to M) and what
 * is worked out for each contact's first pitch (N to R, one row per first pitch from the top, in
 * the list's order), which "What gets replies" counts in. Last,
 * so that its 500 rows run past every other list of the hidden columns, and with nothing in
 * column A, so that a longer introductions list above it moves no label.
 */
function repliesListRow(r: Refs): RowSpec {
  const list = (c: Ctx) => listRows(REPLIES_LIST_COLUMN, c.row, c.row + REPLIES_EVENTS_CAP - 1);
  const hidden: Spec[] = [
    () => replies.events(r.log, REPLIES_EVENTS_CAP),
    '',
    '',
    '',
    '',
    (c) => replies.firstPitchTemplate(list(c)),
    (c) => replies.relationship(r, list(c)),
    (c) => replies.daysToReply(list(c)),
    (c) => replies.conversation(list(c)),
    (c) => replies.followedUp(list(c), list(c).column(7), list(c).column(8)),
  ];
  const listColumn = REPLIES_LIST_COLUMN.charCodeAt(0) - 65;
  const spill: Record<number, Size> = { [listColumn]: { rows: REPLIES_EVENTS_CAP, columns: REPLY_LIST_COLUMNS } };
  for (let k = REPLY_LIST_COLUMNS; k < hidden.length; k++) spill[listColumn + k] = { rows: REPLIES_EVENTS_CAP, columns: 1 };
  return { key: 'repliesList', spill, cells: [...Array<Spec>(listColumn).fill(''), ...hidden] };
}

export function buildLayout(sources: DashboardSources): DashboardLayout {
  const r = buildRefs(sources);
  const specs: RowSpec[] = [
    { cells: ['Informational interview dashboard'], kind: 'title' },
    {
      cells: [
        'Live spreadsheet formulas over your tracker and the Interview log: they update as you or your coach edit, with no add-on needed. Edit the yellow cells under Settings; Build dashboard (add-on menu) rebuilds everything else and never changes them.',
      ],
    },
    { key: 'today', cells: ["Today (the spreadsheet's time zone)", '=TODAY()'], formats: { 1: DATE } },
    { key: 'weekStart', cells: ['This week began on (Monday)', (c) => `=${c.at('today')}-WEEKDAY(${c.at('today')},2)+1`], formats: { 1: DATE } },
    blank(),
    ...totalsSection(r),
    blank(),
    ...conversionSection(r),
    blank(),
    ...goalsSection(),
    blank(),
    ...activitySection(r),
    blank(),
    ...followUpSection(r),
    blank(),
    ...breakdown(r, 'Contacts by stage', 'stage', 'stage', STAGES),
    blank(),
    ...breakdown(r, 'Contacts by relationship', 'rel', 'relationship', RELATIONSHIPS),
    blank(),
    ...repliesSection(),
    blank(),
    ...settingsSection(),
    blank(),
    ...topReferrersSection(r),
    blank(),
    ...definitionsSection(),
    blank(),
    ...introductionsSection(r, sources.introductionRows),
    blank(),
    repliesListRow(r),
  ];

  const rows: Record<string, number> = {};
  specs.forEach((s, i) => {
    if (s.key) rows[s.key] = i + 1;
  });
  const rowOf = (key: string) => {
    const row = rows[key];
    if (row === undefined) throw new Error(`Dashboard layout has no row "${key}"`);
    return row;
  };
  const at = (key: string, column = 'B') => `${column}${rowOf(key)}`;
  const span = (first: string, last: string, column = 'B') => `$${column}$${rowOf(first)}:$${column}$${rowOf(last)}`;

  const cells: LayoutCell[][] = [];
  const formats: string[][] = [];
  const headerRows: number[] = [];
  const columnRows: number[] = [];
  const settings: DashboardLayout['settings'] = [];
  const spills: Area[] = [];
  let bottom = specs.length;
  specs.forEach((s, i) => {
    const row = i + 1;
    for (const [j, size] of Object.entries(s.spill ?? {})) {
      const column = Number(j) + 1;
      // Right of the formula's cell on its row, then every row below it.
      if (size.columns > 1) spills.push({ row, column: column + 1, numRows: 1, numColumns: size.columns - 1 });
      if (size.rows > 1) spills.push({ row: row + 1, column, numRows: size.rows - 1, numColumns: size.columns });
      bottom = Math.max(bottom, row + size.rows - 1);
    }
    const ctx: Ctx = { row, at, span };
    cells.push(
      Array.from({ length: DASHBOARD_WIDTH }, (_, j) => {
        const spec = s.cells[j];
        if (spec === undefined) return '';
        const cell = typeof spec === 'function' ? spec(ctx) : spec;
        return typeof cell === 'string' && cell.startsWith('=') ? localeNeutral(cell) : cell;
      }),
    );
    formats.push(Array.from({ length: DASHBOARD_WIDTH }, (_, j) => s.formats?.[j] ?? '0'));
    if (s.kind === 'header') headerRows.push(row);
    if (s.kind === 'columns') columnRows.push(row);
    if (s.kind === 'setting') settings.push({ key: s.key as SettingKey, row });
  });
  const layout: DashboardLayout = {
    cells,
    formats,
    headerRows,
    columnRows,
    titleRow: 1,
    settings,
    spills,
    bottom,
    repliesList: { row: rowOf('repliesList'), column: REPLIES_LIST_COLUMN.charCodeAt(0) - 64 },
    settingsBlock: { first: settings[0].row, last: settings[settings.length - 1].row },
    funnel: { first: rowOf('contacts'), last: rowOf('offers') },
    // The recent-events list fills columns G and H from its first row down, past the last row of
    // the layout when the log is busy: the sheet keeps room for it and the columns stay hidden.
    recentEvents: {
      column: RECENT_COLUMNS[0].charCodeAt(0) - 64,
      columns: RECENT_COLUMNS.length,
      first: rowOf(`activity_${ACTIVITY_EVENTS[0].kind}`),
      rows: RECENT_EVENTS_CAP,
      weekStart: at('weekStart'),
    },
  };
  return layout;
}
