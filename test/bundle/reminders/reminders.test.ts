// Reminders through the built bundle: the dialog and setReminders, the one hourly trigger, and
// the digest the trigger sends as the emulator's clock moves on (issue 19 items 1, 2 and 4).
import { describe, expect, it } from 'vitest';
import { DAY, DIGEST_ON, dialogState, dueWorld, HOUR, markPrivate, reminderTriggers, setReminders, turnOn, wallTime } from './world.ts';
import { logRows, shown, tracker } from '../logging/log-world.ts';

describe('the Reminders dialog and setReminders', () => {
  it('are off by default: no trigger, nothing sent as days pass', () => {
    const app = dueWorld();
    const state = dialogState(app);
    expect(state.settings).toMatchObject({ digest: false, weekly: false, hour: 8 });
    expect(state.email).toBe('me@example.com');
    expect(state.relationships).toContain('Alumni');
    expect(reminderTriggers(app)).toHaveLength(0);
    app.emu.advanceClock(3 * DAY);
    expect(app.emu.outbox.sent).toHaveLength(0);
  });

  it('install one hourly trigger, however often saved, and remove it when turned off', () => {
    const app = dueWorld();
    const on = turnOn(app);
    expect(on.message).toBe('Reminders are on: a digest on any day when something is due, from 08:00 (Etc/UTC), to me@example.com.');
    turnOn(app, { hour: 9 });
    expect(reminderTriggers(app).map((t) => [t.user, t.eventType, t.schedule])).toEqual([['me@example.com', 'CLOCK', { kind: 'hours', every: 1 }]]);
    expect(dialogState(app).settings).toMatchObject({ digest: true, hour: 9 });
    const off = setReminders(app, { digest: false });
    expect(off).toMatchObject({ ok: true, message: 'Reminders are off: no email will be sent.' });
    expect(reminderTriggers(app)).toHaveLength(0);
  });

  it('refuse bad input in words, changing nothing', () => {
    const app = dueWorld();
    for (const [input, words] of [
      [{ ...DIGEST_ON, hour: 24 }, 'The hour must be a whole number from 0 to 23'],
      [{ ...DIGEST_ON, days: ['Monday', 'Someday'] }, '“Someday” is not a day of the week.'],
      ['every day please', 'not understood'],
      [{ cadenceWeeks: { Alumni: 'often' } }, 'Keep in touch with Alumni'],
    ] as const) {
      const result = setReminders(app, input);
      expect(result.ok).toBe(false);
      expect(result.ok || result.message).toContain(words);
    }
    expect(reminderTriggers(app)).toHaveLength(0);
    expect(dialogState(app).settings.digest).toBe(false);
  });

  // Each hourly run of a user who cannot edit would only find that out again (runLocked's
  // editAccessProblem) and rewrite its note: the dialog says so when it opens, and saving refuses
  // to turn reminders on, changing nothing. Turning them off stays possible.
  it('tell a user who can only view the tracker that they cannot have reminders, and give them no trigger', () => {
    const app = dueWorld();
    app.ss._owner = 'owner@example.com';
    app.ss._viewers.add('me@example.com');
    expect(dialogState(app).viewOnly).toMatch(/^You can only view "Contacts"/);
    const result = setReminders(app, DIGEST_ON);
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^You can only view "Contacts".*Nothing was changed\.$/) });
    expect(reminderTriggers(app)).toHaveLength(0);
    expect(dialogState(app).settings.digest).toBe(false);
    expect(setReminders(app, { digest: false })).toMatchObject({ ok: true, message: 'Reminders are off: no email will be sent.' });
    app.ss._viewers.delete('me@example.com');
    app.ss._editors.add('me@example.com');
    expect(dialogState(app).viewOnly).toBe('');
    turnOn(app);
    expect(reminderTriggers(app)).toHaveLength(1);
  });

  it('refuse to turn on in a spreadsheet with no tracker', () => {
    const app = tracker();
    app.emu.properties.document.clear();
    const result = setReminders(app, DIGEST_ON);
    expect(result).toEqual({ ok: false, message: expect.stringContaining('There is no tracker in this spreadsheet yet') });
    expect(reminderTriggers(app)).toHaveLength(0);
  });
});

describe('the digest', () => {
  for (const timeZone of ['Etc/UTC', 'America/Los_Angeles', 'Asia/Tokyo']) {
    it(`comes once a day, at the chosen hour of the spreadsheet's zone (${timeZone}), naming what is due`, () => {
      const app = dueWorld(timeZone);
      turnOn(app);
      app.emu.advanceClock(2 * HOUR); // 07:00 there: not yet
      expect(app.emu.outbox.sent).toHaveLength(0);
      app.emu.advanceClock(12 * HOUR); // 19:00: the 08:00 run sent it, the later runs nothing
      expect(app.emu.outbox.sent).toHaveLength(1);
      const mail = app.emu.outbox.sent[0];
      expect(Math.floor(Date.parse(mail.sentAt) / 60_000)).toBe(wallTime('2026-12-07T08:00:00', timeZone) / 60_000);
      expect(mail.to).toBe('me@example.com');
      expect(mail.subject).toBe('Contacts: 4 contacts need you today (2026-12-07)');
      expect(mail.body).toContain("- Liam O'Connor (Proseware): conversation tomorrow (Tue 2026-12-08)");
      expect(mail.body).toContain('- Prof. Amara Obi (State University): send Amara a thank-you; you spoke 3 days ago.');
      expect(mail.body).toMatch(/- Jordan Ellis \(Northwind Analytics\): follow up once with Jordan \(\d+ days? overdue; last contact 17 days ago\)/);
      expect(mail.body).toContain('- Kenji Watanabe 😊 (Fourth Coffee): keep Kenji posted: last heard from you 96 days ago (every 8 weeks).');
      expect(mail.htmlBody).toContain('>Kenji Watanabe 😊 (Fourth Coffee)</a>: keep Kenji posted');
      // The Notes column (private by nature) and Priority (marked private): none of their text.
      for (const secret of ['pipelines', 'Office hours', 'High', 'Medium', 'calc']) expect(mail.body + mail.htmlBody).not.toContain(secret);
      expect(dialogState(app).lastSent).toMatch(/^Mon 2026-12-07 08:00: sent to me@example.com \(4 contacts\)\.$/);
    });
  }

  it('leaves out a column marked private, even the organisation', () => {
    const app = dueWorld();
    markPrivate(app, 'c:company');
    turnOn(app);
    app.emu.advanceClock(4 * HOUR);
    const mail = app.emu.outbox.sent[0];
    expect(mail.body).toContain('- Jordan Ellis: follow up once with Jordan');
    for (const company of ['Northwind', 'State University', 'Proseware', 'Fourth Coffee']) expect(mail.body + mail.htmlBody).not.toContain(company);
  });

  it('never twice in a day, even when the handler runs twice in the same hour', () => {
    const app = dueWorld();
    turnOn(app);
    app.emu.advanceClock(3 * HOUR + 30 * 60_000);
    const uid = reminderTriggers(app)[0].uid;
    app.bundle.run('sendReminders', [{ authMode: 'FULL', triggerUid: uid }]);
    expect(app.emu.outbox.sent).toHaveLength(1);
    app.emu.advanceClock(DAY);
    expect(app.emu.outbox.sent).toHaveLength(2);
  });

  it('sends nothing on a day nothing is due, nor on a day not chosen', () => {
    const app = dueWorld();
    turnOn(app, { ...DIGEST_ON, days: ['Tuesday'] });
    app.emu.advanceClock(20 * HOUR);
    expect(app.emu.outbox.sent).toHaveLength(0);
    const quiet = tracker();
    quiet.emu.setNow(Date.parse('2026-12-07T05:00:00Z'));
    turnOn(quiet);
    quiet.emu.advanceClock(2 * DAY);
    expect(quiet.emu.outbox.sent).toHaveLength(0);
  });

  it('waits when the daily quota is used up, and says so in the dialog', () => {
    // Google's quota day starts at midnight Pacific: all of this runs within one.
    const app = dueWorld('America/Los_Angeles');
    turnOn(app);
    app.emu.outbox.use('me@example.com', app.emu.now(), 100);
    app.emu.advanceClock(4 * HOUR);
    expect(app.emu.outbox.sent).toHaveLength(0);
    expect(dialogState(app).lastSent).toContain('not sent: your daily email quota with Google is used up');
    expect(app.emu.triggers.runs.every((r) => r.status === 'completed')).toBe(true);
  });

  it('removes its trigger when the tracker is gone or reminders are off, without failing', () => {
    const app = dueWorld();
    turnOn(app);
    app.ss.deleteSheet(app.ss.getSheetByName('Contacts')!);
    app.emu.advanceClock(4 * HOUR);
    expect(app.emu.outbox.sent).toHaveLength(0);
    expect(reminderTriggers(app)).toHaveLength(0);
    expect(app.emu.triggers.runs.map((r) => r.status)).not.toContain('failed');
    const state = dialogState(app);
    expect(state.settings.digest).toBe(false);
    expect(state.lastSent).toContain('the tracker sheet is gone');
  });

  it('follows the tracker when the spreadsheet and its sheet are renamed', () => {
    const app = dueWorld();
    turnOn(app);
    app.ss.rename('Job search 2027');
    app.ss.getSheetByName('Contacts')!.setName('People');
    app.emu.advanceClock(4 * HOUR);
    expect(app.emu.outbox.sent.map((m) => m.subject)).toEqual(['Job search 2027: 4 contacts need you today (2026-12-07)']);
  });

  it('is not sent while the user can only view the tracker (the owner took edit access away), says so, and comes again once they can edit', () => {
    const app = dueWorld();
    // A tracker someone else owns, which the user edited; they turn reminders on, then the owner makes them a viewer.
    app.ss._owner = 'owner@example.com';
    app.ss._editors.add('me@example.com');
    turnOn(app);
    app.emu.actAs('owner@example.com', () => {
      app.ss.removeEditor('me@example.com');
      app.ss.addViewer('me@example.com');
    });
    app.emu.advanceClock(4 * HOUR);
    expect(app.emu.outbox.sent).toHaveLength(0);
    expect(app.emu.triggers.runs.map((r) => r.status)).not.toContain('failed');
    expect(reminderTriggers(app)).toHaveLength(1);
    expect(dialogState(app).lastSent).toMatch(/^Mon 2026-12-07 09:00: not sent: you can no longer edit "Contacts" \(only view it\?\)/);
    app.emu.actAs('owner@example.com', () => app.ss.addEditor('me@example.com'));
    app.emu.advanceClock(HOUR);
    expect(app.emu.outbox.sent.map((m) => m.subject)).toEqual(['Contacts: 4 contacts need you today (2026-12-07)']);
  });

  it("links the conversation's agenda to the spreadsheet, where the whole question bank is", () => {
    const app = dueWorld();
    turnOn(app);
    app.emu.advanceClock(4 * HOUR);
    const [mail] = app.emu.outbox.sent;
    const url = app.ss.getUrl();
    expect(mail.body).toContain(`All of it is in your tracker (Draft a pitch…, Questions for the conversation): ${url}`);
    expect(mail.htmlBody).toContain(
      `All of it is in <a href="${url}" style="color:#1a73e8">your tracker</a> (Draft a pitch…, Questions for the conversation).`,
    );
  });

  it('with the weekly summary, on its day even with nothing due', () => {
    const app = dueWorld();
    turnOn(app, { weekly: true, weeklyDay: 'Monday' });
    app.emu.advanceClock(4 * HOUR);
    expect(app.emu.outbox.sent).toHaveLength(1);
    expect(app.emu.outbox.sent[0].body).toContain('YOUR WEEK');
    expect(app.emu.outbox.sent[0].body).toContain('Informational interviews this week: 0 of your goal of 2');
    expect(app.emu.outbox.sent[0].body).toContain('So far: 1 pitch sent, 1 reply (100% of pitches), 2 informational interviews (200% of pitches)');
  });
});

describe('keeping in touch', () => {
  it('Log update sent moves Last contact on, and the contact leaves the digest until the cadence comes round again', () => {
    const app = dueWorld();
    const result = app.bundle.run('logUpdateSent', [{ eventId: '00000000-0000-4000-8000-000000000099', contactIds: ['C-0004'], date: '2026-12-07' }])
      .result as {
      ok: boolean;
    };
    expect(result.ok).toBe(true);
    expect(shown(app, 5, 'Last contact')).toBe('2026-12-07');
    expect(shown(app, 5, 'Stage')).toBe('Thanked');
    expect(logRows(app).at(-1)).toMatchObject({ 'Contact ID': 'C-0004', Event: 'Update sent' });
    turnOn(app);
    app.emu.advanceClock(4 * HOUR);
    expect(app.emu.outbox.sent[0].body).not.toContain('Kenji');
    // Kenji has no Relationship: every 8 weeks, so due again on 2027-02-01.
    app.emu.setNow(wallTime('2027-02-01T05:00:00', 'Etc/UTC'));
    app.emu.advanceClock(4 * HOUR);
    expect(app.emu.outbox.sent.at(-1)!.body).toContain('keep Kenji posted: last heard from you 56 days ago (every 8 weeks)');
  });

  it('the pitch sidebar: Mark as sent of the keep-in-touch template logs the update (the page suggests it for a Thanked contact: core suggestTemplate)', () => {
    const app = dueWorld();
    const sent = app.bundle.run('markMessageSent', [
      {
        eventId: '00000000-0000-4000-8000-000000000098',
        contactId: 'C-0004',
        purpose: 'update',
        subject: 'A quick update, and thanks again',
        templateName: 'Keep-in-touch update',
      },
    ]).result as { ok: boolean };
    expect(sent.ok).toBe(true);
    expect(logRows(app).at(-1)).toMatchObject({ 'Contact ID': 'C-0004', Event: 'Update sent' });
    expect(shown(app, 5, 'Last contact')).toBe('2026-12-07');
  });
});

describe('the weekly summary reads the goal from the Dashboard', () => {
  it('the goal the user typed in the yellow cell, not the default', () => {
    const app = dueWorld();
    const dash = app.ss.getSheetByName('Dashboard')!;
    const labels = dash
      .getRange(1, 1, dash.getLastRow(), 1)
      .getValues()
      .map((r) => r[0]);
    const row = labels.indexOf('Goal: informational interviews per week') + 1;
    expect(row).toBeGreaterThan(0);
    dash.getRange(row, 2).setValue(5);
    turnOn(app, { weekly: true, weeklyDay: 'Monday' });
    app.emu.advanceClock(4 * HOUR);
    expect(app.emu.outbox.sent[0].body).toContain('Informational interviews this week: 0 of your goal of 5');
  });
});
