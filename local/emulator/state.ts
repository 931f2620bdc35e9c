// Everything the add-on can change, as one plain JSON value: the CLI's `--state` dump and what
// the fault sweep compares between a clean run and a faulted run followed by a re-run.
//
// Read straight from the emulator's model (no service calls are counted). File ids are random
// per run, so each file gets a label by the order the emulator made it ("file-1" is the active
// spreadsheet) and every id in the dump's text is replaced by its label: a faulted run that made
// an extra file shows it as an extra label, not as a different random id.

import type { Emulator } from './index.ts';
import type { EmuSpreadsheet } from './spreadsheet/spreadsheet.ts';
import type { CellMeta, EmuSheet } from './spreadsheet/sheet.ts';
import type { ProtectionData } from './spreadsheet/metadata.ts';
import { columnToLetters, rectToA1, type GridRect } from './spreadsheet/a1.ts';
import { EmuRange } from './spreadsheet/range.ts';
import { EmuDataValidation } from './spreadsheet/rules.ts';
import { describeSchedule } from './services/scriptapp.ts';

export interface EmulatorState {
  files: FileState[];
  /** Files deleted for good (emptied from the trash), by label. */
  deletedFiles: number;
  properties: { document: Record<string, string>; script: Record<string, string>; user: Record<string, string> };
  /** Installed triggers of every user, in the order they were made (ids left out: they differ between runs). */
  triggers: TriggerState[];
  /** Every email sent, in order (the time sent left out, as it differs between runs). */
  mail: MailState[];
}

export interface TriggerState {
  handler: string;
  /** ScriptApp.EventType: CLOCK, ON_OPEN, ON_EDIT... */
  type: string;
  /** "every day at 08:00 (Europe/Paris)"; for a spreadsheet trigger, "on open", "on edit"... */
  schedule: string;
  user: string;
  /** The file it belongs to, by label; null when it has none. */
  file: string | null;
}

export interface MailState {
  from: string;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  htmlBody: string;
}

export interface FileState {
  label: string;
  name: string;
  owner: string;
  editors: string[];
  viewers: string[];
  commenters: string[];
  trashed: boolean;
  timeZone: string;
  locale: string;
  activeSheet: string;
  metadata: MetadataState[];
  namedRanges: Record<string, string>;
  sheets: SheetState[];
}

interface MetadataState {
  key: string;
  value: string | null;
  visibility: string;
  location: string;
}

export interface SheetState {
  name: string;
  id: number;
  hidden: boolean;
  size: [rows: number, columns: number];
  frozen: [rows: number, columns: number];
  hiddenColumns: number[];
  columnWidths: Record<string, number>;
  tabColor: string | null;
  /** The data range's values (dates as ISO strings), row by row. */
  values: unknown[][];
  /** The data range's formulas ('' where a cell holds a value). */
  formulas: string[][];
  /** Cell formats, notes and drop-downs, as runs down each column: {"C2:C1000": {...}}. */
  cells: Record<string, unknown>;
  merges: string[];
  colourRules: { ranges: string[]; criteria: string; values: unknown[]; format: unknown }[];
  protections: { range: string | null; description: string; warningOnly: boolean; editors: string[] | null; unprotected: string[] }[];
  charts: { type: string; ranges: string[]; anchor: unknown; options: unknown }[];
}

/** The whole state of the emulator's files and properties, as the user running the script sees it. */
export function emulatorState(emu: Emulator): EmulatorState {
  const labels = new Map<string, string>();
  for (const id of emu.files.keys()) labels.set(id, `file-${labels.size + 1}`);
  const files = [...emu.files.values()].map((ss) => fileState(ss, labels.get(ss._id)!));
  const state: EmulatorState = {
    files,
    deletedFiles: emu.deleted.size,
    properties: {
      document: sortedRecord(emu.properties.document),
      script: sortedRecord(emu.properties.script),
      user: sortedRecord(emu.properties.user(emu.rt.activeUser)),
    },
    triggers: emu.triggers.triggers.map((t) => ({ handler: t.handler, type: t.eventType, schedule: describeSchedule(t), user: t.user, file: t.documentId })),
    mail: emu.outbox.sent.map(({ from, to, cc, bcc, subject, body, htmlBody }) => ({ from, to, cc, bcc, subject, body, htmlBody })),
  };
  let text = JSON.stringify(state);
  for (const [id, label] of labels) text = text.split(id).join(label);
  return JSON.parse(text) as EmulatorState;
}

function fileState(ss: EmuSpreadsheet, label: string): FileState {
  const sheetName = (id: number) => ss._sheets.find((s) => s._id === id)?._name ?? `#${id}`;
  return {
    label,
    name: ss._name,
    owner: ss._owner,
    editors: [...ss._editors].sort(),
    viewers: [...ss._viewers].sort(),
    commenters: [...ss._commenters].sort(),
    trashed: ss._trashed,
    timeZone: ss._timeZone,
    locale: ss._locale,
    activeSheet: ss._activeSheet?._name ?? '',
    metadata: ss._metadata.map((m) => ({
      key: m.key,
      value: m.value,
      visibility: m.visibility,
      location:
        m.location.type === 'SPREADSHEET'
          ? 'spreadsheet'
          : m.location.type === 'SHEET'
            ? `sheet ${sheetName(m.location.sheetId)}`
            : `${m.location.type === 'ROW' ? 'row' : 'column'} ${m.location.type === 'ROW' ? m.location.index : columnToLetters(m.location.index)} of ${sheetName(m.location.sheetId)}`,
    })),
    namedRanges: Object.fromEntries(
      [...ss._namedRanges.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, r]) => [name, `${r.sheet._name}!${rectToA1(r.rect)}`]),
    ),
    sheets: ss._sheets.map(sheetState),
  };
}

function sheetState(sheet: EmuSheet): SheetState {
  const lastRow = sheet._lastRow();
  const lastCol = sheet._lastCol();
  const data: GridRect = { row: 1, col: 1, numRows: Math.max(lastRow, 1), numCols: Math.max(lastCol, 1) };
  const empty = lastRow === 0 || lastCol === 0;
  return {
    name: sheet._name,
    id: sheet._id,
    hidden: sheet._hidden,
    size: [sheet._maxRows, sheet._maxCols],
    frozen: [sheet._frozenRows, sheet._frozenCols],
    hiddenColumns: [...sheet._hiddenCols].sort((a, b) => a - b),
    columnWidths: Object.fromEntries([...sheet._colWidths.entries()].sort(([a], [b]) => a - b).map(([c, w]) => [columnToLetters(c), w])),
    tabColor: sheet._tabColor,
    values: empty ? [] : (plain(sheet._readValues(data)) as unknown[][]),
    formulas: empty ? [] : sheet._readFormulas(data),
    cells: cellRuns(sheet),
    merges: sheet._merges.map(rectToA1).sort(),
    colourRules: sheet._cfRules.map((r) => ({
      ranges: r.rects.map(rectToA1),
      criteria: String(r.criteria),
      values: plain(r.values) as unknown[],
      format: plain(r.format),
    })),
    protections: sheet._protections.map(protectionState),
    charts: sheet._charts.map((c) => ({
      type: String(c.type),
      ranges: c.ranges.map((r) => `${r.sheet._name}!${rectToA1(r.rect)}`),
      anchor: plain(c.anchor),
      options: plain(c.options),
    })),
  };
}

function protectionState(p: ProtectionData) {
  return {
    range: p.rect ? rectToA1(p.rect) : null,
    description: p.description,
    warningOnly: p.warningOnly,
    editors: p.editors ? [...p.editors].sort() : null,
    unprotected: p.unprotected.map(rectToA1),
  };
}

/** Each column's cell metadata as runs of equal rows, so a format on 1,000 rows is one entry. */
function cellRuns(sheet: EmuSheet): Record<string, unknown> {
  const runs: Record<string, unknown> = {};
  const columns = sheet._meta.reduce((n, row) => Math.max(n, row?.length ?? 0), 0);
  for (let c = 0; c < columns; c++) {
    let start = -1;
    let text = '';
    const close = (end: number) => {
      if (start >= 0 && text) {
        const letters = columnToLetters(c + 1);
        runs[start === end ? `${letters}${start + 1}` : `${letters}${start + 1}:${letters}${end + 1}`] = JSON.parse(text);
      }
    };
    for (let r = 0; r <= sheet._meta.length; r++) {
      const meta = r < sheet._meta.length ? sheet._meta[r]?.[c] : undefined;
      const here = meta ? JSON.stringify(plainMeta(meta)) : '';
      const next = here === '{}' ? '' : here;
      if (next !== text) {
        close(r - 1);
        start = r;
        text = next;
      }
    }
  }
  return runs;
}

function plainMeta(meta: CellMeta): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta)) if (value !== undefined) out[key] = plain(value);
  return out;
}

/** A JSON-safe copy: dates as ISO text, ranges in A1, validations as their criteria. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof EmuRange) return `${value._sheet._name}!${rectToA1(value._rect)}`;
  if (value instanceof EmuDataValidation) {
    const spec = value._spec;
    return { criteria: spec.criteria, values: plain(spec.values), allowInvalid: spec.allowInvalid, helpText: spec.helpText };
  }
  if (value instanceof Set) return [...value].map(plain);
  if (value instanceof Map) return Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && !(v && typeof v === 'object' && 'getParent' in v)) out[k] = plain(v);
    return out;
  }
  return value;
}

function sortedRecord(map: Map<string, string>): Record<string, string> {
  return Object.fromEntries([...map.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
