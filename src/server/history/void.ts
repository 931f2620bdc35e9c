// Voiding an event, as a reconciliation: reads the tracker and the Interview log once, lets core
// plan the whole change (the contact's cells, the links of the referrals the event gave, the
// voiding rows), checks that every cell it will write can be written (merges, protections) and
// refuses in plain words with nothing written if not, then writes only the difference, with the
// voiding rows last: they mark the void as done, and a re-run finds them and writes nothing.
// Caller holds the document lock (entry-points.ts).

import { planVoid, VOID_REASON_MAX, type VoidPlan } from '../../core/history/void.ts';
import { logRowCells } from '../../core/logging/interview-log.ts';
import { type CellRange, cellText, maxWidth, rangeA1 } from '../../core/tracker/cells.ts';
import { trackerColumn } from '../../core/tracker/schema.ts';
import type { VoidResult } from '../../shared/history.ts';
import { UserError } from '../base/actions.ts';
import { sheetClock } from '../base/clock.ts';
import { appendTarget, appendToLog, completeLog, logWidth, readLog } from '../logging/interview-log.ts';
import { propertiesReadOnce } from '../base/properties-once.ts';
import { fillBlockWrites, mergeProblem, protectionProblem } from '../tracker/cells.ts';
import { readTracker } from '../tracker/table.ts';

const NOTHING_VOIDED = 'Nothing was voided.';

function readInput(raw: unknown): { eventId: string; reason: string } {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof input.eventId !== 'string' || input.eventId.trim() === '' || input.eventId.length > 300)
    throw new UserError(`Choose an event in the history to void. ${NOTHING_VOIDED}`);
  const reason = typeof input.reason === 'string' ? input.reason : '';
  if (reason.length > VOID_REASON_MAX) throw new UserError(`Say why in at most ${VOID_REASON_MAX} characters. ${NOTHING_VOIDED}`);
  return { eventId: input.eventId, reason };
}

/** Where rows are added to a sheet, every cell counts as written (as log-events.ts takes it). */
const wholeSheet = (rows: number, columns: number): CellRange => ({ row: 1, column: 1, numRows: rows, numColumns: columns });

function describe(plan: VoidPlan): string {
  const what = `“${plan.event}”${plan.date ? ` of ${plan.date}` : ''} for ${plan.contact.name || plan.contact.id}`;
  if (plan.alreadyVoided) return `${what} was already voided: nothing changed.`;
  const parts = [`Voided ${what}: a row saying so was added to the Interview log, which keeps the event as it was.`];
  if (plan.changed.length)
    parts.push(`Their row now: ${plan.changed.map((c) => `${trackerColumn(c.column).header} ${c.value === '' ? '(empty)' : c.value}`).join(', ')}.`);
  if (plan.kept.length) parts.push(`Kept as you wrote ${plan.kept.length === 1 ? 'it' : 'them'}: ${plan.kept.map((k) => trackerColumn(k).header).join(', ')}.`);
  if (plan.unlinked.length)
    parts.push(
      `${plan.unlinked.map((u) => `${u.name || u.id} (${u.id})`).join(', ')} ${plan.unlinked.length === 1 ? 'stays' : 'stay'} in the tracker but no longer ${plan.unlinked.length === 1 ? 'shows' : 'show'} ${plan.contact.name || plan.contact.id} as who introduced them (Referred by cleared).`,
    );
  return parts.join(' ');
}

export function voidLoggedEvent(raw: unknown): VoidResult {
  const input = readInput(raw);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const props = propertiesReadOnce(PropertiesService.getDocumentProperties());
  const clock = sheetClock(ss);
  const view = readTracker(ss, props, { locked: true, formats: true });
  const found = readLog(ss, props);
  if (!found) throw new UserError(`There is no Interview log in this spreadsheet: nothing has been logged to void. ${NOTHING_VOIDED}`);
  const plan = planVoid({ ...view, timeZone: clock.timeZone }, { rows: found.rows, columns: found.plan.columns }, input, clock.today);
  if (!plan.ok) throw new UserError(plan.message);
  if (plan.alreadyVoided) return { ok: true, alreadyVoided: true, message: describe(plan) };

  const { sheet } = view;
  const fills = fillBlockWrites(plan.fills, view.grid);
  const targets = plan.fills.map((f) => ({ row: f.row, column: f.column, numRows: 1, numColumns: 1 }));
  const width = Math.max(view.header.length, maxWidth(view.grid.values));
  const merged = mergeProblem(sheet, targets, { grid: { maxRows: view.grid.values.length, maxColumns: width } });
  if (merged) throw new UserError(`${merged} ${NOTHING_VOIDED}`);
  const column = (cell: CellRange) => cellText(view.header[cell.column - 1]);
  const place = (cell: CellRange) => (column(cell) ? `The "${column(cell)}" column (${rangeA1(cell)})` : `Cell ${rangeA1(cell)}`);
  const locked = protectionProblem(sheet, targets, place);
  if (locked) throw new UserError(`${locked} ${NOTHING_VOIDED}`);

  const logRows = found.sheet.getMaxRows();
  const logColumns = Math.max(found.header.length, logWidth(found.plan.columns));
  const appended = appendTarget(found, found.plan.columns, plan.log.length);
  const grows = appended.row + appended.numRows - 1 > logRows;
  const inLog = mergeProblem(found.sheet, [appended], { grid: { maxRows: logRows, maxColumns: logColumns } });
  if (inLog) throw new UserError(`In the sheet "${found.sheet.getName()}": ${inLog} ${NOTHING_VOIDED}`);
  const lockedLog = protectionProblem(found.sheet, grows ? [appended, wholeSheet(logRows, logColumns)] : [appended]);
  if (lockedLog) throw new UserError(`${lockedLog} ${NOTHING_VOIDED}`);

  for (const block of fills) sheet.getRange(block.row, block.column, block.values.length, block.values[0].length).setValues(block.values);
  const log = completeLog(ss, props, found);
  const logColumnsNow = logWidth(log.columns);
  appendToLog(
    log,
    plan.log.map((entry) => logRowCells(entry, log.columns, logColumnsNow, clock.timestamp)),
    { maxRows: logRows },
  );
  return { ok: true, alreadyVoided: false, message: describe(plan) };
}
