// The JSON that crosses between the workbench's page, its HTTP server and the worker thread
// that holds the workbook. Plain data only: the page bundle imports these types too.

export interface Rect {
  /** 1-based, like Sheets. */
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export interface SheetInfo {
  name: string;
  id: number;
  maxRows: number;
  maxCols: number;
  /** Columns the page draws: all of maxCols up to a cap (see README, "Limits"). */
  shownCols: number;
  frozenRows: number;
  frozenCols: number;
  lastRow: number;
  lastCol: number;
  /** Widths in pixels of the columns that have one (1-based column → px); others are 100. */
  colWidths: Record<number, number>;
  hiddenCols: number[];
  hidden: boolean;
  tabColor: string | null;
}

export interface CellStyle {
  background?: string;
  color?: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  align?: string;
}

export type CellKind = 'text' | 'number' | 'date' | 'boolean' | 'error';

export interface CellView {
  /** The text Sheets shows in the cell. */
  text: string;
  /** The text the formula bar shows: the formula, or the value as typed. */
  input: string;
  kind: CellKind;
  /** Formats set on the cell, with conditional formatting applied on top. */
  style?: CellStyle;
  note?: string;
  /** Index into GridWindow.validations. */
  rule?: number;
  /** The value breaks the cell's validation rule (Sheets marks such cells with a red corner). */
  invalid?: boolean;
}

export type ValidationView =
  | { kind: 'list'; values: string[]; dropdown: boolean; strict: boolean; help: string }
  | { kind: 'checkbox'; checked: string; unchecked: string; strict: boolean; help: string }
  | { kind: 'other'; criteria: string; strict: boolean; help: string };

/** Rows [top, top + rows.length) of one sheet, and the frozen rows above them. */
export interface GridWindow {
  sheet: string;
  version: number;
  top: number;
  rows: (CellView | null)[][];
  frozen: (CellView | null)[][];
  /** Merged ranges that touch the frozen rows or this window. */
  merges: Rect[];
  validations: ValidationView[];
}

export type MenuEntry =
  { type: 'item'; caption: string; functionName: string } | { type: 'separator' } | { type: 'submenu'; caption: string; items: MenuEntry[] };

export interface MenuView {
  title: string;
  /** An add-on menu (shown under Extensions) rather than a menu of its own in the menu bar. */
  addon: boolean;
  items: MenuEntry[];
}

export interface PanelView {
  /** "s<n>" for a sidebar, "d<n>" for a dialog: the page loads /panel/<id>. */
  id: string;
  title: string;
  width: number;
  /** null for a sidebar (it takes the window's height). */
  height: number | null;
  modal: boolean;
}

export interface ToastView {
  index: number;
  title: string;
  message: string;
  timeoutSeconds: number;
}

export interface ActionReport {
  /** 'trigger': the last time-driven trigger run when the clock moved. */
  kind: 'onOpen' | 'menu' | 'run' | 'onEdit' | 'trigger';
  fn: string;
  calls: number;
  byMethod: Record<string, number>;
  ms: number;
  /** What the script threw, as Apps Script reports it ("Exception: …"). */
  error?: string;
}

export interface QuestionView {
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  buttons: 'OK' | 'OK_CANCEL' | 'YES_NO' | 'YES_NO_CANCEL';
}

export type ButtonName = 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE';

export interface Answer {
  button: ButtonName;
  text?: string;
}

/** An email the add-on sent (MailApp), as the outbox shows it. */
export interface MailView {
  from: string;
  to: string;
  cc: string;
  bcc: string;
  replyTo: string;
  name: string;
  subject: string;
  body: string;
  htmlBody: string;
  sentAt: string;
}

/** One run of a time-driven trigger. */
export interface TriggerRunView {
  handler: string;
  at: string;
  status: 'completed' | 'failed' | 'skipped';
  error?: string;
}

/** An embedded chart of the active sheet, with its data read from the live values of its ranges. */
export interface ChartView {
  id: number;
  type: string;
  title: string;
  /** Where Sheets anchors its top-left corner: a cell (1-based) and an offset in pixels. */
  anchor: { row: number; col: number; offsetX: number; offsetY: number };
  width: number;
  height: number;
  /** The name of each series (from a header row, else "Series n"). */
  series: string[];
  /** One entry per category; values[k] belongs to series[k]. */
  points: { label: string; values: (number | null)[] }[];
  legend: boolean;
}

export type FileAccessName = 'owner' | 'editor' | 'commenter' | 'viewer';

/** A spreadsheet in the emulator's Drive and who can open it (its sharing list). */
export interface DriveFileView {
  id: string;
  name: string;
  /** The file the workbench opened, where the add-on runs. */
  tracker: boolean;
  people: { email: string; access: FileAccessName }[];
}

/** Another spreadsheet open in place of the tracker, as one of the people it is shared with sees it. */
export interface OtherFileView {
  id: string;
  name: string;
  as: string;
  access: FileAccessName;
}

/** Everything the page shows, as of one moment. */
export interface Snapshot {
  version: number;
  title: string;
  source: string;
  sheets: SheetInfo[];
  activeSheet: string;
  selection: Rect[];
  menus: MenuView[];
  lastAction: ActionReport | null;
  sidebar: PanelView | null;
  dialog: PanelView | null;
  toasts: ToastView[];
  toastCount: number;
  alerts: { title: string; prompt: string; buttons: string; answer: string }[];
  window: GridWindow;
  /** The workbench's user (the tracker's owner). */
  user: string;
  /** The spreadsheets in the emulator's Drive. */
  files: DriveFileView[];
  /** Set while another file is open (the coach copy): the sheets, cells and charts are that file's. */
  other: OtherFileView | null;
  /** The active sheet's embedded charts, drawn over the grid. */
  charts: ChartView[];
  /** The emulator's clock (ISO) and the spreadsheet's time zone to show it in. */
  clock: { now: string; timeZone: string };
  /** Every email sent, oldest first. */
  outbox: MailView[];
  /** The last time-driven trigger runs, oldest first. */
  triggerRuns: TriggerRunView[];
}

/** Which rows of the active sheet the page shows, so a snapshot can carry them. */
export interface ViewRequest {
  top: number;
  rows: number;
}

/** What a user action leads to: done, or a question the script is waiting on. */
export type Outcome<R = unknown> = { status: 'done'; snapshot: Snapshot; result?: R } | { status: 'question'; snapshot: Snapshot; question: QuestionView };

/** The result of one google.script.run call, as the page's success or failure handler gets it. */
export type ScriptRunResult = { ok: true; value: unknown; undefined?: boolean } | { ok: false; error: { name: string; message: string } };

export type EditResult = { ok: true } | { ok: false; title: string; message: string };
