// The workbench page: the sheet tabs and grid, the add-on's menus, its sidebars and dialogs, and
// the questions its scripts ask. Every change goes through the server and comes back as a
// snapshot (or a question the script is waiting on), which the page then draws.

import './styles.css';
import type { ActionReport, Outcome, Rect, ScriptRunResult, Snapshot } from '../protocol.ts';
import { api, ApiError } from './api.ts';
import { FETCH_ROWS, Grid } from './grid.ts';
import { closeMenus, renderMenuBar } from './menus.ts';
import { ask, errorBar, notice, toast } from './overlays.ts';
import { Panels } from './panels.ts';
import { rectName } from './a1.ts';
import { clockText, Outbox } from './outbox.ts';
import { showCharts } from './charts.ts';
import { Drive } from './drive.ts';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

let current: Snapshot | null = null;
let seenToasts = -1;
let menusDrawn = '';

const formula = $<HTMLInputElement>('formula');
const nameBox = $('name-box');

const grid = new Grid($('grid-scroll'), $<HTMLTableElement>('grid'), {
  selected: (ranges) => {
    if (!current) return;
    api.select(current.activeSheet, ranges, { top: 1, rows: 0 }).catch((e: Error) => void selectionFailed(e));
  },
  edit: (row, col, text) => void edit(row, col, text),
  clear: (ranges) => void clear(ranges),
  need: (top, rows) => void need(top, rows),
  activeChanged: showActiveCell,
});

const panels = new Panels({
  run: runFromPage,
  closed: (id) => void settle(() => api.close(id, grid.view()), false),
  focusEditor: () => grid.scroller.focus(),
});

const drive = new Drive($<HTMLDetailsElement>('drive'), $('other-file'), {
  open: (id, as) => void switchFile(() => api.open(id, as, { top: 1, rows: FETCH_ROWS })),
  back: () => void switchFile(() => api.back({ top: 1, rows: FETCH_ROWS })),
});

const outbox = new Outbox($('outbox'), $<HTMLButtonElement>('outbox-toggle'));

function showActiveCell(): void {
  const s = grid.sheet;
  if (!s) return;
  nameBox.textContent = rectName(grid.selection[0], s.maxRows, s.maxCols);
  if (document.activeElement !== formula) formula.value = grid.cell(grid.active.row, grid.active.col).view?.input ?? '';
}

function describe(a: ActionReport): string {
  const what = a.kind === 'run' ? `google.script.run.${a.fn}` : a.kind === 'menu' ? `${a.fn} (menu)` : a.kind === 'trigger' ? `${a.fn} (timed trigger)` : a.fn;
  return `Last action: ${what}: ${a.calls} service call${a.calls === 1 ? '' : 's'}, ${a.ms} ms`;
}

function showStatus(a: ActionReport | null): void {
  const status = $('calls');
  const summary = status.querySelector('summary')!;
  const list = status.querySelector('ul')!;
  summary.textContent = a ? describe(a) : 'No script has run yet.';
  list.replaceChildren();
  for (const [method, n] of Object.entries(a?.byMethod ?? {})) {
    const li = document.createElement('li');
    li.textContent = `${method}: ${n}`;
    list.append(li);
  }
}

function showTabs(s: Snapshot): void {
  const tabs = $('tabs');
  tabs.replaceChildren();
  for (const sheet of s.sheets.filter((x) => !x.hidden)) {
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.className = 'tab';
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-selected', String(sheet.name === s.activeSheet));
    tab.textContent = sheet.name;
    if (sheet.tabColor) tab.style.borderBottomColor = sheet.tabColor;
    tab.addEventListener('click', () => {
      if (sheet.name !== current?.activeSheet) void settle(() => api.select(sheet.name, undefined, { top: 1, rows: FETCH_ROWS }), true);
    });
    tabs.append(tab);
  }
}

/** Draws a snapshot. `adoptSelection`: take the server's selection (a script may have moved it). */
function apply(s: Snapshot, adoptSelection: boolean): void {
  const sheetChanged = current?.activeSheet !== s.activeSheet || current?.other?.id !== s.other?.id;
  current = s;
  document.title = `${s.title} – Workbench`;
  $('doc-title').textContent = s.title;
  $('doc-source').textContent = s.source;
  const menus = JSON.stringify(s.menus);
  if (menus !== menusDrawn) {
    menusDrawn = menus;
    renderMenuBar($('menubar'), s.menus, (fn) => void runMenu(fn));
  }
  showTabs(s);
  const sheet = s.sheets.find((x) => x.name === s.activeSheet)!;
  grid.load(sheet, s.window, adoptSelection || sheetChanged ? s.selection : null);
  showCharts($('charts'), s.charts, (p) => grid.cellOrigin(p));
  panels.show(s.sidebar, s.dialog);
  if (seenToasts < 0) seenToasts = s.toastCount;
  for (const t of s.toasts) if (t.index >= seenToasts) toast(t);
  seenToasts = s.toastCount;
  showStatus(s.lastAction);
  $('clock').textContent = clockText(s);
  outbox.show(s);
  drive.show(s);
}

/** Opens another file of the Drive (or goes back to the tracker): its sheets replace the grid's. */
async function switchFile(request: () => Promise<Outcome>): Promise<void> {
  grid.commitEdit('none');
  // The grid keeps no rows of the other file: a sheet of the same name must not show stale cells.
  current = null;
  await settle(request, true);
  focusGridIfIdle();
}

/** Next day: the clock moves forward 24 hours and the add-on's timed triggers due meanwhile run. */
async function nextDay(): Promise<void> {
  grid.commitEdit('none');
  const before = current?.outbox.length ?? 0;
  const done = await settle(() => api.clock(1, grid.view()), false);
  const runs = (done?.result as { status: string; handler: string; error?: string }[] | undefined) ?? [];
  const failed = runs.filter((r) => r.status === 'failed');
  errorBar(failed.length ? `Timed trigger ${failed[0].handler} failed: ${failed[0].error ?? ''}` : null);
  if ((done?.snapshot.outbox.length ?? 0) > before) outbox.setOpen(true);
}

/**
 * Sends a request and sees it through: draws each snapshot, and while the script asks questions,
 * shows them and sends the answers. Resolves with the final outcome (null if the request failed).
 */
async function settle(request: () => Promise<Outcome>, adoptSelection: boolean): Promise<Extract<Outcome, { status: 'done' }> | null> {
  let pending = request;
  for (;;) {
    let outcome: Outcome;
    try {
      outcome = await pending();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.outcome) {
        outcome = e.outcome; // another action's question is open: answer it first
      } else {
        await notice('Workbench', (e as Error).message);
        return null;
      }
    }
    apply(outcome.snapshot, adoptSelection);
    if (outcome.status === 'done') return outcome;
    const answer = await ask(outcome.question);
    pending = () => api.answer(answer, grid.view());
  }
}

/**
 * The server did not take the selection (a script is waiting for an answer, or an error): draw
 * the selection it has, which is the one menu actions would see, and say so.
 */
async function selectionFailed(e: Error): Promise<void> {
  try {
    const state = await api.state(grid.view());
    // A waiting question is already on screen (its request shows it): only its snapshot is needed.
    apply(state.snapshot, true);
  } catch {
    // the notice below still tells the user
  }
  await notice('Workbench', `The selection could not be sent: ${e.message} The sheet shows the selection the add-on sees.`);
}

/** Save as .xlsx: downloads the workbook, or says why it could not be saved. */
async function save(): Promise<void> {
  grid.commitEdit('none');
  let file: { blob: Blob; name: string };
  try {
    file = await api.save();
  } catch (e) {
    await notice('Save as .xlsx', `The workbook could not be saved: ${(e as Error).message}`);
    return;
  }
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function runMenu(fn: string): Promise<void> {
  grid.commitEdit('none');
  // Chosen from a menu reached by Tab, the keyboard has nowhere to go back to: the grid takes it,
  // and a dialog the script opens gives it back there.
  focusGridIfIdle();
  const done = await settle(() => api.menu(fn, grid.view()), true);
  const error = done?.snapshot.lastAction?.error;
  errorBar(error ? `Script ${fn} failed: ${error}` : null);
  focusGridIfIdle();
}

/** Gives the grid the keyboard back after an action, unless the user has moved on to something. */
function focusGridIfIdle(): void {
  if (!grid.editing && (!document.activeElement || document.activeElement === document.body)) grid.scroller.focus({ preventScroll: true });
}

async function runFromPage(fn: string, args: unknown[]): Promise<ScriptRunResult> {
  const done = await settle(() => api.run(fn, args, grid.view()), true);
  return (done?.result as ScriptRunResult | undefined) ?? { ok: false, error: { name: 'ScriptError', message: 'The workbench could not run the call.' } };
}

async function edit(row: number, col: number, text: string): Promise<void> {
  if (!current) return;
  const done = await settle(() => api.edit(current!.activeSheet, row, col, text, grid.view()), false);
  const result = done?.result as { ok: boolean; title?: string; message?: string } | undefined;
  if (result && !result.ok) await notice(result.title ?? 'There was a problem', result.message ?? '');
  const error = done?.snapshot.lastAction?.kind === 'onEdit' ? done.snapshot.lastAction.error : undefined;
  if (error) errorBar(`Script onEdit failed: ${error}`);
}

async function clear(ranges: Rect[]): Promise<void> {
  if (!current) return;
  const done = await settle(() => api.clear(current!.activeSheet, ranges, grid.view()), false);
  const result = done?.result as { ok: boolean; title?: string; message?: string } | undefined;
  if (result && !result.ok) await notice(result.title ?? 'There was a problem', result.message ?? '');
}

async function need(top: number, rows: number): Promise<void> {
  if (!current) return;
  try {
    const window = await api.window(current.activeSheet, { top, rows });
    if (window.version !== grid.version) {
      await settle(() => api.state(grid.view()), false);
      return;
    }
    grid.addWindow(window);
    grid.render();
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 409)) console.error(e);
  }
}

formula.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') {
    e.preventDefault();
    const { row, col } = grid.active;
    const before = grid.cell(row, col).view?.input ?? '';
    if (formula.value !== before) void edit(row, col, formula.value);
    grid.scroller.focus();
  } else if (e.key === 'Escape') {
    formula.value = grid.cell(grid.active.row, grid.active.col).view?.input ?? '';
    grid.scroller.focus();
  }
});
$('save').addEventListener('click', () => void save());
$('next-day').addEventListener('click', () => void nextDay());
document.addEventListener('click', (e) => {
  if (!(e.target as HTMLElement).closest('.menubar, .menu')) closeMenus();
});

void settle(() => api.state({ top: 1, rows: FETCH_ROWS }), true).then(focusGridIfIdle);
