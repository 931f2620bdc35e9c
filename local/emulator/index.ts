// The local Apps Script emulator: one object holding the files (spreadsheets), the user's
// screen (UiRecorder), the property stores and locks, and the globals that script code sees.

import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Runtime, AuthMode, GasException, type AuthModeName } from './runtime.ts';
import { EmuSpreadsheet, EmuSpreadsheetApp } from './spreadsheet/spreadsheet.ts';
import { EmuUi, UiRecorder } from './services/ui.ts';
import { EmuHtmlService } from './services/html.ts';
import { PropertyStores, EmuPropertiesService } from './services/properties.ts';
import { LockTable, EmuLockService } from './services/lock.ts';
import { EmuSession } from './services/session.ts';
import { EmuUtilities } from './services/utilities.ts';
import { EmuCharts } from './spreadsheet/charts.ts';
import { openAs, type SharingPolicy } from './services/drive.ts';
import { captureFiles } from './spreadsheet/snapshot.ts';

export { GasException, AuthMode, Runtime };
export type { AuthModeName };

export interface EmulatorOptions {
  /** The spreadsheet's time zone (File > Settings in Sheets). Default Etc/UTC. */
  timeZone?: string;
  /** The active spreadsheet's locale (File > Settings), e.g. 'de_DE': how its formulas are written. Default en_US. */
  locale?: string;
  /** The user running the script. */
  user?: string;
  /** Where HtmlService finds page files: the build folder. */
  buildDir?: string;
  /** The manifest's oauthScopes; calls needing another scope throw. Default: read from buildDir. */
  scopes?: readonly string[] | null;
  /** Name of the active spreadsheet. */
  name?: string;
  /** Start with no sheet (the caller loads a workbook). */
  noSheets?: boolean;
}

function fileId(): string {
  return randomBytes(22).toString('base64url').slice(0, 44);
}

export class Emulator {
  readonly rt = new Runtime();
  readonly ui = new UiRecorder();
  readonly properties = new PropertyStores(() => this.active._id);
  readonly locks: LockTable;
  readonly files = new Map<string, EmuSpreadsheet>();
  /** Ids of files deleted for good (emptied from the trash): openById says they are missing. */
  readonly deleted = new Set<string>();
  readonly buildDir: string;
  readonly logs: string[] = [];
  /** The file the script runs in (getActiveSpreadsheet, its document properties); a test may switch it. */
  active: EmuSpreadsheet;
  private readonly timeZone: string;

  constructor(options: EmulatorOptions = {}) {
    if (options.user) this.rt.activeUser = options.user;
    this.timeZone = options.timeZone ?? 'Etc/UTC';
    this.buildDir = options.buildDir ?? join(process.cwd(), 'build');
    this.rt.scopes = options.scopes !== undefined ? options.scopes : readScopes(this.buildDir);
    this.rt.currentFile = () => this.active;
    this.locks = new LockTable(this.rt);
    this.active = this.createSpreadsheet(options.name ?? 'Contacts', options.noSheets ? null : 'Sheet1');
    if (options.locale) this.active._setLocale(options.locale);
  }

  /** Sharing refusals, as a Workspace domain's policy makes them (see drive.ts). */
  get sharingPolicy(): SharingPolicy | null {
    return this.rt.sharingPolicy;
  }
  set sharingPolicy(policy: SharingPolicy | null) {
    this.rt.sharingPolicy = policy;
  }

  /** The manifest's oauthScopes; a test may change them between executions (the user re-deploying). */
  get scopes(): readonly string[] | null {
    return this.rt.scopes;
  }
  set scopes(scopes: readonly string[] | null) {
    this.rt.scopes = scopes;
  }

  createSpreadsheet(name: string, firstSheet: string | null = 'Sheet1'): EmuSpreadsheet {
    const ss = new EmuSpreadsheet(this.rt, this.ui, fileId(), name, this.timeZone, this.rt.activeUser, firstSheet);
    this.files.set(ss._id, ss);
    return ss;
  }

  /** The globals Apps Script gives a script, backed by this emulator. */
  globals(): Record<string, unknown> {
    const rt = this.rt;
    const uiService = new EmuUi(rt, this.ui);
    const globals: Record<string, unknown> = {};
    const log = (...args: unknown[]) => this.logs.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    return Object.assign(globals, {
      SpreadsheetApp: new EmuSpreadsheetApp(rt, {
        active: () => this.active,
        ui: () => uiService,
        open: (id) => openAs(this.files, id, rt.activeUser, this.deleted),
        create: (name, rows, cols) => {
          const ss = this.createSpreadsheet(name);
          if (rows || cols) {
            const sheet = ss._sheets[0];
            sheet._maxRows = rows ?? sheet._maxRows;
            sheet._maxCols = cols ?? sheet._maxCols;
          }
          return ss;
        },
        scopes: () => this.scopes,
      }),
      // Template scriptlets see the script's globals, as in Apps Script.
      HtmlService: new EmuHtmlService(rt, this.buildDir, () => globals),
      PropertiesService: new EmuPropertiesService(rt, this.properties),
      LockService: new EmuLockService(rt, this.locks),
      Session: new EmuSession(rt, { scriptTimeZone: this.timeZone }),
      Utilities: new EmuUtilities(rt),
      ScriptApp: { AuthMode },
      Charts: new EmuCharts(),
      Logger: { log: (...a: unknown[]) => (log(...a), undefined) },
      console: { log, info: log, warn: log, error: log },
    });
  }

  /**
   * Runs `body` as another user (a coach opening what was shared with them): openById, writes and
   * Session see `email` as the active user until `body` returns. See drive.ts.
   */
  actAs<T>(email: string, body: () => T): T {
    const previous = this.rt.activeUser;
    this.rt.activeUser = email;
    try {
      return body();
    } finally {
      this.rt.activeUser = previous;
    }
  }

  /** Deletes a file for good, as emptying it from the owner's trash does: nobody can open it any more. */
  deleteFile(id: string): void {
    if (this.files.delete(id)) this.deleted.add(id);
  }

  /**
   * Moves a file to its owner's trash. Google: "If you're the owner of the file, others can access
   * it until the file is permanently deleted" (https://support.google.com/drive/answer/14933051),
   * so sharing is unchanged and openById still opens it (the latter is not documented).
   */
  trashFile(id: string): void {
    this.open(id)._trashed = true;
  }

  /**
   * Marks the end of one execution: Apps Script releases the locks a script still holds, and
   * Sheets computes the formulas its writes changed (held until a read, see EmuSpreadsheet._hf).
   */
  endExecution(): void {
    this.rt.beforeEnd?.();
    this.locks.releaseAll(this.rt.execution);
    for (const file of this.files.values()) file._recalculate();
    this.rt.finishExecution();
  }

  /**
   * Lets an execution run between two service calls of another (`bundle.run` inside a
   * `rt.beforeCall` hook) without seeing the writes the other has queued: before the first queued
   * write after each flush, every spreadsheet is copied (see Runtime.pending). Off by default, as
   * the copy costs time at every flush and nothing else can run between two calls.
   */
  get isolateExecutions(): boolean {
    return this.rt.isolation !== null;
  }
  set isolateExecutions(on: boolean) {
    this.rt.isolation = on ? () => captureFiles(this.files.values()) : null;
  }

  /** Raises the `GasException` Apps Script would for a missing file. */
  open(id: string): EmuSpreadsheet {
    const ss = this.files.get(id);
    if (!ss) throw new GasException(`No spreadsheet with id ${id}`);
    return ss;
  }
}

function readScopes(buildDir: string): readonly string[] | null {
  const manifest = join(buildDir, 'appsscript.json');
  if (!existsSync(manifest)) return null;
  const scopes = (JSON.parse(readFileSync(manifest, 'utf8')) as { oauthScopes?: string[] }).oauthScopes;
  return scopes ?? null;
}
