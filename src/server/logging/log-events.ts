// Logging an event from a dialog, as a reconciliation: reads the tracker and the log once, lets
// core plan the whole change (tracker cells, referral rows, log rows), checks that every cell it
// will write can be written (merges, protections) and refuses in plain words with nothing
// written if not, then writes only the difference, in blocks, with the log rows last: they mark
// the event as done. A retry with the same event ID finds its log rows and writes nothing; a
// retry after a failure before the log rows re-plans from what the sheet holds to the same state
// (with the referral decisions the first attempt stored, see core/logging/pending-events.ts).

import { chainLines, chainSentence, introductionChain } from '../../core/history/chain.ts';
import { checkEventInput } from '../../core/logging/input.ts';
import { type EventPlan, planEvent } from '../../core/logging/plan.ts';
import { askForReferralText, summariseLogged } from '../../core/logging/summary.ts';
import { EVENT_LABELS, type EventKind } from '../../core/logging/events.ts';
import { eventKey, logRowCells } from '../../core/logging/interview-log.ts';
import type { PendingEvent } from '../../core/logging/pending-events.ts';
import { boundingBox, type CellRange, cellText, maxWidth, mergedTargetProblem, rangeA1 } from '../../core/tracker/cells.ts';
import type { LogResult } from '../../shared/types.ts';
import { UserError } from '../base/actions.ts';
import { type BlockWrite, fillBlockWrites, forCell, mergeProblem, protectionProblems } from '../tracker/cells.ts';
import { sheetClock, zoneCopyProperty } from '../base/clock.ts';
import { rangeInGrid } from '../base/sheets.ts';
import { linkDashboardToLog } from '../dashboard/dashboard.ts';
import { appendTarget, appendToLog, completeLog, headerTargets, type LogRead, type LogSheet, logWidth, readLog } from './interview-log.ts';
import { pendingWithout, readPending, rememberPending } from './pending-events.ts';
import { propertiesReadOnce } from '../base/properties-once.ts';
import { formatTrackerBlock, oneBasedColumns, type RangeAt, rangeOfSheet, rangesFetched, trackerBlockCells } from '../tracker/format.ts';
import { recordProperty, type TrackerRecord } from '../tracker/store.ts';
import { readTracker, type TrackerView } from '../tracker/table.ts';

const NOTHING_LOGGED = 'Nothing was logged.';

function blockA1(block: BlockWrite): string {
  return rangeA1({ row: block.row, column: block.column, numRows: block.values.length, numColumns: block.values[0].length });
}

/** Columns of the referral rows' block: their cells and every tracker column (its format and drop-down). */
function appendWidth(view: TrackerView, plan: EventPlan): number {
  return Math.max(maxWidth(plan.append), ...Object.values(view.tracker).map((c) => c + 1));
}

/** The tracker's cells the plan writes: the changed cells and the referral rows. */
function trackerTargets(view: TrackerView, plan: EventPlan): CellRange[] {
  const width = appendWidth(view, plan);
  return [
    ...plan.fills.map((f) => ({ row: f.row, column: f.column, numRows: 1, numColumns: 1 })),
    ...(plan.append.length ? [{ row: plan.appendAt, column: 1, numRows: plan.append.length, numColumns: width }] : []),
  ];
}

type Range = GoogleAppsScript.Spreadsheet.Range;

/** What checking the targets read, for the writes: the grids' row counts, and ranges got for the check. */
interface Checked {
  /** Rows the tracker's grid has, or at least holds for the targets (no row need be added then). */
  trackerRows: number;
  logRows: number | null;
  /** The range of the one block of tracker cells, when the plan writes one and nothing else there. */
  fillRange: Range | null;
  /** With referral rows inside the grid: every range the tracker's writes take, got at once. */
  rangeAt: RangeAt | null;
  /** The range of the log rows to append, when they are inside the grid. */
  logRange: Range | null;
}

/** Whether the referral rows take the drop-downs of the row above: a contact's row, not the header. */
function inheritsAbove(view: TrackerView, plan: EventPlan): boolean {
  return plan.appendAt - 1 > view.record.headerRow;
}

/**
 * The ranges `a1s` (the first, `box`, holding all the others) through one getRangeList, or the
 * grid's size when `box` reaches past it. Assumed of Google as the emulator has it: getRangeList
 * refuses a range outside the grid as getRange does.
 */
function rangesInGrid(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  box: CellRange,
  a1s: readonly string[],
): { rangeAt: RangeAt } | { rangeAt: null; maxRows: number; maxColumns: number } {
  try {
    const rangeAt = rangesFetched(sheet, [rangeA1(box), ...a1s]);
    rangeAt(rangeA1(box));
    return { rangeAt };
  } catch (e) {
    const maxRows = sheet.getMaxRows();
    const maxColumns = sheet.getMaxColumns();
    if (box.row + box.numRows - 1 <= maxRows && box.column + box.numColumns - 1 <= maxColumns) throw e;
    return { rangeAt: null, maxRows, maxColumns };
  }
}

function mergesIn(range: Range): CellRange[] {
  return range.getMergedRanges().map((r) => ({ row: r.getRow(), column: r.getColumn(), numRows: r.getNumRows(), numColumns: r.getNumColumns() }));
}

/**
 * Refuses (UserError) when a cell the plan writes is merged into others or protected against the
 * user, before anything is written. Where one range holds every target of a sheet, its merges
 * are read through it and it is kept for the write.
 */
function checkTargets(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  view: TrackerView,
  plan: EventPlan,
  fills: readonly BlockWrite[],
  log: LogRead | null,
): Checked {
  const { sheet } = view;
  // The fills are cells of rows read: the read's size holds them. Referral rows may go below.
  let trackerRows = view.grid.values.length;
  const width = Math.max(view.header.length, maxWidth(view.grid.values), appendWidth(view, plan));
  const targets = trackerTargets(view, plan);
  let fillRange: Range | null = null;
  let rangeAt: RangeAt | null = null;
  let inTracker: string | null;
  if (fills.length === 1 && !plan.append.length) {
    const [block] = fills;
    fillRange = sheet.getRange(block.row, block.column, block.values.length, block.values[0].length);
    inTracker = mergedTargetProblem(targets, mergesIn(fillRange));
  } else if (plan.append.length) {
    // The range around every target, got where the grid holds it (nearly always: the grid's size
    // is read only when not), holds the merges to check and says that no row need be added; the
    // ranges the writes take are got with it.
    const box = boundingBox(targets);
    const cells = trackerBlockCells(plan.appendAt, plan.append.length, appendWidth(view, plan), inheritsAbove(view, plan));
    const inGrid = rangesInGrid(sheet, box, [rangeA1(cells.read), rangeA1(cells.block), ...fills.map(blockA1)]);
    if (inGrid.rangeAt) {
      trackerRows = box.row + box.numRows - 1;
      rangeAt = inGrid.rangeAt;
      inTracker = mergedTargetProblem(targets, mergesIn(rangeAt(rangeA1(box))));
    } else {
      trackerRows = inGrid.maxRows;
      inTracker = mergeProblem(sheet, targets, { grid: { maxRows: inGrid.maxRows, maxColumns: inGrid.maxColumns } });
    }
  } else inTracker = mergeProblem(sheet, targets, { grid: { maxRows: trackerRows, maxColumns: width } });
  if (inTracker) throw new UserError(`${inTracker} ${NOTHING_LOGGED}`);
  const grows = plan.append.length > 0 && plan.appendAt + plan.append.length - 1 > trackerRows;
  const column = (cell: CellRange) => cellText(view.header[cell.column - 1]);
  const place = (cell: CellRange) => (column(cell) ? `The "${column(cell)}" column (${rangeA1(cell)})` : `Cell ${rangeA1(cell)}`);
  const inTrackerChecked = { sheet, sheetId: view.record.sheetId, targets: grows ? [...targets, wholeSheet(trackerRows, width)] : targets, place };
  if (!log) {
    const locked = protectionProblems(ss, [inTrackerChecked]);
    if (locked) throw new UserError(`${locked} ${NOTHING_LOGGED}`);
    return { trackerRows, logRows: null, fillRange, rangeAt, logRange: null };
  }

  const logColumns = Math.max(log.header.length, logWidth(log.plan.columns));
  const appended = appendTarget(log, log.plan.columns, plan.log.length);
  const inLog = [...headerTargets(log), appended];
  const inGrid = inLog.length === 1 ? rangeInGrid(log.sheet, appended.row, appended.column, appended.numRows, appended.numColumns) : null;
  const logRange = inGrid?.range ?? null;
  let logRows: number | null = null;
  let merged: string | null;
  if (logRange) merged = mergedTargetProblem(inLog, mergesIn(logRange));
  else {
    logRows = inGrid && !inGrid.range ? inGrid.maxRows : log.sheet.getMaxRows();
    merged = mergeProblem(log.sheet, inLog, { grid: { maxRows: logRows, maxColumns: logColumns } });
  }
  const logGrows = logRows !== null && appended.row + appended.numRows - 1 > logRows;
  if (merged) throw new UserError(`In the sheet "${log.sheet.getName()}": ${merged} ${NOTHING_LOGGED}`);
  // Both sheets' protections in one read of each type: the tracker's problem, if any, is named first.
  const locked = protectionProblems(ss, [
    inTrackerChecked,
    { sheet: log.sheet, sheetId: log.record.sheetId, targets: logRows !== null && logGrows ? [...inLog, wholeSheet(logRows, logColumns)] : inLog },
  ]);
  if (locked) throw new UserError(`${locked} ${NOTHING_LOGGED}`);
  return { trackerRows, logRows, fillRange, rangeAt, logRange };
}

/**
 * Where rows are added to a sheet, every cell of it counts as written: the emulator refuses rows
 * inserted into a sheet holding any range the user may not edit. Google does not document
 * whether rows added below a protected range are refused; this takes the stricter reading.
 */
function wholeSheet(rows: number, columns: number): CellRange {
  return { row: 1, column: 1, numRows: rows, numColumns: columns };
}

/**
 * Once the event is in the log, as a rule only the dialogs' copy of the zone (`zone`, when it
 * differs): the referral rows' ID counter went with the pending referrals' record, before the first
 * write. Only an entry stored by an earlier version, which wrote the counter here after the log
 * rows and stopped before it, leaves the counter behind: it is written then, with the pending
 * record without the event's entries, in the same call. The counter never goes back.
 */
function settleEvent(
  props: GoogleAppsScript.Properties.Properties,
  record: TrackerRecord,
  planned: number,
  journal: PendingEvent[] | null,
  keys: ReadonlySet<string>,
  zone: Record<string, string>,
): void {
  const idCounter = Math.max(planned, ...(journal ?? []).filter((p) => keys.has(p.key)).map((p) => p.idCounter));
  const caughtUp = idCounter > record.idCounter ? { ...recordProperty({ ...record, idCounter }), ...(journal ? pendingWithout(journal, keys) : {}) } : {};
  const properties = { ...caughtUp, ...zone };
  if (Object.keys(properties).length) props.setProperties(properties);
}

/** Logs `raw` (a dialog's input) as an event of `kind`. Caller holds the document lock. */
export function logCycleEvent(kind: EventKind, raw: unknown): LogResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const props = propertiesReadOnce(PropertiesService.getDocumentProperties());
  const clock = sheetClock(ss);
  const checked = checkEventInput(kind, raw, clock.today);
  if (!checked.ok) throw new UserError(checked.message);

  const view = readTracker(ss, props, { locked: true, formats: true });
  const found = readLog(ss, props);
  const event = checked.value.event;
  let journal = event.kind === 'interview' && event.referrals.length ? readPending(props) : null;
  const plan = planEvent(
    { ...view, timeZone: clock.timeZone },
    checked.value,
    (key) => found?.keys.has(key) ?? false,
    (key) => journal?.find((p) => p.key === key),
  );
  if (!plan.ok) throw new UserError(plan.message);

  let log: LogSheet | null = null;
  // The tracker's record as stored now.
  let record = view.record;
  if (plan.log.length) {
    const { sheet } = view;
    const fills = fillBlockWrites(plan.fills, view.grid);
    const { trackerRows, logRows, fillRange, rangeAt, logRange } = checkTargets(ss, view, plan, fills, found);
    const trackerRange = rangeAt ?? rangeOfSheet(sheet);
    if (journal && plan.pending.length) {
      // The counter past the new rows goes with their record, so that no call is needed after the log rows.
      const counted = plan.idCounter > record.idCounter ? { ...record, idCounter: plan.idCounter } : record;
      journal = rememberPending(props, journal, plan.pending, (key) => found?.keys.has(key) ?? false, counted === record ? {} : recordProperty(counted));
      record = counted;
    }
    if (plan.append.length) {
      const lastRow = plan.appendAt + plan.append.length - 1;
      if (lastRow > trackerRows) sheet.insertRowsAfter(trackerRows, lastRow - trackerRows);
      const width = appendWidth(view, plan);
      // The new contacts' rows get the tracker's drop-downs and formats even when the grid did not
      // have to grow now: a failed attempt may have grown it without formatting it.
      const { block, formats } = formatTrackerBlock(
        trackerRange,
        plan.appendAt,
        plan.append.length,
        width,
        oneBasedColumns(view.tracker),
        inheritsAbove(view, plan),
      );
      // As import does: a Plain text column (the user's, or rows that took the format of the row
      // above) gets the text itself, without the apostrophe that keeps it from being a formula.
      block.setValues(plan.append.map((r, i) => Array.from({ length: width }, (_, j) => forCell(r[j] ?? '', formats[i]?.[j]))));
    }
    fills.forEach((block, i) => (i === 0 && fillRange ? fillRange : trackerRange(blockA1(block))).setValues(block.values));
    const target = completeLog(ss, props, found);
    const width = logWidth(target.columns);
    appendToLog(
      target,
      plan.log.map((entry) => logRowCells(entry, target.columns, width, clock.timestamp)),
      { maxRows: logRows ?? target.maxRows, range: logRange ?? undefined },
    );
    log = target;
  } else if (found) log = completeLog(ss, props, found);
  // A dashboard built before there was a log gets the formula that reads it (also on a retry,
  // when the first attempt created the log and stopped before this).
  if (log) linkDashboardToLog(ss, props, log);
  // The event is in the log now (or was already): a counter an earlier version's attempt left
  // behind catches up, and the dialogs' copy of the zone follows the spreadsheet's.
  settleEvent(
    props,
    record,
    plan.idCounter,
    journal,
    new Set(plan.contacts.map((c) => eventKey(checked.value.eventId, c.id))),
    zoneCopyProperty(props, clock.timeZone),
  );

  const label = EVENT_LABELS[kind];
  const fresh = plan.contacts.filter((c) => !c.alreadyLogged);
  const result: LogResult = {
    ok: true,
    event: label,
    logged: fresh.length,
    alreadyLogged: plan.contacts.length - fresh.length,
    contacts: plan.contacts,
    referrals: plan.referrals,
    message: summariseLogged(label, plan.contacts, plan.referrals),
  };
  if (kind === 'declined') result.askForReferral = askForReferralText(plan.contacts);
  if (kind === 'jobInterview' || kind === 'offer') {
    // Outcomes change no Referred by and add no "Referred" rows: what was read still says who introduced whom.
    const chains = plan.contacts.map((c) => {
      const chain = introductionChain(view, found && { rows: found.rows, columns: found.plan.columns }, c.id);
      return { contactId: c.id, name: c.name, chain, sentence: chainSentence(chain) };
    });
    result.chains = chains.map(({ contactId, chain, sentence }) => ({ contactId, chain, sentence }));
    result.message = [result.message, ...chainLines(chains)].join('\n');
  }
  return result;
}
