// References from the dashboard to the tracker and the Interview log: whole columns
// ('Contacts'!$X:$X), so rows added anywhere are counted, and so that Sheets rewrites them
// when the user moves or renames a column or renames the sheet. Formulas are written with
// English function names and comma separators (see docs/dashboard.md on locales).

import { columnLetters } from '../base/a1.ts';
import { CONTACT_ID_PREFIX } from '../tracker/ids.ts';

/** The tracker columns the dashboard reads. */
export type DashboardTrackerKey = 'contactId' | 'relationship' | 'referredBy' | 'stage' | 'nextFollowUp' | 'referralsGiven' | 'outcome';
export const DASHBOARD_TRACKER_KEYS: readonly DashboardTrackerKey[] = [
  'contactId',
  'relationship',
  'referredBy',
  'stage',
  'nextFollowUp',
  'referralsGiven',
  'outcome',
];

/** 1-based columns of the contact's name, whichever the sheet has. */
export interface NameColumns {
  full?: number;
  first?: number;
  middle?: number;
  last?: number;
}

export interface LogSource {
  sheetName: string;
  columns: { eventDate: number; eventType: number; contactId: number; details: number; eventId: number };
}

export interface DashboardSources {
  tracker: { sheetName: string; columns: Record<DashboardTrackerKey, number>; names: NameColumns };
  /**
   * The Interview log; `columns` are 1-based. Null before the first event made it: no formula
   * then names a sheet that does not exist (see linkDashboardToLog in src/server/dashboard/dashboard.ts).
   */
  log: LogSource | null;
  /** Rows in the introductions list (see introductionRows). */
  introductionRows: number;
}

/** A sheet name as a formula reference: always quoted, which Sheets and HyperFormula both accept. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function wholeColumn(sheetName: string, column: number): string {
  const letters = columnLetters(column);
  return `${quoteSheet(sheetName)}!$${letters}:$${letters}`;
}

/** A text constant inside a formula. */
export function str(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

export interface Refs {
  /** Whole tracker column of a key. */
  t(key: DashboardTrackerKey): string;
  /** Whole log columns, or null while there is no log. */
  log: LogRefs | null;
  /** COUNTIFS criteria pair selecting contact rows. */
  isContact: string;
  /** Array condition (1/0 per row) selecting contact rows, for FILTER and friends. */
  contactMask: string;
  /** Array condition: the column of `key` holds a Contact ID (starts with the prefix, any case). */
  contactMaskOf(key: DashboardTrackerKey): string;
  /**
   * The display name of the contact whose Contact ID is `key` (one value, e.g. a LAMBDA's name),
   * looked up by Contact ID. A contact without a name shows the key, or, with `mustExist`, the
   * Contact ID as the tracker has it: then a key no contact has gives #N/A (for IFERROR to name).
   */
  nameOf(key: string, mustExist?: boolean): string;
  /** The tracker's name columns (1-based), in the order full, first, middle, last, those it has. */
  nameColumns: number[];
  /** Whole tracker column `column` (1-based). */
  column(column: number): string;
  /**
   * The display names of a list's rows, one per row of `ids` (its Contact ID column, blank past
   * its end), from the name parts already read: `part` gives where a name column's values are.
   * One MAP: each row's name is computed from that row's values alone.
   */
  namesOf(ids: string, part: (column: number) => string): string;
}

/**
 * Name as the add-on shows it, of one contact: the Name column, else First Middle Last joined,
 * else the Contact ID (`id`); `part` gives each name column's value (one value each). TRIM also
 * collapses runs of spaces, as Sheets' TRIM does. Only text counts as a name part (T gives "" for
 * anything else): a lookup of an empty cell gives 0 in HyperFormula (as in Excel) where Sheets
 * gives an empty value, and T turns both into "". Every function here takes one value, as
 * Google documents T and TRIM (https://support.google.com/docs/answer/3094138, /3094140).
 */
function nameExpression(names: NameColumns, id: string, part: (column: number) => string): string {
  const text = (column: number) => `T(${part(column)})`;
  const full = names.full !== undefined ? `TRIM(${text(names.full)})` : null;
  const pieces = [names.first, names.middle, names.last].filter((c): c is number => c !== undefined).map(text);
  const joined = pieces.length ? `TRIM(${pieces.join('&" "&')})` : null;
  let expr = id;
  if (joined) expr = `IF(${joined}<>"",${joined},${expr})`;
  if (full) expr = `IF(${full}<>"",${full},${expr})`;
  return expr;
}

/** The LAMBDA's name for a list row's Contact ID and for its k-th name column (not cell references). */
const ROW_ID = 'row_id';
const partName = (k: number) => `part_${k + 1}`;

function startsWithId(column: string): string {
  return `(LEFT(${column},${CONTACT_ID_PREFIX.length})=${str(CONTACT_ID_PREFIX)})`;
}

export interface LogRefs {
  date: string;
  event: string;
  contactId: string;
  details: string;
  eventId: string;
}

export function logRefs(log: LogSource | null): LogRefs | null {
  if (!log) return null;
  const at = (column: number) => wholeColumn(log.sheetName, column);
  const c = log.columns;
  return { date: at(c.eventDate), event: at(c.eventType), contactId: at(c.contactId), details: at(c.details), eventId: at(c.eventId) };
}

export function buildRefs(sources: DashboardSources): Refs {
  const { tracker, log } = sources;
  const t = (key: DashboardTrackerKey) => wholeColumn(tracker.sheetName, tracker.columns[key]);
  const col = (column: number) => wholeColumn(tracker.sheetName, column);
  const nameColumns = [tracker.names.full, tracker.names.first, tracker.names.middle, tracker.names.last].filter((c): c is number => c !== undefined);
  return {
    t,
    log: logRefs(log),
    isContact: `${t('contactId')},${str(`${CONTACT_ID_PREFIX}*`)}`,
    contactMask: startsWithId(t('contactId')),
    contactMaskOf: (key) => startsWithId(t(key)),
    nameColumns,
    column: col,
    namesOf: (ids, part) => {
      const name = nameExpression(tracker.names, ROW_ID, (c) => partName(nameColumns.indexOf(c)));
      const lambda = `LAMBDA(${[ROW_ID, ...nameColumns.map((_, k) => partName(k))].join(',')},IF(${ROW_ID}="","",${name}))`;
      return `MAP(${[ids, ...nameColumns.map(part)].join(',')},${lambda})`;
    },
    nameOf: (key, mustExist = false) =>
      nameExpression(
        tracker.names,
        mustExist ? `XLOOKUP(${key},${t('contactId')},${t('contactId')})` : key,
        (c) => `XLOOKUP(${key},${t('contactId')},${col(c)})`,
      ),
  };
}
