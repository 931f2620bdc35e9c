// Sharing with a coach: the dialog's state, sharing (coach copy or the tracker itself), updating
// the coach copy, and stopping. Callers hold the document lock for every function that writes.

import { cellText } from '../../core/tracker/cells.ts';
import { effectiveRole, grantOps, leftPromoted, revokeOps, type Access, type AccessOp } from '../../core/coach/access.ts';
import { cleanSettings, isShared, sharedColumns } from '../../core/coach/columns.ts';
import { buildCopyTable, contactNames, dashboardValues, FEEDBACK_HEADER, sharesAllNames } from '../../core/coach/copy-table.ts';
import { checkCoachEmail, sameEmail } from '../../core/coach/email.ts';
import { encodePending, feedbackHash, mergeFeedback, type FeedbackBase } from '../../core/coach/feedback.ts';
import { directShareWarning } from '../../core/coach/warning.ts';
import { MAX_CELL_CHARS, thousands, toSheetText } from '../../core/base/text.ts';
import type {
  CoachMode,
  CoachResult,
  CoachRole,
  CoachShareInfo,
  CoachSharingState,
  CoachUpdateResult,
  FeedbackSummary,
  ShareWithCoachInput,
} from '../../shared/coach.ts';
import { googleText, isScopeError, UserError } from '../base/actions.ts';
import { applyAccess, currentAccess } from './access.ts';
import { findDashboard } from '../dashboard/dashboard.ts';
import { findLogSheet } from '../logging/interview-log.ts';
import { createCopy, openCopy, readDashboard, readFeedbackFrom, recordFeedbackIntents, writeCopy, type OpenFailure } from './copy.ts';
import { coachStoreProblem, readCoachStore, readOnlyProperties, writeCoachStore, type CoachRecord, type CoachSettings, type CoachStore } from './store.ts';
import { layoutAfter, requireTrackerSheet } from '../tracker/table.ts';
import { recordText, writeRecord } from '../tracker/store.ts';
import {
  applyFeedbackColumn,
  feedbackColumnTargets,
  feedbackWrites,
  findTracker,
  planFeedbackColumn,
  type FeedbackColumnPlan,
  readTrackerSnapshot,
  writeFeedback,
  type TrackerSnapshot,
} from './tracker.ts';
import { mergeProblem, protectionProblem } from '../tracker/cells.ts';
import { mergedTargetProblem, type CellRange } from '../../core/tracker/cells.ts';
import { columnLetters } from '../../core/base/a1.ts';

type Ss = GoogleAppsScript.Spreadsheet.Spreadsheet;

interface Context {
  ss: Ss;
  props: GoogleAppsScript.Properties.Properties;
  /** The document properties as read once at the start, for finders that only read one (the dashboard's, the log's). */
  read: GoogleAppsScript.Properties.Properties;
  store: CoachStore;
}

function context(): Context {
  const props = PropertiesService.getDocumentProperties();
  const store = readCoachStore(props);
  return { ss: SpreadsheetApp.getActiveSpreadsheet(), props, read: readOnlyProperties(store.all), store };
}

const nowIso = (): string => new Date().toISOString();

// ---- the dialog's state ----

/** The tracker as the dialog lists it: its header row, or why it cannot be read. */
interface TrackerForDialog {
  /** Null when there is no tracker, or when `problem` says why its header row cannot be read. */
  snapshot: TrackerSnapshot | null;
  /** A header row that cannot be found is the user's to fix: the dialog says so, in these words. */
  problem: string | null;
}

/** The tracker's header row for the dialog, read now. */
function trackerForDialog(ctx: Context): TrackerForDialog {
  const found = findTracker(ctx.ss, ctx.props);
  if (!found) return { snapshot: null, problem: null };
  try {
    return { snapshot: readTrackerSnapshot(found, ctx.props, false, ctx.store.record?.feedbackAt), problem: null };
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return { snapshot: null, problem: e.message };
  }
}

/** The tracker as an action already read it. */
const readBy = (t: TrackerSnapshot): TrackerForDialog => ({ snapshot: t, problem: null });

function coachInfo(ctx: Context, record: CoachRecord): CoachShareInfo {
  return {
    email: record.email,
    mode: record.mode,
    role: record.role,
    url: record.mode === 'copy' ? (record.copyUrl ?? '') : ctx.ss.getUrl(),
    sharedAt: record.sharedAt,
    updatedAt: record.updatedAt,
  };
}

/** `tracker`: the tracker as the action already read it, or its header row. */
function stateOf(ctx: Context, record: CoachRecord | null, settings: CoachSettings, tracker: TrackerForDialog): CoachSharingState {
  const { ss } = ctx;
  const t = tracker.snapshot;
  const sheets = ss.getSheets().map((s) => ({ name: s.getName(), hidden: s.isSheetHidden() }));
  const columns = (t?.columns ?? []).map((c) => ({
    id: c.id,
    header: c.header,
    shared: isShared(c, settings),
    private: c.lock === 'never' || settings.private.includes(c.id),
    ...(c.lock ? { lock: c.lock } : {}),
  }));
  const contents = {
    trackerName: ss.getName(),
    sheets,
    privateColumns: columns.filter((c) => c.private).map((c) => c.header),
    columnCount: t ? t.header.filter((h) => cellText(h) !== '').length : 0,
    // The add-on's own log and dashboard, by their IDs: a sheet of the user's may have their names.
    hasInterviewLog: findLogSheet(ss, ctx.read) !== null,
  };
  return {
    trackerName: ss.getName(),
    hasTracker: t !== null || tracker.problem !== null,
    trackerProblem: tracker.problem,
    coach: record ? coachInfo(ctx, record) : null,
    columns,
    directWarning: { viewer: directShareWarning(contents, 'viewer'), editor: directShareWarning(contents, 'editor') },
    hasDashboard: findDashboard(ss, ctx.read) !== null,
  };
}

export function coachSharingState(): CoachSharingState {
  const ctx = context();
  return stateOf(ctx, ctx.store.record, ctx.store.settings, trackerForDialog(ctx));
}

// ---- input ----

interface CheckedInput {
  email: string;
  mode: CoachMode;
  role: CoachRole;
  shared?: unknown;
  private?: unknown;
}

function checkInput(raw: unknown): CheckedInput {
  if (!raw || typeof raw !== 'object') throw new UserError("Enter your coach's email address and choose how to share.");
  const input = raw as Partial<ShareWithCoachInput>;
  const email = checkCoachEmail(input.email);
  if (!email.ok) throw new UserError(email.message);
  const mode = input.mode ?? 'copy';
  if (mode !== 'copy' && mode !== 'direct') throw new UserError('Choose how to share: a coach copy, or this tracker itself.');
  const role = input.role ?? (mode === 'copy' ? 'editor' : 'viewer');
  if (role !== 'viewer' && role !== 'editor') throw new UserError('Choose whether the coach can view or edit.');
  if (mode === 'direct' && input.acknowledged !== true) {
    throw new UserError(
      'Sharing the tracker itself shows your coach everything in it. Read the list of what they will see and tick "I understand" first, or share a coach copy instead.',
    );
  }
  return { email: email.email, mode, role, shared: input.shared, private: input.private };
}

// ---- keeping the coach copy in step ----

interface SyncResult {
  feedback: FeedbackSummary;
  contacts: number;
  hasDashboard: boolean;
  notes: string[];
  /** To store with the share once the action is done (see copyLayout). */
  layout: string;
  /** The tracker's Coach feedback column, 0-based, to remember with the share. */
  feedbackAt: number;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Brings the coach's feedback back into the tracker, then rewrites the coach copy from it.
 * `known`: the copy's layout as the last complete rewrite stored it (see copyLayout).
 */
function syncCopy(ctx: Context, t: TrackerSnapshot, copy: Ss, settings: CoachSettings, known: string | null): SyncResult {
  const idIndex = t.tracker.contactId;
  if (idIndex === undefined)
    throw new UserError('The tracker has no Contact ID column, so feedback cannot be matched to contacts. Run Set up tracker to add it back.');
  const fromCopy = readFeedbackFrom(copy);
  if (!fromCopy.readable) {
    throw new UserError(
      'The coach view\'s Progress sheet has lost its "Contact ID" or "Coach feedback" column header, so the coach\'s feedback cannot be matched to your contacts. Nothing was changed. Put the headers back in the coach view (or restore it from File > Version history there) and try again.',
    );
  }
  // A copy made before the fingerprint column existed: the bases an earlier version kept in properties.
  const lastBases = fromCopy.bases ?? ctx.store.legacyBases;
  const column = planFeedbackColumn(t);
  const feedbackIndex = column.index;
  const top = t.record.headerRow;
  const { rows } = t;
  const summary: FeedbackSummary = { filled: 0, replaced: 0, extended: 0, appended: 0, cleared: 0, orphaned: 0, tooLong: 0 };
  const tooLong: string[] = [];
  const finalText = new Map<string, string>();
  const bases = new Map<string, FeedbackBase>();
  const updates = new Map<number, string>();
  const intents = new Map<string, string>();
  rows.forEach((row, i) => {
    const id = cellText(row[idIndex]);
    if (id === '' || finalText.has(id)) return;
    const trackerText = cellText(row[feedbackIndex]);
    const coachText = fromCopy.feedback.get(id);
    const outcome = mergeFeedback(coachText, trackerText, lastBases.get(id), fromCopy.pending.get(id));
    if (outcome.rule in summary) summary[outcome.rule as keyof FeedbackSummary]++;
    if (outcome.rule === 'tooLong') tooLong.push(id);
    if (outcome.text !== trackerText) {
      updates.set(top + i + 1, toSheetText(outcome.text));
      intents.set(id, encodePending(lastBases.get(id), { base: outcome.base, coachHash: feedbackHash((coachText ?? '').trim()) }));
    }
    finalText.set(id, outcome.copyText ?? outcome.text);
    bases.set(id, outcome.base);
  });
  for (const [id, text] of fromCopy.feedback) {
    if (text !== '' && !finalText.has(id) && feedbackHash(text) !== lastBases.get(id)?.hash) summary.orphaned++;
  }
  const shared = sharedColumns(t.columns, settings);
  // The copy never shows more of a name than the user chose to share: unless every name column is
  // shared, the dashboard's name lists (and any cell naming a contact) are withheld.
  const withholdNames = !sharesAllNames(shared, t.contact);
  const dashboard = readDashboard(findDashboard(ctx.ss, ctx.read), withholdNames);
  // Every tracker cell this writes is checked before the first write: nothing is written when one cannot be.
  const runs = feedbackWrites(t, feedbackIndex, updates);
  // A header written under a merge would show across the first contacts' rows; feedback, be
  // hidden (or shown on the merge's other rows).
  const targets = [...feedbackColumnTargets(t, column), ...[...updates.keys()].map((row) => ({ row, column: feedbackIndex + 1, numRows: 1, numColumns: 1 }))];
  const merged = feedbackMergeProblem(t, column, targets);
  if (merged) throw new UserError(`${merged} ${column.add ? 'The Coach feedback column could not be added; the' : 'The'} coach view was not updated.`);
  // Every cell written, the ones rewritten as they were between two updates included, and the
  // header cell that gets a note.
  const written = [
    ...(column.add || column.tag ? [{ row: t.record.headerRow, column: feedbackIndex + 1, numRows: 1, numColumns: 1 }] : []),
    ...runs.map((run) => ({ row: run.first, column: feedbackIndex + 1, numRows: run.values.length, numColumns: 1 })),
  ];
  const place = (cell: { row: number; column: number }) => `Coach feedback (${columnLetters(cell.column)}${cell.row})`;
  const protectedCell = protectionProblem(t.sheet, written, place);
  if (protectedCell) throw new UserError(`${protectedCell} Nothing was changed, here or in the coach view.`);

  // What the tracker is about to get is recorded in the coach view first (see mergeFeedback): the
  // first write, so a coach view this user may not edit is refused before anything changes.
  copyWrite(copy, () => recordFeedbackIntents(fromCopy, intents));
  applyFeedbackColumn(t, column);
  writeFeedback(t, feedbackIndex, runs);

  const referredBy = t.tracker.referredBy;
  const table = buildCopyTable(
    { rows, formats: t.grid.formats.slice(top), contactIdIndex: idIndex, referredByIndex: referredBy ?? null, contact: t.contact },
    shared,
    finalText,
    bases,
  );
  const withhold = dashboard && withholdNames ? { names: contactNames(rows, t.contact), trackerSheet: t.sheet.getName() } : null;
  const ownerLabel = () => {
    const owner = ctx.ss.getOwner()?.getEmail();
    return owner ? `The tracker's owner (${owner})` : "The tracker's owner";
  };
  const layout = copyWrite(copy, () =>
    writeCopy(
      copy,
      fromCopy,
      table,
      dashboard && { ...dashboard, values: dashboardValues(dashboard.values, dashboard.formulas, withhold) },
      ctx.ss.getSpreadsheetTimeZone(),
      ownerLabel,
      known,
    ),
  );

  rememberTrackerLayout(ctx, t, column);

  const notes: string[] = [];
  if (table.withoutId)
    notes.push(
      `${plural(table.withoutId, 'row')} without a Contact ID ${table.withoutId === 1 ? 'was' : 'were'} left out: run Set up tracker to give ${table.withoutId === 1 ? 'it an ID' : 'them IDs'} (first clear any Contact ID cell holding text that is not an ID).`,
    );
  if (tooLong.length) {
    const more = tooLong.length > 10 ? ` and ${tooLong.length - 10} more` : '';
    notes.push(
      `The coach's feedback on ${tooLong.slice(0, 10).join(', ')}${more} was not brought back: with the text already in your Coach feedback cell it would pass the ${thousands(MAX_CELL_CHARS)} characters a cell holds, and the add-on cuts nothing. It stays in the coach view; shorten or move your text in that cell, then update again.`,
    );
  }
  if (table.duplicateIds.length)
    notes.push(`Contact IDs used on more than one row (only the first row was shared): ${table.duplicateIds.slice(0, 10).join(', ')}.`);
  return { feedback: summary, contacts: table.rows.length, hasDashboard: dashboard !== null, notes, layout, feedbackAt: feedbackIndex };
}

/**
 * The tracker's column places as they are now, Coach feedback included, saved when they differ
 * from the ones remembered: the tracker was read as by an action that may add a column (so not
 * saved then), and without this every later read would walk the column metadata again.
 */
function rememberTrackerLayout(ctx: Context, t: TrackerSnapshot, column: FeedbackColumnPlan): void {
  const header = Array.from({ length: Math.max(t.header.length, column.index + 1) }, (_, i) => t.header[i] ?? '');
  header[column.index] = column.add ? FEEDBACK_HEADER : header[column.index];
  const record = { ...t.record, layout: layoutAfter(t, {}, header) };
  if (recordText(record) !== recordText(t.record)) writeRecord(ctx.props, record);
}

/**
 * Why a target in the Coach feedback column lies under merged cells, or null: the merges of the
 * column's rows from the first target to the last, in one read (the cells lie in the grid as read).
 * A column still to be added may lie beyond the grid: mergeProblem checks that case.
 */
function feedbackMergeProblem(t: TrackerSnapshot, column: FeedbackColumnPlan, targets: readonly CellRange[]): string | null {
  if (!targets.length) return null;
  if (column.add) return mergeProblem(t.sheet, targets);
  // Not Math.min(...): the coach may have written on tens of thousands of contacts.
  const top = targets.reduce((min, c) => Math.min(min, c.row), Infinity);
  const bottom = targets.reduce((max, c) => Math.max(max, c.row + c.numRows - 1), 0);
  const merged = t.sheet
    .getRange(top, column.index + 1, bottom - top + 1, 1)
    .getMergedRanges()
    .map((r) => ({ row: r.getRow(), column: r.getColumn(), numRows: r.getNumRows(), numColumns: r.getNumColumns() }));
  return mergedTargetProblem(targets, merged);
}

/**
 * The coach view is protected for everyone but its owner (see protectProgress): another editor of
 * the tracker who runs the update is told so in words, not with Google's "protected cell" error.
 * Its first write comes before any write to the tracker when there is feedback to bring back.
 */
function copyWrite<T>(copy: Ss, write: () => T): T {
  try {
    return write();
  } catch (e) {
    if (!/protected cell or object/i.test(googleText(e))) throw e;
    const owner = copy.getOwner()?.getEmail();
    throw new UserError(
      `Only the owner of the coach view${owner ? ` (${owner})` : ''} can update it: the add-on protects it for everyone else. Ask them to choose Update coach view.`,
    );
  }
}

function describeFeedback(f: FeedbackSummary): string {
  const parts: string[] = [];
  const back = f.filled + f.replaced + f.extended + f.appended;
  if (back) parts.push(`Brought back the coach's feedback on ${plural(back, 'contact')}.`);
  if (f.appended)
    parts.push(`On ${plural(f.appended, 'contact')} you had typed in Coach feedback yourself: your text was kept and the coach's added below it.`);
  if (f.cleared) parts.push(`The coach emptied ${plural(f.cleared, 'cell')}; the tracker kept its text.`);
  if (f.orphaned) parts.push(`Feedback on ${plural(f.orphaned, 'contact')} no longer in the tracker could not be brought back.`);
  return parts.join(' ');
}

// ---- what to say when Google refuses ----

const whatOf = (share: CoachRecord) => (share.mode === 'copy' ? 'the coach view' : 'this spreadsheet');
const article = (access: Access) => (access === 'editor' ? 'an editor' : 'a viewer');

/** Why the coach view could not be opened, and what the user can do, for Stop, Update or Share. */
function cannotOpen(share: CoachRecord, reason: OpenFailure, detail: string, doing: 'stop' | 'update'): string {
  const where = share.copyUrl ? `the coach view (${share.copyUrl})` : 'the coach view';
  const removeByHand = `To take it back yourself: open ${where}, click Share and remove ${share.email}; then choose Stop sharing with coach again and let the add-on forget them.`;
  if (reason === 'gone')
    return 'The coach view was deleted, so there is nothing to update. Choose Stop sharing with coach, then Share with coach… to make a new one.';
  if (reason === 'scope') {
    return doing === 'stop'
      ? `The add-on is no longer allowed to open your other spreadsheets (its permission to see and edit your spreadsheets was removed), so it could not take back ${share.email}'s access to the coach view: they can still open it. ${removeByHand} Or give the add-on that permission back and choose Stop sharing with coach again.`
      : 'The add-on is no longer allowed to open your other spreadsheets (its permission to see and edit your spreadsheets was removed), so it cannot update the coach view. Give it that permission back, or choose Stop sharing with coach.';
  }
  if (reason === 'denied') {
    const lost = `Google would not let the add-on open ${where}: you may no longer have access to it, or it may now belong to someone else. ${share.email} may still be able to open it.`;
    return doing === 'stop'
      ? `${lost} ${removeByHand.replace('click Share', 'click Share (or ask its owner to)')}`
      : `${lost} Choose Stop sharing with coach, then Share with coach… to make a new one.`;
  }
  return `The coach view could not be opened just now (Google said: “${detail}”). Nothing was changed: try again in a moment.`;
}

/**
 * Records `share` as the current share (the earlier ones as `pending`), then gives it access with
 * `ops`. Access given cannot be read back as "given by the add-on": recorded first, a retry or a
 * Stop after an execution that died right after giving it still knows what the coach had before.
 * Google's refusal (a domain that blocks outside sharing) puts the record back as it was and
 * becomes a clear message.
 */
function giveAccess(
  ctx: Context,
  target: Ss,
  share: CoachRecord,
  ops: readonly AccessOp[],
  stored: { pending: readonly CoachRecord[]; settings: CoachSettings; settingsBefore: CoachSettings; dropLegacyBases?: boolean },
  what: string,
  after: string,
): void {
  const { record: recordBefore, pending: pendingBefore } = ctx.store;
  writeCoachStore(ctx.props, ctx.store, { record: share, pending: stored.pending, settings: stored.settings, dropLegacyBases: stored.dropLegacyBases });
  try {
    applyAccess(target, share.email, ops);
  } catch (e) {
    if (isScopeError(e)) throw e;
    writeCoachStore(ctx.props, ctx.store, { record: recordBefore, pending: pendingBefore, settings: stored.settingsBefore });
    throw new UserError(
      `Google did not let the add-on share ${what} with ${share.email}: “${googleText(e)}”. If your Google account belongs to a school or an organization, its administrator may not allow sharing outside it: ask them, or use an address they allow. ${after}`,
    );
  }
}

// ---- taking access back ----

type RevokeOutcome = { kind: 'revoked'; kept: Access; leftEditor: boolean } | { kind: 'gone' } | { kind: 'failed'; message: string };

/** Takes back the access the add-on gave with `share`. Only a coach view deleted for good counts as gone. */
function revoke(ctx: Context, share: CoachRecord): RevokeOutcome {
  let target = ctx.ss;
  if (share.mode === 'copy') {
    if (!share.copyId) return { kind: 'gone' };
    const opened = openCopy(share.copyId);
    if (!opened.ok) return opened.reason === 'gone' ? { kind: 'gone' } : { kind: 'failed', message: cannotOpen(share, opened.reason, opened.detail, 'stop') };
    target = opened.copy;
  }
  try {
    const current = currentAccess(target, share.email);
    applyAccess(target, share.email, revokeOps(current, share.before));
    return { kind: 'revoked', kept: current === 'owner' ? 'owner' : share.before, leftEditor: leftPromoted(current, share.before) };
  } catch (e) {
    if (isScopeError(e)) throw e;
    return {
      kind: 'failed',
      message: `Google did not let the add-on take back ${share.email}'s access to ${whatOf(share)}: “${googleText(e)}”. Remove them under Share yourself, then choose Stop sharing with coach again.`,
    };
  }
}

function revokedLines(share: CoachRecord, outcome: Exclude<RevokeOutcome, { kind: 'failed' }>): string[] {
  if (outcome.kind === 'gone') return [`The coach view shared with ${share.email} was deleted, so nobody can open it any more: the add-on has forgotten it.`];
  const what = whatOf(share);
  if (outcome.leftEditor) {
    return [
      `${share.email} is still an editor of ${what}. They could already view or comment on it before the add-on made them an editor, and Apps Script cannot tell a viewer from a commenter, so the add-on left them an editor rather than risk taking their comments away: open Share and set them back to Viewer or Commenter.`,
    ];
  }
  return [
    `${share.email} no longer has the access the add-on gave them to ${what}.`,
    outcome.kept !== 'none' ? `They keep the ${outcome.kept === 'owner' ? 'ownership' : `${outcome.kept} access`} they had before.` : '',
    share.mode === 'copy' ? 'The coach view stays in your Google Drive: delete it there if you no longer need it.' : '',
  ].filter(Boolean);
}

// ---- sharing ----

interface Granted {
  record: CoachRecord;
  settings: CoachSettings;
  lines: string[];
  changed: boolean;
  snapshot?: TrackerSnapshot;
  feedback?: FeedbackSummary;
}

/** Room for a copy's id and address, longer than Google's (44 characters, and its URL). */
const ID_ROOM = 'x'.repeat(100);

/**
 * Refuses, in plain words and before anything is created or shared, a share whose record would
 * not fit in document properties (sizes as Google counts them): a write refused by Google after
 * the copy was made would leave it unremembered.
 */
function requireRoom(ctx: Context, input: CheckedInput, settings: CoachSettings, pending: readonly CoachRecord[]): void {
  const copy = input.mode === 'copy';
  const record: CoachRecord = {
    email: input.email,
    mode: input.mode,
    role: input.role,
    before: 'viewer',
    copyId: copy ? ID_ROOM : null,
    copyUrl: copy ? `https://docs.google.com/spreadsheets/d/${ID_ROOM}/edit` : null,
    sharedAt: nowIso(),
    updatedAt: nowIso(),
  };
  // The chunks an earlier version kept are deleted on the way (rememberNewCopy, or after the copy is written).
  const problem = coachStoreProblem(ctx.store, {
    record,
    pending,
    settings: copy ? { ...settings, lastCopy: { id: ID_ROOM, email: input.email, unshared: true } } : settings,
    dropLegacyBases: copy,
  });
  if (problem) throw new UserError(problem);
}

/**
 * Remembers a copy just made, so that trying again after any later failure reuses it. The write
 * was checked to fit (requireRoom); a passing service error is tried once more.
 */
function rememberNewCopy(ctx: Context, settings: CoachSettings, copy: Ss): void {
  // The fingerprints an earlier version kept describe another copy: they make room if it is needed.
  const update = { settings, dropLegacyBases: coachStoreProblem(ctx.store, { settings }) !== null };
  try {
    writeCoachStore(ctx.props, ctx.store, update);
  } catch (first) {
    if (isScopeError(first)) throw first;
    try {
      writeCoachStore(ctx.props, ctx.store, update);
    } catch (e) {
      throw new UserError(
        `A new coach view, “${copy.getName()}”, was made in your Drive (${copy.getUrl()}), but the add-on could not remember it (Google said: “${googleText(e)}”). It is shared with nobody: delete it from your Drive, then try again.`,
      );
    }
  }
}

function grantDirect(ctx: Context, input: CheckedInput, prior: CoachRecord | null, pending: readonly CoachRecord[]): Granted {
  requireRoom(ctx, input, ctx.store.settings, pending);
  const current = currentAccess(ctx.ss, input.email);
  const before = prior?.before ?? current;
  const ops = grantOps(current, input.role, before);
  const role = effectiveRole(current, input.role, before);
  const record: CoachRecord = {
    email: input.email,
    mode: 'direct',
    role: input.role,
    before,
    copyId: null,
    copyUrl: null,
    sharedAt: prior?.sharedAt ?? nowIso(),
    updatedAt: null,
  };
  const settings = ctx.store.settings;
  giveAccess(ctx, ctx.ss, record, ops, { pending, settings, settingsBefore: settings }, 'this spreadsheet', 'Nothing was changed.');
  const stays = role !== input.role ? ` ${input.email} already had editor access for another reason, so they stay an editor.` : '';
  const lines = [
    ops.length
      ? `${input.email} can now open this spreadsheet as ${article(input.role)}. Google emails them a link.${stays}`
      : before === 'none'
        ? `${input.email} can open this spreadsheet as ${article(role)}, the access the add-on gave them: nothing changed.`
        : `${input.email} already has access to this spreadsheet as ${article(role)}: nothing changed.${stays}`,
    ops.includes('addEditor') && before === 'viewer'
      ? `${input.email} could already view or comment on it. Apps Script cannot tell which, so Stop sharing with coach will leave them an editor (rather than risk taking their comments away): you would set them back yourself under Share.`
      : '',
  ];
  return { record, settings, lines, changed: ops.length > 0 || prior === null };
}

/** Whether anyone but its owner can open `copy`. */
function sharedWithAnyone(copy: Ss): boolean {
  const owner = copy.getOwner()?.getEmail();
  return copy.getViewers().length > 0 || copy.getEditors().some((u) => !sameEmail(u.getEmail(), owner));
}

function grantCopy(ctx: Context, input: CheckedInput, prior: CoachRecord | null, pending: readonly CoachRecord[]): Granted {
  // Everything that can fail for want of a tracker or a readable copy fails here, before any access changes.
  const t = readTrackerSnapshot(requireTrackerSheet(ctx.ss, ctx.props), ctx.props, true, ctx.store.record?.feedbackAt);
  const previous = ctx.store.settings;
  let settings: CoachSettings = { ...cleanSettings(t.columns, { shared: input.shared, private: input.private }, previous), lastCopy: previous.lastCopy };
  requireRoom(ctx, input, settings, pending);
  const last = previous.lastCopy;
  // A copy once shared with a coach keeps their edits in its version history: only they get it again.
  const reuseId = prior?.copyId ?? (last && (sameEmail(last.email, input.email) || last.unshared) ? last.id : null);
  const opened = reuseId ? openCopy(reuseId) : null;
  // Checked, not only trusted: a store write lost after Google granted access would leave the flag.
  const forAnother = !prior && last !== null && !sameEmail(last.email, input.email);
  let copy: Ss;
  if (opened?.ok && !(forAnother && sharedWithAnyone(opened.copy))) copy = opened.copy;
  else {
    // A coach view that exists but cannot be opened may still be shared: never make a second one beside it.
    if (opened && !opened.ok && opened.reason !== 'gone' && prior) throw new UserError(cannotOpen(prior, opened.reason, opened.detail, 'update'));
    copy = createCopy(ctx.ss.getName());
    // Remembered at once: if anything below fails, trying again reuses this copy instead of making another.
    settings = { ...settings, lastCopy: { id: copy.getId(), email: input.email, unshared: true } };
    rememberNewCopy(ctx, settings, copy);
  }
  // Content first: the coach is never given a half-written copy.
  const sync = syncCopy(ctx, t, copy, settings, prior && prior.copyId === copy.getId() ? (prior.copyLayout ?? null) : null);
  const unshared = settings.lastCopy?.id === copy.getId() && settings.lastCopy.unshared === true;
  const settingsBefore = { ...settings, lastCopy: { id: copy.getId(), email: input.email, ...(unshared ? { unshared } : {}) } };
  const current = currentAccess(copy, input.email);
  // What the coach had before the add-on is known for the copy the prior share used; a new copy is new.
  const before = prior && prior.copyId === copy.getId() ? prior.before : current;
  const ops = grantOps(current, input.role, before);
  settings = { ...settings, lastCopy: { id: copy.getId(), email: input.email } };
  const record: CoachRecord = {
    email: input.email,
    mode: 'copy',
    role: input.role,
    before,
    copyId: copy.getId(),
    copyUrl: copy.getUrl(),
    sharedAt: prior?.sharedAt ?? nowIso(),
    updatedAt: nowIso(),
    copyLayout: sync.layout,
    feedbackAt: sync.feedbackAt,
  };
  giveAccess(
    ctx,
    copy,
    record,
    ops,
    // The copy now holds the feedback fingerprints: the ones an earlier version stored go.
    { pending, settings, settingsBefore, dropLegacyBases: true },
    `“${copy.getName()}”`,
    'The coach view is ready in your Drive, unshared: trying again reuses it.',
  );
  const shared = sharedColumns(t.columns, settings).map((c) => c.header);
  const lines = [
    ops.length
      ? `Shared “${copy.getName()}” with ${input.email} as ${article(input.role)}: ${plural(sync.contacts, 'contact')}, the columns ${shared.join(', ')} and Coach feedback${sync.hasDashboard ? ', and the dashboard figures' : ''}, as values. Google emails them a link.`
      : `Updated “${copy.getName()}” for ${input.email}: ${plural(sync.contacts, 'contact')}, the columns ${shared.join(', ')} and Coach feedback.`,
    input.role === 'viewer' ? 'As a viewer the coach cannot type in Coach feedback; share as editor (of the copy only) to let them.' : '',
    describeFeedback(sync.feedback),
    ...sync.notes,
  ];
  return { record, settings, lines, changed: true, snapshot: t, feedback: sync.feedback };
}

/** Whether the coach can open the tracker itself, said plainly (they may have been given it by hand). */
function trackerAccessLine(ctx: Context, email: string): string {
  const access = currentAccess(ctx.ss, email);
  if (access === 'none') return 'They cannot open your tracker.';
  return `Note: ${email} can also open your tracker itself, as ${article(access)}, through its own Share settings: the coach copy does not change that. Remove them there if they should see only the copy.`;
}

/**
 * One coach, one way of sharing. The new share is prepared (validated, copy written) and granted
 * first; only then is the old access (another coach, or the other mode) taken back, so a failure
 * never leaves the coach with neither. The store is true after every step: the new share is
 * recorded with the old one as pending, and the pending list shrinks as access is taken back; what
 * cannot be taken back yet stays pending for the next share or Stop.
 */
export function shareWithCoachNow(raw: unknown): CoachResult {
  const input = checkInput(raw);
  const ctx = context();
  if (sameEmail(ctx.ss.getOwner()?.getEmail(), input.email)) {
    throw new UserError(`${input.email} owns this spreadsheet and already sees everything in it. Enter your coach's address.`);
  }
  const { record, pending } = ctx.store;
  const matches = (r: CoachRecord) => sameEmail(r.email, input.email) && r.mode === input.mode;
  const prior = record && matches(record) ? record : (pending.find(matches) ?? null);
  const leftover = [...pending.filter((r) => r !== prior), ...(record && record !== prior ? [record] : [])];

  // Recorded (the earlier shares as pending) before access is given: see giveAccess.
  const granted = input.mode === 'direct' ? grantDirect(ctx, input, prior, leftover) : grantCopy(ctx, input, prior, leftover);

  const notes: string[] = [];
  const still: CoachRecord[] = [];
  for (const old of leftover) {
    const outcome = revoke(ctx, old);
    if (outcome.kind === 'failed') {
      still.push(old);
      notes.push(`The add-on could not take back ${old.email}'s access to ${whatOf(old)} yet: ${outcome.message}`);
    } else notes.push(...revokedLines(old, outcome));
  }
  if (still.length !== leftover.length) writeCoachStore(ctx.props, ctx.store, { pending: still });

  const lines = [...granted.lines];
  if (input.mode === 'copy') lines.splice(1, 0, trackerAccessLine(ctx, input.email));
  const message = [...lines, ...notes].filter(Boolean).join('\n');
  return {
    ok: true,
    changed: granted.changed || leftover.length > 0,
    message,
    state: stateOf(ctx, granted.record, granted.settings, granted.snapshot ? readBy(granted.snapshot) : trackerForDialog(ctx)),
    ...(granted.feedback ? { feedback: granted.feedback } : {}),
  };
}

export function updateCoachViewNow(): CoachUpdateResult {
  const ctx = context();
  const record = ctx.store.record;
  if (!record) throw new UserError('The tracker is not shared with a coach yet. Choose Share with coach… first.');
  if (record.mode !== 'copy') throw new UserError(`${record.email} sees the tracker itself, so there is no coach view to update: they always see it as it is.`);
  const opened = record.copyId ? openCopy(record.copyId) : ({ ok: false, reason: 'gone', detail: '' } as const);
  if (!opened.ok) throw new UserError(cannotOpen(record, opened.reason, opened.detail, 'update'));
  const t = readTrackerSnapshot(requireTrackerSheet(ctx.ss, ctx.props), ctx.props, true, ctx.store.record?.feedbackAt);
  const sync = syncCopy(ctx, t, opened.copy, ctx.store.settings, record.copyLayout ?? null);
  // Last: the layout stored says the whole rewrite is done.
  const next = { ...record, updatedAt: nowIso(), copyLayout: sync.layout, feedbackAt: sync.feedbackAt };
  writeCoachStore(ctx.props, ctx.store, { record: next, dropLegacyBases: true });
  const message = [
    `Updated the coach view for ${record.email}: ${plural(sync.contacts, 'contact')}.`,
    describeFeedback(sync.feedback) || (sync.feedback.tooLong ? '' : 'No new feedback from the coach.'),
    ...sync.notes,
  ]
    .filter(Boolean)
    .join('\n');
  return { ok: true, changed: true, message, coach: coachInfo(ctx, next), feedback: sync.feedback };
}

/**
 * Takes back the access the add-on gave (the current share and any still pending). A share whose
 * access cannot be taken back is kept, and the user told what to do, unless `forget` (the user
 * says they removed the coach themselves).
 */
export function stopSharingWithCoachNow(options?: { forget?: boolean }): CoachResult {
  const ctx = context();
  const { record, pending } = ctx.store;
  const shares = [...(record ? [record] : []), ...pending];
  if (!shares.length)
    return {
      ok: true,
      changed: false,
      message: 'The tracker is not shared with a coach: there is nothing to stop.',
      state: stateOf(ctx, null, ctx.store.settings, trackerForDialog(ctx)),
    };
  const forget = options?.forget === true;
  const lines: string[] = [];
  const failures: string[] = [];
  const kept: CoachRecord[] = [];
  for (const share of shares) {
    const outcome = revoke(ctx, share);
    if (outcome.kind !== 'failed') lines.push(...revokedLines(share, outcome));
    else if (forget)
      lines.push(
        `The add-on has forgotten ${share.email} without being able to check ${whatOf(share)}: make sure under Share that they no longer have access.`,
      );
    else {
      failures.push(outcome.message);
      kept.push(share);
    }
  }
  const nextRecord = record && kept.includes(record) ? record : null;
  // Sharing again with the same coach reuses their copy.
  const settings: CoachSettings =
    record && !nextRecord && record.mode === 'copy' && record.copyId
      ? { ...ctx.store.settings, lastCopy: { id: record.copyId, email: record.email } }
      : ctx.store.settings;
  writeCoachStore(ctx.props, ctx.store, { record: nextRecord, pending: kept.filter((s) => s !== record), settings });
  if (failures.length) return { ok: false, message: [...lines, ...failures].join('\n'), canForget: true };
  return { ok: true, changed: true, message: lines.join('\n'), state: stateOf(ctx, null, settings, trackerForDialog(ctx)) };
}
/** For the menu's confirmation question: who the tracker is shared with now. */
export function currentCoach(): CoachRecord | null {
  return readCoachStore(PropertiesService.getDocumentProperties()).record;
}
