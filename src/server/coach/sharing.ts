// Sharing with a coach: the dialog's state, sharing (coach copy or the tracker itself), updating
// the coach copy, and stopping. Callers hold the document lock for every function that writes.

import { cellText } from '../../core/cells.ts';
import { effectiveRole, grantOps, revokeOps, type Access } from '../../core/coach/access.ts';
import { cleanSettings, isShared, sharedColumns } from '../../core/coach/columns.ts';
import { buildCopyTable, contactNames, dashboardValues, sharesNames } from '../../core/coach/copy-table.ts';
import { checkCoachEmail, sameEmail } from '../../core/coach/email.ts';
import { feedbackHash, mergeFeedback, type FeedbackBase } from '../../core/coach/feedback.ts';
import { directShareWarning } from '../../core/coach/warning.ts';
import { LOG_SHEET_NAME } from '../../core/interview-log.ts';
import { toSheetText } from '../../core/text.ts';
import type { CoachMode, CoachResult, CoachRole, CoachSharingState, FeedbackSummary, ShareWithCoachInput } from '../../shared/coach.ts';
import { UserError } from '../actions.ts';
import { applyAccess, currentAccess } from './access.ts';
import { createCopy, DASHBOARD_SHEET, openCopy, readDashboard, readFeedbackFrom, writeCopy } from './copy.ts';
import { readCoachStore, writeCoachStore, type CoachRecord, type CoachSettings, type CoachStore } from './store.ts';
import { ensureFeedbackColumn, findTracker, readTrackerSnapshot, requireTracker, writeFeedback, type TrackerSnapshot } from './tracker.ts';

type Ss = GoogleAppsScript.Spreadsheet.Spreadsheet;

interface Context {
  ss: Ss;
  props: GoogleAppsScript.Properties.Properties;
  store: CoachStore;
}

function context(): Context {
  const props = PropertiesService.getDocumentProperties();
  return { ss: SpreadsheetApp.getActiveSpreadsheet(), props, store: readCoachStore(props) };
}

const nowIso = (): string => new Date().toISOString();

// ---- the dialog's state ----

/** `snapshot`: the tracker as the action already read it (saves reading it again). */
function stateOf(ctx: Context, record: CoachRecord | null, settings: CoachSettings, snapshot?: TrackerSnapshot): CoachSharingState {
  const { ss } = ctx;
  const found = snapshot ? null : findTracker(ss, ctx.props);
  const t = snapshot ?? (found ? readTrackerSnapshot(found, false) : null);
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
    hasInterviewLog: sheets.some((s) => s.name === LOG_SHEET_NAME),
  };
  return {
    trackerName: ss.getName(),
    hasTracker: t !== null,
    coach: record
      ? { email: record.email, mode: record.mode, role: record.role, url: record.mode === 'copy' ? (record.copyUrl ?? '') : ss.getUrl(), sharedAt: record.sharedAt, updatedAt: record.updatedAt }
      : null,
    columns,
    directWarning: { viewer: directShareWarning(contents, 'viewer'), editor: directShareWarning(contents, 'editor') },
    hasDashboard: sheets.some((s) => s.name === DASHBOARD_SHEET),
  };
}

export function coachSharingState(): CoachSharingState {
  const ctx = context();
  return stateOf(ctx, ctx.store.record, ctx.store.settings);
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
    throw new UserError('Sharing the tracker itself shows your coach everything in it. Read the list of what they will see and tick "I understand" first, or share a coach copy instead.');
  }
  return { email: email.email, mode, role, shared: input.shared, private: input.private };
}

// ---- keeping the coach copy in step ----

interface SyncResult {
  feedback: FeedbackSummary;
  bases: Map<string, FeedbackBase>;
  contacts: number;
  hasDashboard: boolean;
  notes: string[];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Brings the coach's feedback back into the tracker, then rewrites the coach copy from it. */
function syncCopy(ctx: Context, t: TrackerSnapshot, copy: Ss, settings: CoachSettings): SyncResult {
  const idIndex = t.tracker.contactId;
  if (idIndex === undefined) throw new UserError('The tracker has no Contact ID column, so feedback cannot be matched to contacts. Run Set up tracker to add it back.');
  const fromCopy = readFeedbackFrom(copy);
  if (!fromCopy.readable) {
    throw new UserError(
      'The coach view\'s Progress sheet has lost its "Contact ID" or "Coach feedback" column header, so the coach\'s feedback cannot be matched to your contacts. Nothing was changed. Put the headers back in the coach view (or restore it from File > Version history there) and try again.',
    );
  }
  const feedbackIndex = ensureFeedbackColumn(t);
  const top = t.record.headerRow;
  const rows = t.values.slice(top);
  const summary: FeedbackSummary = { filled: 0, replaced: 0, extended: 0, appended: 0, cleared: 0, orphaned: 0 };
  const finalText = new Map<string, string>();
  const bases = new Map<string, FeedbackBase>();
  const updates = new Map<number, string>();
  rows.forEach((row, i) => {
    const id = cellText(row[idIndex]);
    if (id === '' || finalText.has(id)) return;
    const trackerText = cellText(row[feedbackIndex]);
    const outcome = mergeFeedback(fromCopy.feedback.get(id), trackerText, ctx.store.bases.get(id));
    if (outcome.rule in summary) summary[outcome.rule as keyof FeedbackSummary]++;
    if (outcome.text !== trackerText) updates.set(top + i + 1, toSheetText(outcome.text));
    finalText.set(id, outcome.text);
    bases.set(id, outcome.base);
  });
  for (const [id, text] of fromCopy.feedback) {
    if (text !== '' && !finalText.has(id) && feedbackHash(text) !== ctx.store.bases.get(id)?.hash) summary.orphaned++;
  }
  writeFeedback(t, feedbackIndex, updates);

  const referredBy = t.tracker.referredBy;
  const shared = sharedColumns(t.columns, settings);
  const table = buildCopyTable({ rows, formats: t.formats.slice(top), contactIdIndex: idIndex, referredByIndex: referredBy ?? null, contact: t.contact }, shared, finalText);
  const dashboard = readDashboard(ctx.ss);
  const withhold = dashboard && !sharesNames(shared) ? contactNames(rows, t.contact) : new Set<string>();
  const owner = ctx.ss.getOwner()?.getEmail();
  writeCopy(copy, table, dashboard && { ...dashboard, values: dashboardValues(dashboard.values, withhold) }, ctx.ss.getSpreadsheetTimeZone(), owner ? `The tracker's owner (${owner})` : "The tracker's owner");

  const notes: string[] = [];
  if (table.withoutId) notes.push(`${plural(table.withoutId, 'row')} without a Contact ID ${table.withoutId === 1 ? 'was' : 'were'} left out: run Set up tracker to give ${table.withoutId === 1 ? 'it an ID' : 'them IDs'}.`);
  if (table.duplicateIds.length) notes.push(`Contact IDs used on more than one row (only the first row was shared): ${table.duplicateIds.slice(0, 10).join(', ')}.`);
  return { feedback: summary, bases, contacts: table.rows.length, hasDashboard: dashboard !== null, notes };
}

function describeFeedback(f: FeedbackSummary): string {
  const parts: string[] = [];
  const back = f.filled + f.replaced + f.extended + f.appended;
  if (back) parts.push(`Brought back the coach's feedback on ${plural(back, 'contact')}.`);
  if (f.appended) parts.push(`On ${plural(f.appended, 'contact')} you had typed in Coach feedback yourself: your text was kept and the coach's added below it.`);
  if (f.cleared) parts.push(`The coach emptied ${plural(f.cleared, 'cell')}; the tracker kept its text.`);
  if (f.orphaned) parts.push(`Feedback on ${plural(f.orphaned, 'contact')} no longer in the tracker could not be brought back.`);
  return parts.join(' ');
}

// ---- sharing and stopping ----

/** Takes back the access the add-on gave. Returns false when the coach copy could not be opened. */
function revoke(ctx: Context, record: CoachRecord): { opened: boolean; kept: Access } {
  const target = record.mode === 'direct' ? ctx.ss : record.copyId ? openCopy(record.copyId) : null;
  if (!target) return { opened: false, kept: 'none' };
  const current = currentAccess(target, record.email);
  applyAccess(target, record.email, revokeOps(current, record.before));
  return { opened: true, kept: current === 'owner' ? 'owner' : record.before };
}

function shareDirect(ctx: Context, input: CheckedInput, record: CoachRecord | null, settings: CoachSettings): CoachResult {
  const current = currentAccess(ctx.ss, input.email);
  const before = record?.before ?? current;
  const ops = grantOps(current, input.role, before);
  applyAccess(ctx.ss, input.email, ops);
  const role = effectiveRole(current, input.role, before);
  const next: CoachRecord = { email: input.email, mode: 'direct', role: input.role, before, copyId: null, copyUrl: null, sharedAt: record?.sharedAt ?? nowIso(), updatedAt: null };
  writeCoachStore(ctx.props, ctx.store, { record: next, settings });
  const stays = role !== input.role ? ` ${input.email} already had editor access for another reason, so they stay an editor.` : '';
  const message = ops.length
    ? `${input.email} can now open this spreadsheet as ${input.role === 'editor' ? 'an editor' : 'a viewer'}. Google emails them a link.${stays}`
    : `${input.email} already has access to this spreadsheet as ${role === 'editor' ? 'an editor' : 'a viewer'}: nothing changed.${stays}`;
  return { ok: true, changed: ops.length > 0 || record === null, message, state: stateOf(ctx, next, settings) };
}

function shareCopy(ctx: Context, input: CheckedInput, record: CoachRecord | null, previous: CoachSettings): CoachResult {
  const t = readTrackerSnapshot(requireTracker(ctx.ss, ctx.props), true);
  const settings: CoachSettings = { ...cleanSettings(t.columns, { shared: input.shared, private: input.private }, previous), lastCopy: previous.lastCopy };
  const reuseId = record?.copyId ?? (previous.lastCopy && sameEmail(previous.lastCopy.email, input.email) ? previous.lastCopy.id : null);
  const reused = reuseId ? openCopy(reuseId) : null;
  const copy = reused ?? createCopy(ctx.ss.getName());
  // Content first: the coach is never given a half-written copy.
  const sync = syncCopy(ctx, t, copy, settings);
  const current = currentAccess(copy, input.email);
  const before = record?.before ?? current;
  const ops = grantOps(current, input.role, before);
  applyAccess(copy, input.email, ops);
  const next: CoachRecord = {
    email: input.email,
    mode: 'copy',
    role: input.role,
    before,
    copyId: copy.getId(),
    copyUrl: copy.getUrl(),
    sharedAt: record?.sharedAt ?? nowIso(),
    updatedAt: nowIso(),
  };
  const nextSettings: CoachSettings = { ...settings, lastCopy: { id: next.copyId!, email: input.email } };
  writeCoachStore(ctx.props, ctx.store, { record: next, settings: nextSettings, bases: sync.bases });
  const shared = sharedColumns(t.columns, settings).map((c) => c.header);
  const lines = [
    ops.length
      ? `Shared “${copy.getName()}” with ${input.email} as ${input.role === 'editor' ? 'an editor' : 'a viewer'}: ${plural(sync.contacts, 'contact')}, the columns ${shared.join(', ')} and Coach feedback${sync.hasDashboard ? ', and the dashboard figures' : ''}, as values. Google emails them a link. They cannot open your tracker.`
      : `Updated “${copy.getName()}” for ${input.email}: ${plural(sync.contacts, 'contact')}, the columns ${shared.join(', ')} and Coach feedback.`,
    input.role === 'viewer' ? 'As a viewer the coach cannot type in Coach feedback; share as editor (of the copy only) to let them.' : '',
    describeFeedback(sync.feedback),
    ...sync.notes,
  ];
  return { ok: true, changed: true, message: lines.filter(Boolean).join('\n'), state: stateOf(ctx, next, nextSettings, t), feedback: sync.feedback };
}

export function shareWithCoachNow(raw: unknown): CoachResult {
  const input = checkInput(raw);
  const ctx = context();
  if (sameEmail(ctx.ss.getOwner()?.getEmail(), input.email)) {
    throw new UserError(`${input.email} owns this spreadsheet and already sees everything in it. Enter your coach's address.`);
  }
  let record = ctx.store.record;
  // One coach, one way of sharing: a different coach or mode first takes back the old access.
  if (record && (!sameEmail(record.email, input.email) || record.mode !== input.mode)) {
    revoke(ctx, record);
    record = null;
  }
  return input.mode === 'direct' ? shareDirect(ctx, input, record, ctx.store.settings) : shareCopy(ctx, input, record, ctx.store.settings);
}

export function updateCoachViewNow(): CoachResult {
  const ctx = context();
  const record = ctx.store.record;
  if (!record) throw new UserError('The tracker is not shared with a coach yet. Choose Share with coach… first.');
  if (record.mode !== 'copy') throw new UserError(`${record.email} sees the tracker itself, so there is no coach view to update: they always see it as it is.`);
  const copy = record.copyId ? openCopy(record.copyId) : null;
  if (!copy) {
    throw new UserError('The coach view could not be opened: it may have been deleted, or you no longer have access to it. Choose Stop sharing with coach, then Share with coach… to make a new one.');
  }
  const t = readTrackerSnapshot(requireTracker(ctx.ss, ctx.props), true);
  const sync = syncCopy(ctx, t, copy, ctx.store.settings);
  const next = { ...record, updatedAt: nowIso() };
  writeCoachStore(ctx.props, ctx.store, { record: next, bases: sync.bases });
  const message = [`Updated the coach view for ${record.email}: ${plural(sync.contacts, 'contact')}.`, describeFeedback(sync.feedback) || 'No new feedback from the coach.', ...sync.notes].join('\n');
  return { ok: true, changed: true, message, state: stateOf(ctx, next, ctx.store.settings, t), feedback: sync.feedback };
}

export function stopSharingWithCoachNow(): CoachResult {
  const ctx = context();
  const record = ctx.store.record;
  if (!record) return { ok: true, changed: false, message: 'The tracker is not shared with a coach: there is nothing to stop.', state: stateOf(ctx, null, ctx.store.settings) };
  const { opened, kept } = revoke(ctx, record);
  const settings: CoachSettings = record.mode === 'copy' && record.copyId ? { ...ctx.store.settings, lastCopy: { id: record.copyId, email: record.email } } : ctx.store.settings;
  writeCoachStore(ctx.props, ctx.store, { record: null, settings });
  const what = record.mode === 'copy' ? 'the coach view' : 'this spreadsheet';
  const lines = [
    opened ? `${record.email} no longer has the access the add-on gave them to ${what}.` : 'The coach view could not be opened (it may have been deleted), so there was no access left to remove. The add-on has forgotten this coach.',
    kept === 'owner' || kept === 'editor' || kept === 'viewer' ? `They keep the ${kept === 'owner' ? 'ownership' : `${kept} access`} they had before.` : '',
    record.mode === 'copy' && opened ? 'The coach view stays in your Google Drive: delete it there if you no longer need it.' : '',
  ];
  return { ok: true, changed: true, message: lines.filter(Boolean).join('\n'), state: stateOf(ctx, null, settings) };
}

/** For the menu's confirmation question: who the tracker is shared with now. */
export function currentCoach(): CoachRecord | null {
  return readCoachStore(PropertiesService.getDocumentProperties()).record;
}
