// Planning "Set up tracker" on a sheet: which tracker columns to add, which rows get IDs,
// and which cells to write. Existing cells are only ever written when they are empty.

import { type Cell, type CellFill, type CellRange, type OutCell, isBlank, isEmptyCell, maxWidth } from './cells.ts';
import { contactFromRow, normaliseName } from './contacts.ts';
import { type ConfirmQuestion, type GridSize, type HeaderError, validateHeader } from './header-check.ts';
import { type ColumnMap, type ContactField, findHeaderRow, mapColumns } from './headers.ts';
import { assignIds, findDuplicateIds, isContactId, uncountableIdWarning, uncountableIds } from './ids.ts';
import { FIRST_STAGE, TRACKER_KEYS, type TrackerKey, trackerColumn } from './schema.ts';
import { columnLetters } from '../base/a1.ts';
import { thousands, toSheetText } from '../base/text.ts';
import { trackerColumnsFound, withRemembered } from './columns.ts';

export type SetupConfirmKind = 'foreign-table' | 'restore-columns';

export interface SetupInput {
  /** getValues() of the sheet's data range, from A1. */
  values: readonly (readonly Cell[])[];
  /** getFormulas() of the same range. */
  formulas?: readonly (readonly string[])[];
  /** Merges of the data range (a merged header is refused; the server checks the cells it writes). */
  merged?: readonly CellRange[];
  grid?: GridSize;
  /** The add-on already remembers this sheet as its tracker. */
  knownTracker?: boolean;
  /**
   * 0-based columns where the remembered tracker columns are now (from metadata that moves
   * with its column). Wins over headers, so renamed or moved columns are still found.
   */
  remembered?: Partial<Record<TrackerKey, number>>;
  /** 1-based header row of a known tracker, found again by the server; detected when absent. */
  headerRow?: number;
  /** 0-based columns of the remembered contact columns: win over headers, like `remembered`. */
  rememberedContact?: Partial<Record<ContactField, number>>;
  /** Questions the user has answered yes to. */
  confirmed?: readonly SetupConfirmKind[];
  /** Last contact-ID number handed out. */
  idCounter: number;
}

export interface SetupConfirm {
  kind: SetupConfirmKind;
  question: string;
  columns: string[];
}

export interface SetupReady {
  ok: true;
  /** 1-based sheet row of the header. */
  headerRow: number;
  map: ColumnMap;
  /** 1-based column of every tracker column once the plan is written. */
  columns: Record<TrackerKey, number>;
  /** Columns to add, contiguous, right after the last used column. */
  newColumns: { column: number; key: TrackerKey; header: string }[];
  /** Values for the new columns, from the header row down to the last row; null if none. */
  block: { row: number; column: number; values: OutCell[][] } | null;
  /** Empty cells of existing tracker columns to set (IDs and defaults for rows new since last time). */
  fills: CellFill[];
  idCounter: number;
  /** Rows that are contacts (have a name). */
  contactRows: number;
  /** Contacts given an ID by this plan. */
  newIds: number;
  warnings: string[];
  /** What was recognised and what will change, for the user. */
  summary: string;
  /** False when writing the plan would change nothing (a re-run). */
  changed: boolean;
}

export type SetupPlan = SetupReady | { ok: false; error: HeaderError } | { ok: 'confirm'; confirm: SetupConfirm };

function headerOf(key: TrackerKey): string {
  return trackerColumn(key).header;
}

export function planSetup(input: SetupInput): SetupPlan {
  const { values } = input;
  const confirmed = input.confirmed ?? [];
  const remembered = input.remembered ?? {};
  const lastColumn = maxWidth(values);

  // Where each tracker column is now: remembered first, then its default header. Found before
  // validating, so the cell-limit check counts exactly the columns to add.
  const guess = input.headerRow !== undefined ? input.headerRow - 1 : findHeaderRow(values);
  const found = trackerColumnsFound(guess >= 0 ? mapColumns(values[guess]).tracker : {}, remembered, input.rememberedContact ?? {});
  const missing = TRACKER_KEYS.filter((k) => found[k] === undefined);
  const deleted = input.knownTracker ? missing : [];

  const check = validateHeader({
    rows: values,
    merged: input.merged,
    grid: input.grid,
    newColumns: missing.length,
    knownTracker: input.knownTracker,
    confirmed: confirmed.includes('foreign-table'),
    headerRow: input.headerRow !== undefined ? input.headerRow - 1 : undefined,
    rememberedContact: input.rememberedContact,
  });
  if (check.ok === false) return check;
  if (check.ok === 'confirm') return { ok: 'confirm', confirm: toSetupConfirm(check.confirm) };
  if (deleted.length && !confirmed.includes('restore-columns')) {
    const names = deleted.map(headerOf);
    return {
      ok: 'confirm',
      confirm: {
        kind: 'restore-columns',
        question: `The tracker's ${names.map((n) => `"${n}"`).join(', ')} ${names.length === 1 ? 'column was' : 'columns were'} deleted. Add ${names.length === 1 ? 'it' : 'them'} back, empty, after the last column? Nothing else changes.`,
        columns: names,
      },
    };
  }

  const headerIndex = check.headerRow;
  const map = withRemembered(check.map, input.rememberedContact ?? {}, found);
  const headerRow = headerIndex + 1;
  const dataRows = values.slice(headerIndex + 1);
  const formulaAt = (r: number, c: number) => input.formulas?.[headerIndex + 1 + r]?.[c] ?? '';
  const isEmpty = (r: number, c: number) => isEmptyCell(dataRows[r]?.[c], formulaAt(r, c));

  const newColumns = missing.map((key, i) => ({ column: lastColumn + i + 1, key, header: toSheetText(headerOf(key)) }));
  const columns = {} as Record<TrackerKey, number>;
  for (const key of TRACKER_KEYS) columns[key] = found[key] !== undefined ? found[key]! + 1 : newColumns.find((n) => n.key === key)!.column;

  const contactRows: number[] = [];
  dataRows.forEach((row, r) => {
    if (normaliseName(contactFromRow(row, map.contact).name)) contactRows.push(r);
  });
  const idIndex = columns.contactId - 1;
  const idValues = dataRows.map((row) => row[idIndex]);
  const needId = contactRows.filter((r) => isEmpty(r, idIndex));
  const ids = assignIds(idValues, input.idCounter, needId.length);

  const warnings: string[] = [];
  for (const d of findDuplicateIds(idValues))
    warnings.push(
      `Rows ${d.indexes.map((r) => r + headerRow + 1).join(' and ')} share the ID ${d.id} (a copied row?). Left as they are; give one of them a new ID by clearing its Contact ID and running setup again.`,
    );
  for (const u of uncountableIds(idValues)) warnings.push(uncountableIdWarning(u.index + headerRow + 1, u.id));
  dataRows.forEach((row, r) => {
    const v = row[idIndex];
    if (!isBlank(v) && !isContactId(v) && !formulaAt(r, idIndex))
      warnings.push(`Row ${r + headerRow + 1} has "${String(v)}" in Contact ID, which is not an ID the tracker made. Left as it is.`);
  });

  // What a contact row gets when it first gets its ID.
  const rowDefaults = (r: number, i: number): Partial<Record<TrackerKey, OutCell>> => ({
    contactId: ids.ids[i],
    stage: FIRST_STAGE,
    ...(map.contact.connectedOn !== undefined && !isBlank(dataRows[r][map.contact.connectedOn]) ? { relationship: 'LinkedIn' } : {}),
  });

  const newKeys = new Set(newColumns.map((n) => n.key));
  const block: OutCell[][] = newColumns.length ? [newColumns.map((n) => n.header), ...dataRows.map(() => newColumns.map((): OutCell => ''))] : [];
  const fills: CellFill[] = [];
  needId.forEach((r, i) => {
    for (const [key, value] of Object.entries(rowDefaults(r, i)) as [TrackerKey, OutCell][]) {
      const safe = typeof value === 'string' ? toSheetText(value) : value;
      const c = columns[key] - 1;
      if (newKeys.has(key)) block[r + 1][c - lastColumn] = safe;
      else if (isEmpty(r, c)) fills.push({ row: headerRow + 1 + r, column: c + 1, value: safe });
    }
  });

  const changed = newColumns.length > 0 || fills.length > 0;
  const summaryParts = [`Header row: ${headerRow}.`, map.summary];
  const headless = blankHeaderColumns(values[headerIndex] ?? [], dataRows, new Set([...Object.values(found), ...Object.values(map.contact)]));
  if (headless.length) {
    const letters = headless.slice(0, LISTED_BLANK).map((c) => columnLetters(c + 1));
    const more = headless.length > LISTED_BLANK ? ` and ${thousands(headless.length - LISTED_BLANK)} more` : '';
    summaryParts.push(
      headless.length === 1
        ? `Column ${letters[0]} has no header: kept as it is, not used by the tracker.`
        : `Columns ${letters.join(', ')}${more} have no header: kept as they are, not used by the tracker.`,
    );
  }
  if (newColumns.length)
    summaryParts.push(
      `Adding ${newColumns.length} tracker ${newColumns.length === 1 ? 'column' : 'columns'}: ${newColumns.map((n) => headerOf(n.key)).join(', ')}.`,
    );
  if (needId.length) summaryParts.push(`Giving IDs to ${needId.length} ${needId.length === 1 ? 'contact' : 'contacts'}.`);
  if (!changed) summaryParts.push('The tracker is already set up; nothing to change.');

  return {
    ok: true,
    headerRow,
    map,
    columns,
    newColumns,
    block: newColumns.length ? { row: headerRow, column: lastColumn + 1, values: block } : null,
    fills,
    idCounter: ids.counter,
    contactRows: contactRows.length,
    newIds: needId.length,
    warnings,
    summary: summaryParts.join(' '),
    changed,
  };
}

const LISTED_BLANK = 10;

/** 0-based columns with data below a blank header cell, other than the columns `known` to the tracker. */
function blankHeaderColumns(header: readonly Cell[], dataRows: readonly (readonly Cell[])[], known: ReadonlySet<number>): number[] {
  const columns: number[] = [];
  const width = maxWidth(dataRows);
  for (let c = 0; c < width; c++) {
    if (known.has(c) || !isBlank(header[c])) continue;
    if (dataRows.some((row) => !isBlank(row[c]))) columns.push(c);
  }
  return columns;
}

function toSetupConfirm(c: ConfirmQuestion): SetupConfirm {
  return { kind: c.kind, question: c.question, columns: c.columns };
}

/**
 * Column `column` (1-based) below the header as the sheet reads once `plan` is written over
 * `values` (the data range it was planned from), leaving out the `skipped` fills (those a run
 * defers): what setup knows of the tracker without reading it again.
 */
export function columnAfterSetup(
  values: readonly (readonly Cell[])[],
  plan: SetupReady,
  column: number,
  skipped: readonly CellFill[] = [],
): (Cell | OutCell)[] {
  const left = new Set(skipped);
  const filled = new Map<number, OutCell>();
  for (const f of plan.fills) if (f.column === column && !left.has(f)) filled.set(f.row, f.value);
  const block = plan.block;
  const inBlock = block !== null && column >= block.column && column < block.column + (block.values[0]?.length ?? 0);
  let lastRow = Math.max(values.length, inBlock ? block.row + block.values.length - 1 : 0);
  for (const row of filled.keys()) lastRow = Math.max(lastRow, row);
  const out: (Cell | OutCell)[] = [];
  for (let row = plan.headerRow + 1; row <= lastRow; row++) {
    const planned =
      inBlock && row >= block.row && row < block.row + block.values.length ? block.values[row - block.row][column - block.column] : filled.get(row);
    out.push(planned ?? values[row - 1]?.[column - 1] ?? '');
  }
  return out;
}
