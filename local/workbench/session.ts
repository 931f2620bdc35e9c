// One open workbook and the add-on running on it: everything the page can ask for or do, in
// plain synchronous calls. The worker thread (worker.ts) owns one Workbench and answers the
// server's requests with it; tests can drive it directly.

import { basename, extname } from 'node:path';
import { Emulator } from '../emulator/index.ts';
import { loadWorkbookFile, saveXlsx } from '../emulator/io.ts';
import { serializeScriptRunResult } from '../emulator/services/scriptrun.ts';
import type { EmuSheet } from '../emulator/spreadsheet/sheet.ts';
import type { EmuSpreadsheet } from '../emulator/spreadsheet/spreadsheet.ts';
import { accessOf, PROTECTED } from '../emulator/services/drive.ts';
import { mayEditProtected } from '../emulator/spreadsheet/metadata.ts';
import { Bundle, BundleError } from '../bundle.ts';
import type {
  ActionReport,
  DriveFileView,
  EditResult,
  FileAccessName,
  MenuEntry,
  OtherFileView,
  PanelView,
  Rect,
  ScriptRunResult,
  Snapshot,
  TriggerRunView,
  ViewRequest,
} from './protocol.ts';
import { gridWindow, sheetInfo } from './view.ts';
import { chartViews } from './chart-view.ts';
import { checkCell, clearCells, typeIntoCell } from './edit.ts';
import { buildSample, SAMPLE_CONTACTS } from './sample.ts';

export interface OpenOptions {
  /** A .csv or .xlsx file; omitted: the embedded sample. */
  file?: string;
  /** How to name the file to the user (the path as they typed it). */
  label?: string;
  buildDir: string;
  timeZone: string;
  locale?: string;
  /**
   * Epoch ms at which the emulator's clock starts (it then runs on): TODAY(), the script's
   * new Date() and the sample's dates follow it. Omitted: the real time.
   */
  now?: number;
}

/** The panel HTML travels beside the snapshot so the server can serve it while a script runs. */
export type PanelWithHtml = PanelView & { html: string };

const DEFAULT_VIEW: ViewRequest = { top: 1, rows: 100 };
const DAY_MS = 86_400_000;
/** Trigger runs a snapshot carries (the newest). */
const RUNS_SHOWN = 20;

/** How Apps Script names a thrown error for the user: "Exception: …", "TypeError: …". */
export function scriptErrorText(e: unknown): string {
  if (e instanceof BundleError) return e.message; // "Script function not found: …", as Sheets words it
  if (e instanceof Error) return `${e.name === 'Error' || !e.name ? 'Error' : e.name}: ${e.message}`;
  return String(e);
}

export class Workbench {
  version = 1;
  lastAction: ActionReport | null = null;
  private openSidebar: number | null = null;
  private openDialog: number | null = null;
  /** Another file open in the page (the coach copy), and whose eyes it is seen through. */
  private other: { file: EmuSpreadsheet; as: string } | null = null;

  private constructor(
    readonly emu: Emulator,
    readonly bundle: Bundle,
    /** Where the workbook came from, for the page's title and the saved file's name. */
    readonly source: string,
  ) {}

  static async open(options: OpenOptions): Promise<Workbench> {
    const emu = new Emulator({ buildDir: options.buildDir, timeZone: options.timeZone, locale: options.locale, noSheets: true, name: 'Workbook' });
    if (options.now !== undefined) emu.rt.virtualMs = options.now - Date.now();
    let source: string;
    if (options.file) {
      await loadWorkbookFile(emu.active, options.file);
      if (!emu.active._sheets.length) throw new Error(`${options.file} has no sheets`);
      emu.active._activeSheet = emu.active._sheets[0];
      emu.active._name = basename(options.file, extname(options.file));
      source = options.label ?? options.file;
    } else {
      source = '';
    }
    const bundle = new Bundle(emu);
    if (!options.file) {
      buildSample(emu, bundle);
      emu.active._name = 'Sample tracker';
      emu.ui.reset();
    }
    const bench = new Workbench(emu, bundle, source);
    bench.openFile();
    return bench;
  }

  get title(): string {
    return this.emu.active._name;
  }

  get description(): string {
    const ss = this.emu.active;
    if (!this.source) return `embedded sample (${SAMPLE_CONTACTS} made-up contacts)`;
    return `${this.source} (${ss._sheets.length} sheet${ss._sheets.length === 1 ? '' : 's'})`;
  }

  /** The name a saved copy gets. */
  get saveName(): string {
    return `${this.source ? basename(this.source, extname(this.source)) : 'sample-tracker'}.xlsx`;
  }

  /** What Sheets does when the file opens: the add-on's onOpen builds its menu. */
  private openFile(): void {
    if (!this.bundle.has('onOpen')) return;
    const ss = this.emu.active;
    this.script('onOpen', 'onOpen', [{ authMode: 'LIMITED', source: ss, user: { getEmail: () => this.emu.rt.activeUser } }], 'LIMITED');
  }

  /** The spreadsheet the page shows: the tracker, or the other file opened. */
  private get shown(): EmuSpreadsheet {
    return this.other?.file ?? this.emu.active;
  }

  /** The spreadsheets in the emulator's Drive (not deleted for good) and their sharing lists. */
  files(): DriveFileView[] {
    return [...this.emu.files.values()].map((ss) => {
      // A file in a shared drive has no owner.
      const people: DriveFileView['people'] = ss._owner === null ? [] : [{ email: ss._owner, access: 'owner' }];
      for (const email of ss._editors) people.push({ email, access: 'editor' });
      for (const email of ss._commenters) people.push({ email, access: 'commenter' });
      for (const email of ss._viewers) people.push({ email, access: 'viewer' });
      return { id: ss._id, name: ss._name, tracker: ss === this.emu.active, people };
    });
  }

  /**
   * Opens a file of the Drive in the page as `as` sees it (the coach, on the copy shared with
   * them): the same sheets, cells and charts the emulator holds, drawn the same way, with edits
   * allowed only as far as their access and the file's protections allow. The tracker opened as
   * its owner is the workbench's normal view.
   */
  openFileAs(id: string, as: string): void {
    const file = this.emu.files.get(id);
    if (!file) throw new RangeError(`No spreadsheet ${id} in the Drive.`);
    if (accessOf(file, as) === null) throw new RangeError(`${as} cannot open "${file._name}": it is not shared with them.`);
    this.other = file === this.emu.active && accessOf(file, as) === 'owner' ? null : { file, as };
    // A file opened from its link shows its first sheet (assumed: a link without #gid= opens there
    // for someone who has not viewed the file before), not the one the script that made it left active.
    if (this.other && file !== this.emu.active) file._activeSheet = file._sheets.find((s) => !s._hidden) ?? file._activeSheet;
    this.changed();
  }

  /** Back to the tracker, as its owner. */
  backToTracker(): void {
    this.other = null;
    this.changed();
  }

  private otherView(): OtherFileView | null {
    if (!this.other) return null;
    const { file, as } = this.other;
    return { id: file._id, name: file._name, as, access: accessOf(file, as) as FileAccessName };
  }

  /**
   * Why the person the other file is seen as may not type into `rect` of `sheet` (null: they may).
   * Sheets does not let a viewer or commenter edit at all; protections are checked as the
   * emulator checks a script's writes (drive.ts).
   */
  private refusal(sheet: EmuSheet, rect: Rect): EditResult | null {
    if (!this.other) return null;
    const { file, as } = this.other;
    const access = accessOf(file, as);
    if (access !== 'owner' && access !== 'editor') {
      return {
        ok: false,
        title: access === 'commenter' ? 'Comment only' : 'View only',
        message: `${as} can ${access === 'commenter' ? 'comment on' : 'view'} this file but not edit it.`,
      };
    }
    const overlaps = (p: Rect) =>
      p.row < rect.row + rect.numRows && rect.row < p.row + p.numRows && p.col < rect.col + rect.numCols && rect.col < p.col + p.numCols;
    const within = (u: Rect) =>
      rect.row >= u.row && rect.col >= u.col && rect.row + rect.numRows <= u.row + u.numRows && rect.col + rect.numCols <= u.col + u.numCols;
    for (const p of sheet._protections) {
      if (mayEditProtected(file, p, as)) continue;
      const stopped = p.rect === null ? !p.unprotected.some(within) : overlaps(p.rect);
      if (stopped) return { ok: false, title: 'Protected cell', message: PROTECTED };
    }
    return null;
  }

  sheet(name: string): EmuSheet {
    const sheet = this.shown._sheets.find((s) => s._name === name);
    if (!sheet) throw new RangeError(`No sheet named "${name}".`);
    return sheet;
  }

  private changed(): void {
    this.version++;
  }

  /** Runs one entry point as one execution; the report keeps its call counts and any error. */
  private script(kind: ActionReport['kind'], fn: string, args: unknown[], authMode: 'LIMITED' | 'FULL' = 'FULL'): { result?: unknown; error?: unknown } {
    const ui = this.emu.ui;
    const sidebars = ui.sidebars.length;
    const dialogs = ui.dialogs.length;
    const started = performance.now();
    let outcome: { result?: unknown; error?: unknown };
    try {
      const run = this.bundle.run(fn, args, { authMode });
      this.lastAction = { kind, fn, calls: run.calls, byMethod: run.byMethod, ms: Math.round(performance.now() - started) };
      outcome = { result: run.result };
    } catch (e) {
      const rt = this.emu.rt;
      this.lastAction = {
        kind,
        fn,
        calls: rt.totalCalls(),
        byMethod: rt.callsByMethod(),
        ms: Math.round(performance.now() - started),
        error: scriptErrorText(e),
      };
      outcome = { error: e };
    }
    // A new sidebar replaces the open one; so does a new dialog.
    if (ui.sidebars.length > sidebars) this.openSidebar = ui.sidebars.length - 1;
    if (ui.dialogs.length > dialogs) this.openDialog = ui.dialogs.length - 1;
    this.changed();
    return outcome;
  }

  /**
   * A menu item: runs its function with no arguments, as Sheets does. Only a function that an item
   * of the menus names can run this way (the page offers nothing else); any other name, like a
   * menu item whose function the script lacks, fails with Sheets' "Script function not found".
   */
  runMenu(fn: string): ActionReport {
    if (!this.menuFunctions().has(fn)) {
      this.lastAction = { kind: 'menu', fn, calls: 0, byMethod: {}, ms: 0, error: `Script function not found: ${fn}` };
      this.changed();
      return this.lastAction;
    }
    this.script('menu', fn, []);
    return this.lastAction!;
  }

  /** The function names the items of the menus (as onOpen and later scripts built them) call. */
  private menuFunctions(): Set<string> {
    const names = new Set<string>();
    const walk = (entries: MenuEntry[]) => {
      for (const e of entries) {
        if (e.type === 'item') names.add(e.functionName);
        else if (e.type === 'submenu') walk(e.items);
      }
    };
    for (const menu of this.emu.ui.menus) walk(menu.items);
    return names;
  }

  /** google.script.run from a sidebar or dialog. Arguments arrive already checked and copied by the page. */
  runFromPage(fn: string, args: unknown[]): ScriptRunResult {
    // Functions whose names end in "_" are private to the server: google.script.run cannot see them.
    if (fn.endsWith('_') || !this.bundle.has(fn)) return { ok: false, error: { name: 'ScriptError', message: `Script function not found: ${fn}` } };
    const { result, error } = this.script('run', fn, args);
    if (error !== undefined) return { ok: false, error: { name: 'ScriptError', message: scriptErrorText(error) } };
    const value = serializeScriptRunResult(result);
    return value === undefined ? { ok: true, value: null, undefined: true } : { ok: true, value };
  }

  /** The names google.script.run exposes to pages. */
  pageFunctions(): string[] {
    return this.bundle.functions().filter((f) => !f.endsWith('_'));
  }

  select(sheetName: string, ranges?: Rect[]): void {
    const sheet = this.sheet(sheetName);
    this.shown._activeSheet = sheet;
    if (ranges?.length) {
      for (const r of ranges) {
        if (r.row < 1 || r.col < 1 || r.numRows < 1 || r.numCols < 1 || r.row + r.numRows - 1 > sheet._maxRows || r.col + r.numCols - 1 > sheet._maxCols) {
          throw new RangeError(`The selection ${JSON.stringify(r)} is outside sheet "${sheet._name}".`);
        }
      }
      sheet._selection = ranges.map((r) => ({ row: r.row, col: r.col, numRows: r.numRows, numCols: r.numCols }));
    }
  }

  /** The user types `text` into a cell; the add-on's onEdit simple trigger runs if it has one. */
  edit(sheetName: string, row: number, col: number, text: string): EditResult {
    const sheet = this.sheet(sheetName);
    checkCell(sheet, row, col);
    const refused = this.refusal(sheet, { row, col, numRows: 1, numCols: 1 });
    if (refused) return refused;
    // The add-on runs in the tracker only: the coach's copy has no onEdit of its own.
    if (this.other) {
      const typed = typeIntoCell(sheet, row, col, text);
      this.changed();
      return typed;
    }
    const old = sheet._readValues({ row, col, numRows: 1, numCols: 1 })[0]?.[0];
    const result = typeIntoCell(sheet, row, col, text);
    this.changed();
    if (result.ok && this.bundle.has('onEdit')) {
      const range = sheet._range({ row, col, numRows: 1, numCols: 1 });
      const value = sheet._readValues({ row, col, numRows: 1, numCols: 1 })[0][0];
      const e: Record<string, unknown> = { authMode: 'LIMITED', range, source: this.emu.active, user: { getEmail: () => '' }, value };
      if (old !== '') e.oldValue = old;
      this.script('onEdit', 'onEdit', [e], 'LIMITED');
    }
    return result;
  }

  clear(sheetName: string, ranges: Rect[]): EditResult {
    const sheet = this.sheet(sheetName);
    for (const r of ranges) {
      const refused = this.refusal(sheet, r);
      if (refused) return refused;
    }
    clearCells(sheet, ranges);
    this.changed();
    return { ok: true };
  }

  /**
   * Moves the emulator's clock forward by whole days (the "Next day" button): the add-on's
   * time-driven triggers due on the way run, each as its own execution, as they would in Google.
   * The last run's service calls become the last action.
   */
  advanceDays(days: number): TriggerRunView[] {
    if (!Number.isInteger(days) || days < 1 || days > 366) throw new RangeError('The clock moves forward by 1 to 366 days.');
    const started = performance.now();
    const runs = this.emu.advanceClock(days * DAY_MS);
    const last = runs[runs.length - 1];
    if (last) {
      const rt = this.emu.rt;
      this.lastAction = {
        kind: 'trigger',
        fn: last.handler,
        calls: rt.totalCalls(),
        byMethod: rt.callsByMethod(),
        ms: Math.round(performance.now() - started),
      };
      if (last.error) this.lastAction.error = last.error;
    }
    this.changed();
    return runs.map(({ handler, at, status, error }) => ({ handler, at, status, error }));
  }

  closePanel(id: string): void {
    if (id === `s${this.openSidebar}`) this.openSidebar = null;
    if (id === `d${this.openDialog}`) this.openDialog = null;
    this.changed();
  }

  private panel(kind: 's' | 'd'): PanelWithHtml | null {
    const ui = this.emu.ui;
    if (kind === 's') {
      if (this.openSidebar === null) return null;
      const s = ui.sidebars[this.openSidebar];
      return { id: `s${this.openSidebar}`, title: s.title, width: s.width, height: null, modal: false, html: s.html };
    }
    if (this.openDialog === null) return null;
    const d = ui.dialogs[this.openDialog];
    return { id: `d${this.openDialog}`, title: d.title, width: d.width, height: d.height, modal: d.modal, html: d.html };
  }

  snapshot(view: ViewRequest = DEFAULT_VIEW): Omit<Snapshot, 'sidebar' | 'dialog'> & { sidebar: PanelWithHtml | null; dialog: PanelWithHtml | null } {
    const ss = this.shown;
    const active = ss._activeSheet;
    const ui = this.emu.ui;
    // Another file is not where the add-on runs: the person it is shown to has none of its menus or panels.
    const tracker = !this.other;
    const toasts = ui.toasts.slice(-5).map((t, k) => ({ index: ui.toasts.length - Math.min(5, ui.toasts.length) + k, ...t }));
    return {
      version: this.version,
      title: tracker ? this.title : ss._name,
      source: tracker ? this.description : `shared with ${this.other!.as}`,
      sheets: ss._sheets.map(sheetInfo),
      activeSheet: active._name,
      selection: active._selection.map((r) => ({ ...r })),
      menus: tracker ? ui.menus.map((m) => ({ title: m.title, addon: m.addon, items: m.items })) : [],
      lastAction: this.lastAction,
      sidebar: tracker ? this.panel('s') : null,
      dialog: tracker ? this.panel('d') : null,
      toasts,
      toastCount: ui.toasts.length,
      alerts: ui.alerts.slice(-10).map((a) => ({ title: a.title, prompt: a.prompt, buttons: a.buttons, answer: a.answer })),
      window: gridWindow(active, view.top, view.rows, this.version),
      user: this.emu.rt.activeUser,
      files: this.files(),
      other: this.otherView(),
      charts: chartViews(active),
      clock: { now: new Date(this.emu.now()).toISOString(), timeZone: ss._timeZone },
      outbox: this.emu.outbox.sent.map(({ from, to, cc, bcc, replyTo, name, subject, body, htmlBody, sentAt }) => ({
        from,
        to,
        cc,
        bcc,
        replyTo,
        name,
        subject,
        body,
        htmlBody,
        sentAt,
      })),
      triggerRuns: this.emu.triggers.runs.slice(-RUNS_SHOWN).map(({ handler, at, status, error }) => ({ handler, at, status, error })),
    };
  }

  window(sheetName: string, view: ViewRequest) {
    return gridWindow(this.sheet(sheetName), view.top, view.rows, this.version);
  }

  save(): Promise<Buffer> {
    return saveXlsx(this.emu.active);
  }
}
