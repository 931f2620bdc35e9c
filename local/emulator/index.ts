// The local Apps Script emulator: one object holding the files (spreadsheets), the user's
// screen (UiRecorder), the property stores and locks, and the globals that script code sees.

import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Runtime, AuthMode, GasException, EmulatorError, type AuthModeName } from './runtime.ts';
import { EmuSpreadsheet, EmuSpreadsheetApp } from './spreadsheet/spreadsheet.ts';
import { EmuUi, UiRecorder } from './services/ui.ts';
import { EmuHtmlService } from './services/html.ts';
import { PropertyStores, EmuPropertiesService } from './services/properties.ts';
import { LockTable, EmuLockService } from './services/lock.ts';
import { EmuSession } from './services/session.ts';
import { EmuUtilities } from './services/utilities.ts';
import { EmuCharts } from './spreadsheet/charts.ts';
import { accessOf, openAs, NO_ACCESS, type SharingPolicy } from './services/drive.ts';
import { captureFiles } from './spreadsheet/snapshot.ts';
import { EmuScriptApp, TriggerTable, clockEvent, nextRunOf, type InstalledTrigger, type TriggerRun } from './services/scriptapp.ts';
import { EmuMailApp, Outbox } from './services/mail.ts';
import { EmuSheetsService, gridsOf, SHEETS_SERVICE, type Grids } from './services/sheets-api.ts';

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
  /** The manifest's enabledAdvancedServices (only Sheets v4 is emulated). Default: read from buildDir. */
  advancedServices?: readonly AdvancedService[];
  /**
   * APIs turned off in the script's Cloud project (e.g. "sheets"): their advanced service is
   * there but every call answers 403. A standard Cloud project needs the API turned on in its
   * console as well as in the manifest. Default: none (a default project turns it on itself).
   */
  apisOffInCloudProject?: readonly string[];
  /** The script is an editor add-on, so Google's add-on trigger limits apply. Default true (this project is one). */
  addOn?: boolean;
}

/** An entry of the manifest's dependencies.enabledAdvancedServices. */
export interface AdvancedService {
  userSymbol: string;
  serviceId: string;
  version: string;
}

/** Runs a script function as one execution with the given arguments (a Bundle registers itself). */
export type ScriptRunner = (functionName: string, args: unknown[]) => unknown;

/** Most trigger runs one move of the clock may make: a loop of runs is a mistake in the test, not a day of work. */
const MAX_RUNS_PER_MOVE = 5000;

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
  /** Installed triggers (ScriptApp) and the runs the clock made of them. */
  readonly triggers = new TriggerTable();
  /** Every email MailApp sent, and the daily quota. */
  readonly outbox = new Outbox();
  /** How a trigger's handler is run; set by the Bundle loaded on this emulator. */
  scriptRunner: ScriptRunner | null = null;
  readonly addOn: boolean;
  /** The advanced services the manifest enables: each is a global of its userSymbol in the next Bundle loaded. */
  advancedServices: readonly AdvancedService[];
  private readonly apisOffInCloudProject: readonly string[];
  /** A time-driven trigger's run is under way. */
  private runningTrigger = false;
  /** The file the script runs in (getActiveSpreadsheet, its document properties); a test may switch it. */
  active: EmuSpreadsheet;
  private readonly timeZone: string;

  constructor(options: EmulatorOptions = {}) {
    if (options.user) this.rt.activeUser = options.user;
    this.timeZone = options.timeZone ?? 'Etc/UTC';
    this.buildDir = options.buildDir ?? join(process.cwd(), 'build');
    const manifest = readManifest(this.buildDir);
    this.rt.scopes = options.scopes !== undefined ? options.scopes : (manifest?.oauthScopes ?? null);
    this.advancedServices = options.advancedServices ?? manifest?.dependencies?.enabledAdvancedServices ?? [];
    this.apisOffInCloudProject = options.apisOffInCloudProject ?? [];
    this.rt.gridsOf = () => gridsOf(this.files.values());
    this.rt.currentFile = () => this.active;
    this.addOn = options.addOn ?? true;
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
        ui: () => {
          // A time-driven run has no user at a screen: Google refuses the Ui with this message (the one scripts log).
          if (this.runningTrigger) throw new GasException('Cannot call SpreadsheetApp.getUi() from this context.');
          return uiService;
        },
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
      ScriptApp: new EmuScriptApp(rt, {
        table: this.triggers,
        scriptTimeZone: this.timeZone,
        addOn: this.addOn,
        currentDocumentId: () => (this.files.has(this.active._id) ? this.active._id : null),
        idOf: (spreadsheet) => (spreadsheet instanceof EmuSpreadsheet ? spreadsheet._id : null),
      }),
      MailApp: new EmuMailApp(rt, this.outbox),
      ...this.advancedGlobals(),
      Charts: new EmuCharts(),
      Logger: { log: (...a: unknown[]) => (log(...a), undefined) },
      console: { log, info: log, warn: log, error: log },
    });
  }

  private advancedGlobals(): Record<string, unknown> {
    const rt = this.rt;
    return Object.fromEntries(
      this.advancedServices.map((service) => {
        if (service.serviceId !== SHEETS_SERVICE.serviceId || service.version !== SHEETS_SERVICE.version)
          throw new EmulatorError(`advanced service ${service.serviceId} ${service.version} is not emulated (only sheets v4)`);
        const sheets = new EmuSheetsService(rt, {
          file: (id) => this.files.get(id),
          // While writes wait, the API sees the grids as they were before the first of them.
          grids: () => (rt.pending.length && rt.gridsBeforeQueue ? (rt.gridsBeforeQueue as Grids) : gridsOf(this.files.values())),
          offInCloudProject: this.apisOffInCloudProject.includes(service.serviceId),
        });
        return [service.userSymbol, sheets];
      }),
    );
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

  /** The emulator's clock, epoch ms: what `new Date()` and TODAY() see. */
  now(): number {
    return this.rt.now();
  }

  /**
   * Moves the clock to `ms` (it then runs on from there). Every time-driven trigger due on the way
   * runs at its time, in order, each as its own execution in AuthMode.FULL as the user who made it,
   * with Google's event object; a handler that throws is recorded as a failed run (Google emails its
   * owner a failure notice), not raised. Returns the runs made. Moving back fires nothing.
   */
  setNow(ms: number): TriggerRun[] {
    const runs: TriggerRun[] = [];
    if (ms < this.rt.now()) {
      this.rt.virtualMs = ms - Date.now();
      return runs;
    }
    for (let due = this.triggers.nextDue(ms); due; due = this.triggers.nextDue(ms)) {
      if (!this.scriptRunner) throw new EmulatorError('no script to run triggers with: load a Bundle on this emulator first');
      if (runs.length >= MAX_RUNS_PER_MOVE)
        throw new EmulatorError(`more than ${MAX_RUNS_PER_MOVE} trigger runs in one move of the clock: move it in smaller steps`);
      // A run overdue when the clock stood still (created in the past) runs now, never back in time.
      const at = Math.max(due.nextRun!, this.rt.now());
      this.rt.virtualMs = at - Date.now();
      due.nextRun = nextRunOf(due.schedule!, due.createdAt, due.nextRun!);
      runs.push(this.runTrigger(due, at));
    }
    this.rt.virtualMs = ms - Date.now();
    return runs;
  }

  /** Moves the clock forward by `ms`, running the triggers due on the way (see setNow). */
  advanceClock(ms: number): TriggerRun[] {
    return this.setNow(this.rt.now() + ms);
  }

  private runTrigger(trigger: InstalledTrigger, at: number): TriggerRun {
    const run: TriggerRun = { uid: trigger.uid, handler: trigger.handler, user: trigger.user, at: new Date(at).toISOString(), status: 'completed' };
    this.triggers.runs.push(run);
    const document = trigger.documentId === null ? null : (this.files.get(trigger.documentId) ?? null);
    if (trigger.documentId !== null && !document) {
      // Assumed: a spreadsheet deleted for good takes its add-on's triggers with it (they never run).
      run.status = 'skipped';
      run.error = 'The spreadsheet this trigger belongs to was deleted.';
      return run;
    }
    // An add-on's time-driven run sees the document it was installed from as the active spreadsheet.
    const previous = this.active;
    if (document) this.active = document;
    this.runningTrigger = true;
    try {
      // Assumed: a user who lost all access to the spreadsheet gets Google's no-access error before the
      // script starts (a viewer's run starts, and its writes fail as any viewer's do).
      if (document && accessOf(document, trigger.user) === null) throw new GasException(NO_ACCESS);
      this.actAs(trigger.user, () => this.scriptRunner!(trigger.handler, [clockEvent(trigger.uid, at)]));
    } catch (e) {
      if (e instanceof EmulatorError) throw e;
      run.status = 'failed';
      // Script errors come from the script's own realm (not instanceof this Error): read their fields.
      const { name, message } = (e ?? {}) as { name?: unknown; message?: unknown };
      run.error = typeof message === 'string' ? (name && name !== 'Error' ? `${String(name)}: ${message}` : message) : String(e);
    } finally {
      this.active = previous;
      this.runningTrigger = false;
    }
    return run;
  }

  /** Raises the `GasException` Apps Script would for a missing file. */
  open(id: string): EmuSpreadsheet {
    const ss = this.files.get(id);
    if (!ss) throw new GasException(`No spreadsheet with id ${id}`);
    return ss;
  }
}

interface Manifest {
  oauthScopes?: string[];
  dependencies?: { enabledAdvancedServices?: AdvancedService[] };
}

function readManifest(buildDir: string): Manifest | null {
  const path = join(buildDir, 'appsscript.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Manifest) : null;
}
