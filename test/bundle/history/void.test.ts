// Voiding an event (voidEvent) through the built bundle: a voiding row appended, nothing in the
// log edited; the contact's row recomputed from the events that stand, only in cells the events
// still own; the referrals a voided interview gave stay, unlinked; once only.
import { describe, expect, it } from 'vitest';
import { BUILD, requireBuild, valueReads } from '../../helpers.ts';
import { addOnOnContacts } from '../../../local/bundle.ts';
import { handMadeContacts, toCsv } from '../../../local/generate.ts';
import type { VoidResult } from '../../../src/shared/history.ts';
import { type App, headerOf, ids, log, logRows, logSheet, open, shown, snapshot, tracker } from '../logging/log-world.ts';
import { emulatorState } from '../../../local/emulator/state.ts';
import { storyOfAmara } from './history-world.ts';

function voided(app: App, eventId: string, reason = ''): Extract<VoidResult, { ok: true }> {
  const result = app.bundle.run('voidEvent', [{ eventId, reason }]).result as VoidResult;
  if (!result.ok) throw new Error(result.message);
  return result;
}

const refusal = (app: App, eventId: string) => (app.bundle.run('voidEvent', [{ eventId, reason: '' }]).result as VoidResult).message;

const row = (app: App, r: number) =>
  ['Stage', 'Last contact', 'Next follow-up', 'Interview date', 'Referrals given', 'Referred by'].map((h) => shown(app, r, h));

describe('voidEvent', () => {
  requireBuild();

  it('an interview voided: the row goes back to what the pitch and the reply made it; its referrals stay, unlinked, and the user is told; the log only grows', () => {
    const app = storyOfAmara();
    const before = logRows(app);
    expect(row(app, 3)).toEqual(['Interviewed', '2026-01-09', '2026-01-10', '2026-01-09', '2', '']);
    const result = voided(app, 'interview-amara-01/C-0002', 'Logged on the wrong day');
    expect(result.alreadyVoided).toBe(false);
    expect(row(app, 3)).toEqual(['Scheduled', '2026-01-07', '2026-01-09', '2026-01-09', '', '']);
    expect(result.message).toMatch(/^Voided “Informational interview” of 2026-01-09 for Prof\. Amara Obi/);
    expect(result.message).toContain(
      "Dana Scully (C-0007), Liam O'Connor (C-0006) stay in the tracker but no longer show Prof. Amara Obi as who introduced them (Referred by cleared).",
    );
    expect(result.message).toContain('Their row now: Stage Scheduled, Last contact 2026-01-07, Next follow-up 2026-01-09, Referrals given (empty).');
    // Dana, added by the interview, and Liam, linked by it, stay with their own cells; only the link goes.
    expect(shown(app, 7, 'FULL NAME')).toBe("Liam O'Connor");
    expect(shown(app, 7, 'Referred by')).toBe('');
    expect(shown(app, 9, 'FULL NAME')).toBe('Dana Scully');
    expect(shown(app, 9, 'Referred by')).toBe('');
    const after = logRows(app);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((r) => [r['Contact ID'], r.Event, r['Event date'], r.Details, r['Event ID']])).toEqual([
      ['C-0007', 'Voided: Referred', '2026-01-09', 'Reason: Logged on the wrong day', 'interview-amara-01/C-0007/referred/voided'],
      ['C-0006', 'Voided: Referred', '2026-01-09', 'Reason: Logged on the wrong day', 'interview-amara-01/C-0006/referred/voided'],
      ['C-0002', 'Voided: Informational interview', '2026-01-09', 'Reason: Logged on the wrong day', 'interview-amara-01/C-0002/voided'],
    ]);
  });

  it('an event is voided once: the second time says so and writes nothing', () => {
    const app = storyOfAmara();
    voided(app, 'interview-amara-01/C-0002');
    const tracker = snapshot(app.sheet);
    const logged = logRows(app);
    const again = voided(app, 'interview-amara-01/C-0002');
    expect(again).toMatchObject({ alreadyVoided: true });
    expect(again.message).toMatch(/was already voided: nothing changed\.$/);
    expect(snapshot(app.sheet)).toEqual(tracker);
    expect(logRows(app)).toEqual(logged);
  });

  it('the only event voided: the stage moves back to To contact and the dates it set are cleared', () => {
    const app = tracker();
    const ctx = open(app, 'showPitchSentDialog', 'Contacts!A2');
    log(app, 'logPitchSent', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09' });
    expect(row(app, 2).slice(0, 3)).toEqual(['Pitched', '2026-01-09', '2026-01-20']);
    voided(app, `${ctx.eventId}/C-0001`);
    expect(row(app, 2).slice(0, 3)).toEqual(['To contact', '', '']);
  });

  it('a stage the user wrote before anything was logged comes back when the event that moved it is voided, never To contact', () => {
    const app = tracker();
    const stage = headerOf(app.sheet).indexOf('Stage') + 1;
    // Kenji (row 5) had replied before the tracker knew him, in the user's own word; Jordan (row 2) was pitched by hand.
    app.sheet.getRange(5, stage).setValue('Replied');
    app.sheet.getRange(2, stage).setValue('Pitched');
    log(app, 'logReply', { eventId: 'reply-kenji-0001', contactIds: ['C-0004'], date: '2026-01-07', meetingDate: '2026-01-09' });
    log(app, 'logFollowUp', { eventId: 'follow-jordan-01', contactIds: ['C-0001'], date: '2026-01-15' });
    expect(row(app, 5).slice(0, 4)).toEqual(['Scheduled', '2026-01-07', '2026-01-09', '2026-01-09']);
    expect(row(app, 2).slice(0, 3)).toEqual(['Followed up', '2026-01-15', '2026-01-26']);
    // What the user wrote is recorded by the first event that found it, in words the log's reader sees.
    expect(logRows(app).map((r) => r.Details)).toEqual(['Conversation set for 2026-01-09.\nStage before: "Replied".', 'Stage before: "Pitched".']);

    const kenji = voided(app, 'reply-kenji-0001/C-0004');
    expect(row(app, 5).slice(0, 4)).toEqual(['Replied', '', '', '']);
    expect(kenji.message).toContain('Their row now: Stage Replied, Last contact (empty), Next follow-up (empty), Interview date (empty).');
    voided(app, 'follow-jordan-01/C-0001');
    expect(row(app, 2).slice(0, 3)).toEqual(['Pitched', '', '']);

    // An event that found a later stage kept it: voided, the stage stays, and nothing is "kept" that the user did not write.
    app.sheet.getRange(3, stage).setValue('Scheduled');
    log(app, 'logPitchSent', { eventId: 'pitch-amara-0001', contactIds: ['C-0002'], date: '2026-01-05' });
    expect(row(app, 3).slice(0, 3)).toEqual(['Scheduled', '2026-01-05', '']);
    const amara = voided(app, 'pitch-amara-0001/C-0002');
    expect(row(app, 3).slice(0, 3)).toEqual(['Scheduled', '', '']);
    expect(amara.message).not.toContain('Kept as you wrote');
  });

  it('a cell the user wrote after the event is theirs: kept, and the result says so', () => {
    const app = tracker();
    const ctx = open(app, 'showPitchSentDialog', 'Contacts!A2');
    log(app, 'logPitchSent', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09' });
    const column = app.sheet.getRange(1, 1, 1, app.sheet.getLastColumn()).getValues()[0].indexOf('Next follow-up') + 1;
    app.sheet.getRange(2, column).setValue('call on Friday');
    const result = voided(app, `${ctx.eventId}/C-0001`);
    expect(row(app, 2).slice(0, 3)).toEqual(['To contact', '', 'call on Friday']);
    expect(result.message).toContain('Kept as you wrote it: Next follow-up.');
  });

  it('refuses in words, writing nothing: an unknown event, a voiding row, a referral on its own', () => {
    const app = storyOfAmara();
    voided(app, 'reply-amara-0001/C-0002');
    const logged = logRows(app);
    expect(refusal(app, 'no-such-event/C-0002')).toBe('That event is not in the Interview log (was its row deleted?). Nothing was voided.');
    expect(refusal(app, 'reply-amara-0001/C-0002/voided')).toMatch(/^That row records a voided event/);
    expect(refusal(app, 'interview-amara-01/C-0007/referred')).toMatch(/^A referral is voided with the informational interview that gave it/);
    expect(logRows(app)).toEqual(logged);
  });

  it(
    'under the document lock, flushed before its release; each table read once; the same calls at 100 and 900 contacts and log rows',
    { timeout: 120_000 },
    () => {
      const calls = (contacts: number) => {
        const { emu, bundle } = addOnOnContacts(toCsv(handMadeContacts(contacts)), BUILD, { setUp: true });
        const everyone = Array.from({ length: contacts }, (_, i) => `C-${String(i + 1).padStart(4, '0')}`);
        bundle.run('logPitchSent', [{ eventId: 'pitch-everyone-1', contactIds: everyone, date: '2026-01-05' }]);
        const names: string[] = [];
        emu.rt.beforeCall = (name) => void names.push(name);
        const run = bundle.run('voidEvent', [{ eventId: 'pitch-everyone-1/C-0003', reason: '' }]);
        emu.rt.beforeCall = null;
        expect((run.result as VoidResult).ok).toBe(true);
        return { run, names };
      };
      const small = calls(100);
      // 900 rows in the log, which a new sheet's 1,000-row grid still holds (a log that must grow costs
      // calls for its new rows, whatever their number).
      const large = calls(900);
      const { names } = small;
      expect(names[names.indexOf('Lock.releaseLock') - 1]).toBe('SpreadsheetApp.flush');
      expect(names.indexOf('Lock.tryLock')).toBeLessThan(names.indexOf('Range.getValues'));
      expect(large.run.byMethod).toEqual(small.run.byMethod);
      // The tracker's values and the log's: one read each.
      expect(valueReads(small.run.byMethod), JSON.stringify(small.run.byMethod)).toBe(2);
    },
  );

  it('an editor voiding where the owner protected the Stage column, or the log: refused in words, nothing written', () => {
    const EDITOR = 'editor@example.com';
    for (const what of ['Stage', 'log'] as const) {
      const app = storyOfAmara();
      app.ss.addEditor(EDITOR);
      const range =
        what === 'log'
          ? logSheet(app).getRange(1, 1, logSheet(app).getMaxRows(), 8)
          : app.sheet.getRange(1, headerOf(app.sheet).indexOf('Stage') + 1, app.sheet.getMaxRows(), 1);
      const protection = range.protect();
      protection.removeEditors(protection.getEditors());
      const before = JSON.stringify(emulatorState(app.emu));
      const result = app.emu.actAs(EDITOR, () => app.bundle.run('voidEvent', [{ eventId: 'interview-amara-01/C-0002', reason: '' }]).result as VoidResult);
      expect(result.ok, what).toBe(false);
      expect(result.message, what).toMatch(what === 'log' ? /Interview log.*Nothing was voided\.$/s : /"Stage" column.*Nothing was voided\.$/s);
      expect(JSON.stringify(emulatorState(app.emu)), what).toBe(before);
    }
  });
});
