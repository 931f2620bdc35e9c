// A contact's history (getContactHistory) through the built bundle: what the pitch sidebar's
// History panel is given, read with one read of each table, the same calls whatever the size.
import { describe, expect, it } from 'vitest';
import { addOnOnContacts } from '../../../local/bundle.ts';
import { handMadeContacts, toCsv } from '../../../local/generate.ts';
import { BUILD, requireBuild, valueReads } from '../../helpers.ts';
import type { HistoryResult, ThanksResult } from '../../../src/shared/history.ts';
import { type App, headerOf, log, tracker } from '../logging/log-world.ts';
import { storyOfAmara } from './history-world.ts';

type Shown = Extract<HistoryResult, { ok: true }>;

function history(app: { bundle: App['bundle'] }, id: string): Shown {
  const result = app.bundle.run('getContactHistory', [id]).result as HistoryResult;
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('getContactHistory', () => {
  requireBuild();

  it('lists every event of the contact, newest first, with its note and next step; who introduced them and whom they introduced; their dates ahead', () => {
    const app = storyOfAmara();
    const h = history(app, 'C-0002');
    expect(h.contact).toEqual({ id: 'C-0002', name: 'Prof. Amara Obi', row: 3 });
    expect(h.events.map((e) => [e.date, e.event])).toEqual([
      ['2026-01-09', 'Informational interview'],
      ['2026-01-07', 'Reply'],
      ['2026-01-05', 'Pitch sent'],
    ]);
    expect(h.events[0]).toMatchObject({ nextStep: 'Read the papers she mentioned', voided: null, eventId: 'interview-amara-01/C-0002' });
    expect(h.events[0].details).toContain('Learned: Research roles need a PhD.');
    expect(h.events[1].details).toBe('Conversation set for 2026-01-09.\nHappy to talk');
    expect(h.events[2].details).toBe('Sent via email');
    expect(h.introducedBy).toBeNull();
    expect(h.introduced).toEqual([
      { id: 'C-0006', name: "Liam O'Connor" },
      { id: 'C-0007', name: 'Dana Scully' },
    ]);
    // The thank-you is due the day after the conversation.
    expect(h.pending).toEqual([{ label: 'Next follow-up', date: '2026-01-10', overdue: true }]);

    const dana = history(app, 'C-0007');
    expect(dana.introducedBy).toEqual({ id: 'C-0002', name: 'Prof. Amara Obi' });
    expect(dana.events.map((e) => e.event)).toEqual(['Referred']);
    expect(dana.events[0].nextStep).toBe('Reach out to Dana, saying that Amara suggested you talk.');
  });

  it("who introduced them is read as the chain reads it: an emptied Referred by falls back to the log's standing referral, in both directions", () => {
    const app = storyOfAmara();
    const referredBy = headerOf(app.sheet).indexOf('Referred by') + 1;
    // Dana (row 9) was referred in Amara's interview; the user empties her Referred by cell.
    app.sheet.getRange(9, referredBy).setValue('');
    log(app, 'logOutcome', { kind: 'job_interview', eventId: 'job-dana-0000001', contactIds: ['C-0007'], date: '2026-02-01' });
    const chain = (app.bundle.run('getThanksOffer', ['C-0007']).result as Extract<ThanksResult, { ok: true }>).offer!.people.map((p) => p.id);
    expect(chain).toEqual(['C-0002', 'C-0007']);
    expect(history(app, 'C-0007').introducedBy).toEqual({ id: 'C-0002', name: 'Prof. Amara Obi' });
    expect(history(app, 'C-0002').introduced).toEqual([
      { id: 'C-0006', name: "Liam O'Connor" },
      { id: 'C-0007', name: 'Dana Scully' },
    ]);
    // Text the user types there wins over the log, for both.
    app.sheet.getRange(9, referredBy).setValue('my aunt');
    expect(history(app, 'C-0007').introducedBy).toEqual({ id: '', name: 'my aunt' });
    expect(history(app, 'C-0002').introduced.map((p) => p.id)).toEqual(['C-0006']);
  });

  it('a contact with nothing logged, and before the log exists: no events; an unknown ID is refused in words', () => {
    const app = tracker();
    expect(history(app, 'C-0004')).toMatchObject({ events: [], introducedBy: null, introduced: [], pending: [] });
    const missing = app.bundle.run('getContactHistory', ['C-0099']).result as HistoryResult;
    expect(missing).toEqual({ ok: false, message: 'Contact C-0099 is no longer in the tracker (was the row deleted?).' });
  });

  it('reads each table once: the same calls, by method, at 100 contacts and 20 log rows as at 2,000 and 2,000', { timeout: 120_000 }, () => {
    const calls = (contacts: number) => {
      const { bundle } = addOnOnContacts(toCsv(handMadeContacts(contacts)), BUILD, { setUp: true });
      const everyone = Array.from({ length: contacts }, (_, i) => `C-${String(i + 1).padStart(4, '0')}`);
      bundle.run('logPitchSent', [{ eventId: 'pitch-everyone-1', contactIds: everyone.slice(0, Math.max(20, contacts)), date: '2026-01-05' }]);
      bundle.run('logFollowUp', [{ eventId: 'follow-first-one', contactIds: ['C-0003'], date: '2026-01-15' }]);
      const run = bundle.run('getContactHistory', ['C-0003']);
      const h = run.result as Shown;
      expect(h.events.map((e) => e.event)).toEqual(['Follow-up sent', 'Pitch sent']);
      return run;
    };
    const small = calls(100);
    const large = calls(2000);
    expect(large.byMethod).toEqual(small.byMethod);
    expect(small.calls, JSON.stringify(small.byMethod)).toBeLessThanOrEqual(12);
    expect(valueReads(small.byMethod)).toBe(2);
  });
});
