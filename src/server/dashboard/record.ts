// What the add-on remembers of its Dashboard (a document property), and the formulas a dashboard
// built before the Interview log existed awaits. Apart from dashboard.ts so that the log's creation
// (src/server/logging/interview-log.ts), which dashboard.ts reads, can write those formulas in its
// own Sheets API batch.

import { localeNeutral } from '../../core/base/formula-text.ts';
import { recentEvents, replies } from '../../core/dashboard/formulas.ts';
import { RECENT_EVENTS_CAP, REPLIES_EVENTS_CAP } from '../../core/dashboard/layout.ts';
import { logRefs, type LogSource } from '../../core/dashboard/refs.ts';
import { type SheetsRequest } from '../base/sheets-api.ts';

type Props = GoogleAppsScript.Properties.Properties;

const DASHBOARD_RECORD_KEY = 'iit.dashboard';

/**
 * What the add-on remembers of its dashboard (document property). Written before the sheet is
 * made (`creating`: its name) and again last of all when a build is complete (`sheetId`,
 * `built`): a record still `creating` or `pending` is a build an error stopped, which the next
 * build (Build dashboard, or Set up tracker) finds and completes.
 */
export interface DashboardRecord {
  sheetId?: number;
  /** The name given to the sheet being made. */
  creating?: { name: string };
  /** A rebuild by setup started and has not ended. */
  pending?: boolean;
  /** Rows the layout took. */
  height?: number;
  /** Column widths and hidden columns were set, by a build that ended: a rebuild leaves the user's widths. */
  built?: boolean;
  /**
   * Where the recent-events formula goes, when it could not be written because there was no
   * Interview log yet: the first logged event writes it (linkDashboardToLog, or the log's
   * creation through the Sheets API: awaitingLogRequests).
   */
  awaitingLog?: AwaitingLog;
}

type AwaitingLog = { row: number; column: number; weekStart: string; replies?: { row: number; column: number } };

export function readDashboardRecord(props: Props): DashboardRecord | null {
  const raw = props.getProperty(DASHBOARD_RECORD_KEY);
  if (!raw) return null;
  try {
    const record = JSON.parse(raw) as DashboardRecord;
    return typeof record.sheetId === 'number' || typeof record.creating?.name === 'string' ? record : null;
  } catch {
    return null;
  }
}

/** Writes the record, and `alongside` (other document properties) in the same call when given. */
export function writeDashboardRecord(props: Props, record: DashboardRecord, alongside?: Record<string, string>): void {
  if (alongside) props.setProperties({ [DASHBOARD_RECORD_KEY]: JSON.stringify(record), ...alongside });
  else props.setProperty(DASHBOARD_RECORD_KEY, JSON.stringify(record));
}

/** A build that ended: not one an error stopped half-way. */
export function isComplete(record: DashboardRecord | null): record is DashboardRecord & { sheetId: number } {
  return record !== null && typeof record.sheetId === 'number' && !record.creating && !record.pending;
}

/** The record once the formulas awaiting the log are written. */
export function linkedRecord(record: DashboardRecord): DashboardRecord {
  const { awaitingLog: _linked, ...rest } = record;
  return rest;
}

/**
 * The formulas (as Build dashboard writes them) that read `log`, where `awaiting` keeps their
 * places: the recent events and, on a dashboard built with "What gets replies", its list.
 */
export function awaitingLogFormulas(awaiting: AwaitingLog, log: LogSource): { row: number; column: number; formula: string }[] {
  const refs = logRefs(log);
  const { row, column, weekStart, replies: repliesList } = awaiting;
  return [
    { row, column, formula: localeNeutral(recentEvents(refs, weekStart, RECENT_EVENTS_CAP)) },
    ...(repliesList ? [{ ...repliesList, formula: localeNeutral(replies.events(refs, REPLIES_EVENTS_CAP)) }] : []),
  ];
}

/**
 * For a log being created through the Sheets API: the requests writing the formulas a complete
 * dashboard awaits, and what to call once they are applied (its record without them), or null
 * when none awaits or its sheet is not among `sheetIds` (linkDashboardToLog then settles it).
 * A formulaValue is read in the spreadsheet's locale, as setFormula's text is
 * (googleapis/google-api-nodejs-client#1994): the locale-neutral text suits both.
 */
export function awaitingLogRequests(props: Props, sheetIds: readonly number[], log: LogSource): { requests: SheetsRequest[]; linked(): void } | null {
  const record = readDashboardRecord(props);
  if (!isComplete(record) || !record.awaitingLog || !sheetIds.includes(record.sheetId)) return null;
  const sheetId = record.sheetId;
  const requests = awaitingLogFormulas(record.awaitingLog, log).map(({ row, column, formula }): SheetsRequest => ({
    updateCells: {
      start: { sheetId, rowIndex: row - 1, columnIndex: column - 1 },
      rows: [{ values: [{ userEnteredValue: { formulaValue: formula } }] }],
      fields: 'userEnteredValue',
    },
  }));
  return { requests, linked: () => writeDashboardRecord(props, linkedRecord(record)) };
}
