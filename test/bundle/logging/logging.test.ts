// Logging the interview cycle through the built bundle: menu items open the LogEventDialog page
// for the selected contacts, and its targets (log*) update the tracker and append to the
// Interview log.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, BUILD } from '../../helpers.ts';
import { EmuRange } from '../../../local/emulator/spreadsheet/range.ts';
import type { SetupResult } from '../../../src/shared/types.ts';
import { HAND_MADE, headerOf, ids, log, logRows, logSheet, open, refused, shown, snapshot, tracker } from './log-world.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('each action, from the menu item to the tracker and the log', () => {
  it('Mark pitch sent: Pitched, Last contact, Next follow-up by 3B7, one log row', () => {
    const app = tracker();
    const ctx = open(app, 'showPitchSentDialog', 'Contacts!A2');
    expect(ctx).toMatchObject({ mode: 'pitch', contacts: [{ id: 'C-0001', name: 'Jordan Ellis', company: 'Northwind Analytics', stage: 'To contact' }] });
    expect(app.emu.ui.dialogs.at(-1)).toMatchObject({ modal: true, title: 'Mark pitch sent' });
    const r = log(app, 'logPitchSent', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09', note: 'Sent via LinkedIn' });
    expect(r.contacts[0]).toMatchObject({ stage: 'Pitched', nextFollowUp: '2026-01-20' });
    expect(shown(app, 2, 'Stage')).toBe('Pitched');
    expect(shown(app, 2, 'Last contact')).toBe('2026-01-09');
    expect(shown(app, 2, 'Next follow-up')).toBe('2026-01-20');
    expect(logRows(app)).toEqual([
      expect.objectContaining({
        'Event date': '2026-01-09',
        'Contact ID': 'C-0001',
        Name: 'Jordan Ellis',
        Event: 'Pitch sent',
        Details: 'Sent via LinkedIn',
        'Event ID': `${ctx.eventId}/C-0001`,
      }),
    ]);
    expect(logRows(app)[0]['Next step']).toMatch(/^No reply by Wed 2026-01-14: reach out to a second contact at Northwind Analytics/);
    expect(logRows(app)[0].Timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // The user stays on the tracker when the log sheet is created.
    expect(app.ss.getActiveSheet().getName()).toBe('Contacts');
  });

  it('Log reply (with the conversation fixed), then Log follow-up sent on another contact', () => {
    const app = tracker();
    const reply = open(app, 'showReplyDialog', 'Contacts!B3');
    log(app, 'logReply', { eventId: reply.eventId, contactIds: ids(reply), date: '2026-01-12', meetingDate: '2026-01-16', note: 'Happy to chat Friday' });
    expect(shown(app, 3, 'Stage')).toBe('Scheduled');
    expect(shown(app, 3, 'Interview date')).toBe('2026-01-16');
    expect(shown(app, 3, 'Next follow-up')).toBe('2026-01-16');
    const follow = open(app, 'showFollowUpDialog', 'Contacts!C4');
    log(app, 'logFollowUp', { eventId: follow.eventId, contactIds: ids(follow), date: '2026-01-12' });
    expect(shown(app, 4, 'Stage')).toBe('Followed up');
    expect(shown(app, 4, 'Next follow-up')).toBe('2026-01-21');
    expect(logRows(app).map((r) => [r['Contact ID'], r.Event, r.Details])).toEqual([
      ['C-0002', 'Reply', 'Conversation set for 2026-01-16.\nHappy to chat Friday'],
      ['C-0003', 'Follow-up sent', ''],
    ]);
  });

  it("a referral's row gets the tracker's drop-downs and date formats, and keeps the user's own drop-down and format of their columns", () => {
    const app = tracker();
    const added = app.sheet.getLastRow() + 1;
    const column = (header: string) => headerOf(app.sheet).indexOf(header) + 1;
    const rules = app.emu.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const priority = app.sheet.getRange(added, column('Priority'));
    priority.setDataValidation(rules.newDataValidation().requireValueInList(['High', 'Low']).build() as never);
    app.sheet.getRange(added, column('Phone')).setNumberFormat('@');
    const ctx = open(app, 'showInterviewDialog', 'Contacts!A3');
    log(app, 'logInterview', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09', referrals: [{ name: 'Dana Scully', phone: '+1 555 0199' }] });
    expect(shown(app, added, 'FULL NAME')).toBe('Dana Scully');
    expect(priority.getDataValidation()?.getCriteriaValues()).toEqual([['High', 'Low'], true]);
    expect(app.sheet.getRange(added, column('Phone')).getNumberFormat()).toBe('@');
    for (const [header, values, allowInvalid] of [
      ['Stage', 'To contact', false],
      ['Relationship', 'Referral', true],
    ] as const) {
      const rule = app.sheet.getRange(added, column(header)).getDataValidation();
      expect(rule?.getCriteriaValues()[0], header).toContain(values);
      expect(rule?.getAllowInvalid(), header).toBe(allowInvalid);
    }
    expect(app.sheet.getRange(added, column('Next follow-up')).getNumberFormat()).toBe('yyyy-mm-dd');
  });

  it("a referral's row keeps a format and a drop-down the user gave the tracker's columns on the rows below the table, as import does", () => {
    const app = tracker();
    const added = app.sheet.getLastRow() + 1;
    const column = (header: string) => headerOf(app.sheet).indexOf(header) + 1;
    const rules = app.emu.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const mine = rules.newDataValidation().requireValueInList(['Mentor', 'Referral'], true).setAllowInvalid(true).build();
    app.sheet.getRange(added, column('Relationship'), 2, 1).setDataValidation(mine as never);
    app.sheet.getRange(added, column('Next follow-up'), 2, 1).setNumberFormat('d mmm yyyy');
    const ctx = open(app, 'showInterviewDialog', 'Contacts!A3');
    log(app, 'logInterview', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09', referrals: [{ name: 'Dana Scully' }, { name: 'Fox Mulder' }] });
    for (const row of [added, added + 1]) {
      expect(shown(app, row, 'Relationship')).toBe('Referral');
      expect(app.sheet.getRange(row, column('Relationship')).getDataValidation()?.getCriteriaValues()[0]).toEqual(['Mentor', 'Referral']);
      expect(app.sheet.getRange(row, column('Next follow-up')).getNumberFormat()).toBe('d mmm yyyy');
      // The cells without one get the tracker's.
      expect(app.sheet.getRange(row, column('Stage')).getDataValidation()?.getCriteriaValues()[0]).toContain('To contact');
      expect(app.sheet.getRange(row, column('Interview date')).getNumberFormat()).toBe('yyyy-mm-dd');
    }
  });

  it("a referral's row without drop-downs takes those of the row above, as an inserted row does; a column with none there gets the tracker's own", () => {
    const app = tracker();
    const last = app.sheet.getLastRow();
    // The rows below have none, as rows added past the grid setup formatted (those with one keep it: see above).
    app.sheet.getRange(last + 1, 1, 2, app.sheet.getMaxColumns()).clearDataValidations();
    const column = (header: string) => headerOf(app.sheet).indexOf(header) + 1;
    const rules = app.emu.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    // The user's Relationship list on the last contact's row has a value of their own; its Stage has none.
    const mine = rules.newDataValidation().requireValueInList(['Mentor', 'Peer', 'Referral'], true).setAllowInvalid(true).build();
    app.sheet.getRange(last, column('Relationship')).setDataValidation(mine as never);
    app.sheet.getRange(last, column('Stage')).clearDataValidations();
    const ctx = open(app, 'showInterviewDialog', 'Contacts!A3');
    log(app, 'logInterview', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09', referrals: [{ name: 'Dana Scully' }, { name: 'Fox Mulder' }] });
    for (const row of [last + 1, last + 2]) {
      expect(app.sheet.getRange(row, column('Relationship')).getDataValidation()?.getCriteriaValues()[0]).toEqual(['Mentor', 'Peer', 'Referral']);
      const stage = app.sheet.getRange(row, column('Stage')).getDataValidation();
      expect(stage?.getCriteriaValues()[0]).toContain('To contact');
      expect(stage?.getAllowInvalid()).toBe(false);
    }
  });

  it('Log informational interview: referrals become linked contacts; one already in the tracker is linked, not duplicated', () => {
    const app = tracker();
    const lastRow = app.sheet.getLastRow();
    const ctx = open(app, 'showInterviewDialog', 'Contacts!A3');
    const r = log(app, 'logInterview', {
      eventId: ctx.eventId,
      contactIds: ids(ctx),
      date: '2026-01-09',
      minutes: 30,
      learned: 'Grad school is worth it for research roles.',
      nextStep: 'Read the papers she mentioned',
      referrals: [
        { name: 'Dana Scully', email: 'dana@fbi.example', company: 'FBI', role: 'Agent' },
        { name: 'Liam OConnor', email: 'liam.oconnor@example.ie', relationship: 'Peer' },
      ],
    });
    expect(r.referrals).toEqual([
      { id: 'C-0007', name: 'Dana Scully', status: 'added' },
      { id: 'C-0006', name: "Liam O'Connor", status: 'matched' },
    ]);
    expect(shown(app, 3, 'Stage')).toBe('Interviewed');
    expect(shown(app, 3, 'Interview date')).toBe('2026-01-09');
    expect(shown(app, 3, 'Next follow-up')).toBe('2026-01-10'); // thank-you due the next day
    expect(shown(app, 3, 'Referrals given')).toBe('2');
    const added = lastRow + 1;
    expect(app.sheet.getLastRow()).toBe(added);
    expect([shown(app, added, 'FULL NAME'), shown(app, added, 'e-mail'), shown(app, added, 'Employer'), shown(app, added, 'role')]).toEqual([
      'Dana Scully',
      'dana@fbi.example',
      'FBI',
      'Agent',
    ]);
    expect([shown(app, added, 'Contact ID'), shown(app, added, 'Referred by'), shown(app, added, 'Relationship'), shown(app, added, 'Stage')]).toEqual([
      'C-0007',
      'C-0002',
      'Referral',
      'To contact',
    ]);
    // Liam was already a contact (same email, other case): linked, his own cells kept.
    expect([shown(app, 7, 'Referred by'), shown(app, 7, 'Relationship'), shown(app, 7, 'FULL NAME')]).toEqual(['C-0002', 'Peer', "Liam O'Connor"]);
    expect(logRows(app).map((row) => [row['Contact ID'], row.Event, row['Next step']])).toEqual([
      ['C-0002', 'Informational interview', 'Read the papers she mentioned'],
      ['C-0007', 'Referred', 'Reach out to Dana, saying that Amara suggested you talk.'],
      ['C-0006', 'Referred', 'Reach out to Liam, saying that Amara suggested you talk.'],
    ]);
    expect(logRows(app)[0].Details).toBe(
      "30 min.\nLearned: Grad school is worth it for research roles.\nReferrals: Dana Scully (C-0007); Liam O'Connor (C-0006, already a contact)",
    );
    // A later setup run sees the new contact's ID and the counter: IDs are never reused.
    const again = app.bundle.run('setUpTracker').result as SetupResult;
    expect(again.ok && again.newIds).toBe(0);
  });

  it('Mark thank-you sent: Thanked, date set, the reminder cleared', () => {
    const app = tracker();
    const ctx = open(app, 'showInterviewDialog', 'Contacts!A2');
    log(app, 'logInterview', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-08' });
    const thanks = open(app, 'showThankYouDialog', 'Contacts!A2');
    log(app, 'logThankYou', { eventId: thanks.eventId, contactIds: ids(thanks), date: '2026-01-09' });
    expect(shown(app, 2, 'Stage')).toBe('Thanked');
    expect(shown(app, 2, 'Thank-you sent')).toBe('2026-01-09');
    expect(shown(app, 2, 'Next follow-up')).toBe('');
  });

  it('Mark declined: Declined, and a suggested ask-for-referral message offered to copy', () => {
    const app = tracker();
    const pitch = open(app, 'showPitchSentDialog', 'Contacts!A4');
    log(app, 'logPitchSent', { eventId: pitch.eventId, contactIds: ids(pitch), date: '2026-01-05' });
    const ctx = open(app, 'showDeclinedDialog', 'Contacts!A4');
    const r = log(app, 'logDeclined', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-07' });
    expect(shown(app, 4, 'Stage')).toBe('Declined');
    expect(shown(app, 4, 'Next follow-up')).toBe('');
    expect(r.askForReferral).toMatch(/^Hi Rosa,/);
    expect(r.askForReferral).toMatch(/Contoso Health.*\?/s);
    expect(readFileSync(join(BUILD, 'LogEventDialog.html'), 'utf8')).toContain('Suggested ask-for-referral message');
  });

  it('Log job interview, then Log offer: Outcome moves forward only', () => {
    const app = tracker();
    const job = open(app, 'showJobInterviewDialog', 'Contacts!A5');
    expect(job.mode).toBe('jobInterview');
    log(app, 'logOutcome', { eventId: job.eventId, contactIds: ids(job), date: '2026-03-02', kind: 'job_interview', company: 'Globex' });
    expect(shown(app, 5, 'Outcome')).toBe('Job interview');
    const offer = open(app, 'showOfferDialog', 'Contacts!A5');
    log(app, 'logOutcome', { eventId: offer.eventId, contactIds: ids(offer), date: '2026-03-20', kind: 'offer', company: 'Globex' });
    expect(shown(app, 5, 'Outcome')).toBe('Offer');
    const late = open(app, 'showJobInterviewDialog', 'Contacts!A5');
    log(app, 'logOutcome', { eventId: late.eventId, contactIds: ids(late), date: '2026-03-21', kind: 'job_interview', company: 'Initech' });
    expect(shown(app, 5, 'Outcome')).toBe('Offer');
    expect(logRows(app).map((r) => [r.Event, r.Details])).toEqual([
      ['Job interview', 'At Globex.'],
      ['Offer', 'At Globex.'],
      ['Job interview', 'At Initech.'],
    ]);
    expect(refused(app, 'logOutcome', { eventId: late.eventId, contactIds: ids(late), date: '2026-03-21', kind: 'promotion' })).toMatch(
      /job interview or an offer/,
    );
  });
});

describe('the 3B7 routine after a pitch', () => {
  const dueNow = (app: ReturnType<typeof tracker>) =>
    app.bundle.run('showFollowUpsDue', [], { select: 'Contacts!A2' }).result as { ok: true; due: string[]; secondContact: string[]; message: string };

  it('says both steps when the pitch is logged; Next follow-up is the 7th business day; the 3rd day asks for a second contact at the organisation until one is contacted', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-09T12:00:00Z')); // Friday
    const app = tracker();
    // Someone else at Jordan's company, added and given an ID.
    app.sheet.getRange(9, 1, 1, 3).setValues([['Sam Lee', 'sam@northwind.example', 'Northwind Analytics']]);
    app.bundle.run('setUpTracker');
    const pitch = open(app, 'showPitchSentDialog', 'Contacts!A2');
    const r = log(app, 'logPitchSent', { eventId: pitch.eventId, contactIds: ids(pitch), date: '2026-01-09' });
    expect(r.contacts[0]).toMatchObject({ nextFollowUp: '2026-01-20', secondContactBy: '2026-01-14' });
    expect(r.message).toContain(
      '3B7: no reply by Wed 2026-01-14 (3 business days)? Reach out to a second contact at Northwind Analytics. Still none by Tue 2026-01-20 (7 business days, the Next follow-up date)? Follow up once with Jordan.',
    );
    expect(shown(app, 2, 'Next follow-up')).toBe('2026-01-20');

    vi.setSystemTime(new Date('2026-01-13T12:00:00Z')); // Tuesday: 2 business days, nothing yet
    expect(dueNow(app)).toMatchObject({ due: [], secondContact: [] });

    vi.setSystemTime(new Date('2026-01-14T12:00:00Z')); // Wednesday: 3 business days
    const third = dueNow(app);
    expect(third.due).toEqual([]);
    expect(third.secondContact).toEqual(['row 2']);
    expect(third.message).toContain('Row 2: Jordan Ellis (Northwind Analytics), pitched Fri 2026-01-09; not contacted yet at Northwind Analytics: Sam Lee.');

    // The user pitches Sam: the reminder about a second contact stops; Jordan's follow-up stays.
    const sam = open(app, 'showPitchSentDialog', 'Contacts!A9');
    log(app, 'logPitchSent', { eventId: sam.eventId, contactIds: ids(sam), date: '2026-01-14' });
    expect(dueNow(app).secondContact).toEqual([]);

    vi.setSystemTime(new Date('2026-01-20T12:00:00Z')); // Tuesday: 7 business days
    const seventh = dueNow(app);
    expect(seventh.due).toEqual(['C-0001']);
    expect(seventh.message).toContain('Row 2: Jordan Ellis (C-0001), due today: follow up once with Jordan.');
  });

  it('the Mark pitch sent page carries what the dialog needs to show the routine (company, stage)', () => {
    const app = tracker();
    const ctx = open(app, 'showPitchSentDialog', 'Contacts!A2');
    expect(ctx.contacts[0]).toEqual({ id: 'C-0001', name: 'Jordan Ellis', company: 'Northwind Analytics', stage: 'To contact' });
    expect(readFileSync(join(BUILD, 'LogEventDialog.html'), 'utf8')).toContain('id="routine"');
  });
});

describe('stages only move forward', () => {
  it('a pitch and a follow-up logged for a contact already interviewed are logged, the stage and the thank-you reminder kept, and the result says so', () => {
    const app = tracker();
    const talk = open(app, 'showInterviewDialog', 'Contacts!A3');
    log(app, 'logInterview', { eventId: talk.eventId, contactIds: ids(talk), date: '2026-01-08' });
    expect(shown(app, 3, 'Stage')).toBe('Interviewed');
    // Several contacts at once: Jordan moves on to Pitched, Amara stays Interviewed.
    const pitch = open(app, 'showPitchSentDialog', 'Contacts!A2:A3');
    const r = log(app, 'logPitchSent', { eventId: pitch.eventId, contactIds: ids(pitch), date: '2026-01-09' });
    expect(r.contacts.map((c) => [c.id, c.stage, c.stageKept])).toEqual([
      ['C-0001', 'Pitched', false],
      ['C-0002', 'Interviewed', true],
    ]);
    expect(r.message).toContain('Prof. Amara Obi (C-0002): stays at Interviewed (stages only move forward), next follow-up Fri 2026-01-09.');
    expect(shown(app, 3, 'Stage')).toBe('Interviewed');
    expect(shown(app, 3, 'Next follow-up')).toBe('2026-01-09'); // the thank-you is still due, not a 3B7 date
    expect(shown(app, 3, 'Last contact')).toBe('2026-01-09');
    const follow = open(app, 'showFollowUpDialog', 'Contacts!A3');
    const f = log(app, 'logFollowUp', { eventId: follow.eventId, contactIds: ids(follow), date: '2026-01-09' });
    expect(f.contacts[0]).toMatchObject({ stage: 'Interviewed', stageKept: true });
    expect(shown(app, 3, 'Stage')).toBe('Interviewed');
    expect(
      logRows(app)
        .filter((x) => x['Contact ID'] === 'C-0002')
        .map((x) => x.Event),
    ).toEqual(['Informational interview', 'Pitch sent', 'Follow-up sent']);
  });

  it('a stage the user set by hand (Declined) is kept when a later event is logged', () => {
    const app = tracker();
    const stage = headerOf(app.sheet).indexOf('Stage') + 1;
    app.sheet.getRange(4, stage).setValue('Declined');
    const pitch = open(app, 'showPitchSentDialog', 'Contacts!A4');
    const r = log(app, 'logPitchSent', { eventId: pitch.eventId, contactIds: ids(pitch), date: '2026-01-09' });
    expect(r.contacts[0]).toMatchObject({ stage: 'Declined', stageKept: true, nextFollowUp: '' });
    expect(shown(app, 4, 'Stage')).toBe('Declined');
    expect(shown(app, 4, 'Next follow-up')).toBe('');
    expect(logRows(app).map((x) => x.Event)).toEqual(['Pitch sent']);
  });
});

describe('contacts whose follow-ups are over', () => {
  it('an interview logged for a contact already Thanked sets no thank-you reminder, and Show follow-ups due never lists a Thanked contact', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-20T12:00:00Z'));
    const app = tracker();
    const talk = open(app, 'showInterviewDialog', 'Contacts!A2');
    log(app, 'logInterview', { eventId: talk.eventId, contactIds: ids(talk), date: '2026-01-08' });
    const thanks = open(app, 'showThankYouDialog', 'Contacts!A2');
    log(app, 'logThankYou', { eventId: thanks.eventId, contactIds: ids(thanks), date: '2026-01-09' });
    const again = open(app, 'showInterviewDialog', 'Contacts!A2');
    log(app, 'logInterview', { eventId: again.eventId, contactIds: ids(again), date: '2026-01-15' });
    expect(shown(app, 2, 'Stage')).toBe('Thanked');
    expect(shown(app, 2, 'Next follow-up')).toBe('');
    // A date the user typed on a Thanked row is theirs; no list of what is due shows it.
    app.sheet.getRange(2, headerOf(app.sheet).indexOf('Next follow-up') + 1).setValue('2026-01-19');
    const due = app.bundle.run('showFollowUpsDue', [], { select: 'Contacts!A2' }).result as { ok: true; due: string[] };
    expect(due.due).toEqual([]);
  });
});

describe('first names', () => {
  it('a contact written "Last, First" is addressed by the first name, as the pitch sidebar greets them', () => {
    const app = tracker();
    app.sheet.getRange(2, headerOf(app.sheet).indexOf('FULL NAME') + 1).setValue('Ellis, Jordan');
    const pitch = open(app, 'showPitchSentDialog', 'Contacts!A2');
    log(app, 'logPitchSent', { eventId: pitch.eventId, contactIds: ids(pitch), date: '2026-01-09' });
    expect(logRows(app)[0]['Next step']).toMatch(/follow up once with Jordan\.$/);
  });
});

describe('stages typed in lower case', () => {
  it('a pitch for a contact whose Stage reads "pitched" is a pitch: no stage kept, Next follow-up and next step by 3B7', () => {
    const app = tracker();
    const stage = headerOf(app.sheet).indexOf('Stage') + 1;
    app.sheet.getRange(2, stage).setValue('pitched');
    const pitch = open(app, 'showPitchSentDialog', 'Contacts!A2');
    const r = log(app, 'logPitchSent', { eventId: pitch.eventId, contactIds: ids(pitch), date: '2026-01-09' });
    expect(r.contacts[0]).toMatchObject({ stage: 'Pitched', stageKept: false, nextFollowUp: '2026-01-20', secondContactBy: '2026-01-14' });
    expect(shown(app, 2, 'Next follow-up')).toBe('2026-01-20');
    expect(logRows(app)[0]['Next step']).toMatch(/^No reply by Wed 2026-01-14/);
  });

  it('a reply fixing a day for a contact whose Stage reads "scheduled" sets the Interview date', () => {
    const app = tracker();
    const stage = headerOf(app.sheet).indexOf('Stage') + 1;
    app.sheet.getRange(3, stage).setValue('scheduled');
    const reply = open(app, 'showReplyDialog', 'Contacts!A3');
    expect(reply.contacts[0].stage).toBe('Scheduled');
    log(app, 'logReply', { eventId: reply.eventId, contactIds: ids(reply), date: '2026-01-12', meetingDate: '2026-01-16' });
    expect(shown(app, 3, 'Interview date')).toBe('2026-01-16');
    expect(shown(app, 3, 'Next follow-up')).toBe('2026-01-16');
  });
});

describe('selections', () => {
  it('several rows, and a ctrl-click selection of several ranges, log the same event for each contact', () => {
    const app = tracker();
    const ctx = open(app, 'showPitchSentDialog', 'Contacts!A2:C3,E5:E5,B7');
    expect(ids(ctx)).toEqual(['C-0001', 'C-0002', 'C-0004', 'C-0006']);
    const r = log(app, 'logPitchSent', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09' });
    expect(r.logged).toBe(4);
    for (const row of [2, 3, 5, 7]) expect(shown(app, row, 'Stage')).toBe('Pitched');
    for (const row of [4, 6]) expect(shown(app, row, 'Stage')).toBe('To contact');
    expect(logRows(app).map((x) => x['Contact ID'])).toEqual(['C-0001', 'C-0002', 'C-0004', 'C-0006']);
  });

  it('the dialog acts on the contacts chosen when it opened, even if the selection changes', () => {
    const app = tracker();
    const ctx = open(app, 'showThankYouDialog', 'Contacts!A2');
    app.bundle.run('onOpen', [], { select: 'Contacts!A6' });
    log(app, 'logThankYou', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09' });
    expect(shown(app, 2, 'Stage')).toBe('Thanked');
    expect(shown(app, 6, 'Stage')).toBe('To contact');
  });

  it.each([
    ['the header row', 'Contacts!A1:A3', /header row \(row 1\)/],
    ['an empty row inside the table', 'Contacts!A8', /Row 8 has no contact/],
    ['rows below the table', 'Contacts!A20:A21', /Rows 20 and 21 have no contact/],
    // A whole column's A1 notation gives no rows: its rows are asked of the range.
    ['a whole column', 'Contacts!B:B', /header row \(row 1\)/],
  ])('%s gets a clear message and no change', (_label, select, message) => {
    const app = tracker();
    const before = snapshot(app.sheet);
    const dialogs = app.emu.ui.dialogs.length;
    const result = app.bundle.run('showInterviewDialog', [], { select }).result as { ok: false; message: string };
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(message);
    expect(app.emu.ui.alerts.at(-1)).toMatchObject({ title: 'Log informational interview', prompt: result.message });
    expect(app.emu.ui.dialogs.length).toBe(dialogs);
    expect(snapshot(app.sheet)).toEqual(before);
    expect(logSheet(app)).toBeNull();
  });

  it('a row outside the tracker (another sheet) gets a clear message', () => {
    const app = tracker();
    app.ss.insertSheet('Notes');
    const result = app.bundle.run('showPitchSentDialog', [], { select: 'Notes!A2' }).result as { ok: false; message: string };
    expect(result.message).toMatch(/in the "Contacts" sheet \(your tracker\)/);
  });

  it('a contact added after setup (no ID yet) is named in the message', () => {
    const app = tracker();
    app.sheet.getRange(9, 1).setValue('Newt Newcomer');
    const result = app.bundle.run('showPitchSentDialog', [], { select: 'Contacts!A9' }).result as { ok: false; message: string };
    expect(result.message).toMatch(/No Contact ID yet for row 9 \(Newt Newcomer\)/);
  });

  it('without a tracker, every menu item says to set one up first', () => {
    const app = addOn({ csv: HAND_MADE, sheetName: 'Contacts' });
    for (const fn of ['showInterviewDialog', 'showFollowUpsDue']) {
      const result = app.bundle.run(fn, [], { select: 'Contacts!A2' }).result as { ok: false; message: string };
      expect(result.message).toMatch(/Set up tracker first/);
    }
  });
});

describe('safety', () => {
  it('while another action holds the document lock: "busy, try again", and nothing is written', () => {
    const app = tracker();
    const ctx = open(app, 'showInterviewDialog', 'Contacts!A2');
    const input = { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09', referrals: [{ name: 'Dana Scully' }] };
    const before = snapshot(app.sheet);
    app.emu.locks.holdByOther('document', Infinity);
    expect(refused(app, 'logInterview', input)).toMatch(/busy.*Try again/i);
    expect(snapshot(app.sheet)).toEqual(before);
    expect(logSheet(app)).toBeNull();
    app.emu.locks.releaseOther('document');
    expect(log(app, 'logInterview', input).logged).toBe(1);
  });

  it('a retried call with the same event ID writes nothing new', () => {
    const app = tracker();
    const ctx = open(app, 'showInterviewDialog', 'Contacts!A2');
    const input = { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09', referrals: [{ name: 'Dana Scully', company: 'FBI' }] };
    log(app, 'logInterview', input);
    const tracker1 = snapshot(app.sheet);
    const log1 = snapshot(logSheet(app));
    const again = log(app, 'logInterview', input);
    expect(again).toMatchObject({ logged: 0, alreadyLogged: 1 });
    expect(again.message).toMatch(/already in the Interview log/);
    expect(snapshot(app.sheet)).toEqual(tracker1);
    expect(snapshot(logSheet(app))).toEqual(log1);
  });

  it('a failure after the tracker was written and before the log row: the retry converges (no duplicate contact, event or count)', () => {
    const app = tracker();
    const ctx = open(app, 'showInterviewDialog', 'Contacts!A2');
    // Create the log first, so the failure hits the append of the event's rows.
    const pitch = open(app, 'showPitchSentDialog', 'Contacts!A3');
    log(app, 'logPitchSent', { eventId: pitch.eventId, contactIds: ids(pitch), date: '2026-01-05' });
    const input = { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09', referrals: [{ name: 'Dana Scully', company: 'FBI' }] };
    const setValues = EmuRange.prototype.setValues;
    let armed = true;
    const spy = vi.spyOn(EmuRange.prototype, 'setValues').mockImplementation(function (this: EmuRange, values: unknown[][]) {
      if (armed && this._sheet._name === 'Interview log' && this._rect.row > 1) {
        armed = false;
        throw new Error('Service Spreadsheets failed while accessing document');
      }
      return setValues.call(this, values);
    });
    try {
      expect(() => app.bundle.run('logInterview', [input])).toThrow(/Service Spreadsheets failed/);
    } finally {
      spy.mockRestore();
    }
    // Half-way: the tracker has the update, the log has no row for this event.
    const rows = app.sheet.getLastRow();
    expect(shown(app, rows, 'FULL NAME')).toBe('Dana Scully');
    expect(logRows(app)).toHaveLength(1);
    const retry = log(app, 'logInterview', input);
    expect(retry.logged).toBe(1);
    expect(app.sheet.getLastRow()).toBe(rows);
    expect(shown(app, 2, 'Referrals given')).toBe('1');
    expect(shown(app, 2, 'Stage')).toBe('Interviewed');
    expect(logRows(app).map((r) => [r['Contact ID'], r.Event])).toEqual([
      ['C-0002', 'Pitch sent'],
      ['C-0001', 'Informational interview'],
      ['C-0007', 'Referred'],
    ]);
    expect(log(app, 'logInterview', input).logged).toBe(0);
  });

  it('two actions on the same contact one after the other both land', () => {
    const app = tracker();
    const pitch = open(app, 'showPitchSentDialog', 'Contacts!A6');
    const reply = open(app, 'showReplyDialog', 'Contacts!A6');
    log(app, 'logPitchSent', { eventId: pitch.eventId, contactIds: ids(pitch), date: '2026-01-05' });
    log(app, 'logReply', { eventId: reply.eventId, contactIds: ids(reply), date: '2026-01-07', meetingDate: '2026-01-14' });
    expect(shown(app, 6, 'Stage')).toBe('Scheduled');
    expect(shown(app, 6, 'Last contact')).toBe('2026-01-07');
    expect(shown(app, 6, 'Interview date')).toBe('2026-01-14');
    expect(logRows(app).map((r) => r.Event)).toEqual(['Pitch sent', 'Reply']);
  });

  it('text from dialogs stays text: formulas, @, + and - are never evaluated', () => {
    const app = tracker();
    const ctx = open(app, 'showInterviewDialog', 'Contacts!A2');
    const nasty = '=HYPERLINK("http://evil.example","click")';
    log(app, 'logInterview', {
      eventId: ctx.eventId,
      contactIds: ids(ctx),
      date: '2026-01-09',
      learned: nasty,
      nextStep: '+1 555 0100',
      referrals: [{ name: "=cmd|' /C calc'!A0", company: '@corp', role: '-1' }],
    });
    const logFormulas = logSheet(app).getDataRange().getFormulas();
    expect(logFormulas.flat().every((f) => f === '')).toBe(true);
    expect(logRows(app)[0].Details).toContain(`Learned: ${nasty}`);
    expect(logRows(app)[0]['Next step']).toBe('+1 555 0100');
    const last = app.sheet.getLastRow();
    expect([shown(app, last, 'FULL NAME'), shown(app, last, 'Employer'), shown(app, last, 'role')]).toEqual(["=cmd|' /C calc'!A0", '@corp', '-1']);
    expect(
      app.sheet
        .getRange(last, 1, 1, app.sheet.getLastColumn())
        .getFormulas()[0]
        .every((f) => f === ''),
    ).toBe(true);
  });

  it('text over 50,000 characters is refused before anything is written', () => {
    const app = tracker();
    const ctx = open(app, 'showPitchSentDialog', 'Contacts!A2');
    expect(refused(app, 'logPitchSent', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09', note: 'x'.repeat(50_001) })).toMatch(
      /at most 50,000/,
    );
    expect(logSheet(app)).toBeNull();
    expect(shown(app, 2, 'Stage')).toBe('To contact');
  });

  describe('at exactly 50,000 characters (the apostrophe that keeps "=" as text counts)', () => {
    const LIMIT = 50_000;
    const pitch = (app: ReturnType<typeof tracker>, note: string) => ({ eventId: 'long-text-0001', contactIds: ['C-0001'], date: '2026-01-09', note });

    it('a note of 50,000 starting with "=" is refused before anything is written', () => {
      const app = tracker();
      const before = snapshot(app.sheet);
      const message = refused(app, 'logPitchSent', pitch(app, '=' + 'x'.repeat(LIMIT - 1)));
      expect(message).toMatch(/^Note is 50,000 characters long; a cell holds at most 50,000 \(49,999 for text that starts with =, \+, - or @/);
      expect(message).toMatch(/Nothing was logged\.$/);
      expect(snapshot(app.sheet)).toEqual(before);
      expect(logSheet(app)).toBeNull();
    });

    it('49,999 starting with "=", and 50,000 plain, are logged exactly as typed', () => {
      const app = tracker();
      const formula = '=' + 'x'.repeat(LIMIT - 2);
      log(app, 'logPitchSent', pitch(app, formula));
      const plain = 'y'.repeat(LIMIT);
      log(app, 'logFollowUp', { ...pitch(app, plain), eventId: 'long-text-0002' });
      const details = logSheet(app)
        .getRange(2, 6, 2, 1)
        .getValues()
        .map((r) => r[0]);
      expect(details).toEqual([formula, plain]);
      expect(logSheet(app).getRange(2, 6).getFormula()).toBe('');
    });

    it('a referral role of 50,000 starting with "-" gets a message, not an exception, and nothing is written', () => {
      const app = tracker();
      const before = snapshot(app.sheet);
      const input = {
        eventId: 'long-text-0003',
        contactIds: ['C-0002'],
        date: '2026-01-09',
        referrals: [{ name: 'Dana Scully', role: '-' + 'r'.repeat(LIMIT - 1) }],
      };
      expect(refused(app, 'logInterview', input)).toMatch(/^Referral 1's role is 50,000 characters long; a cell holds at most 50,000 \(49,999/);
      expect(snapshot(app.sheet)).toEqual(before);
      expect(logSheet(app)).toBeNull();
    });

    it('a referral name too long for the log names the field without repeating the name', () => {
      const app = tracker();
      const before = snapshot(app.sheet);
      const message = refused(app, 'logInterview', {
        eventId: 'long-text-0004',
        contactIds: ['C-0002'],
        date: '2026-01-09',
        referrals: [{ name: 'Z'.repeat(LIMIT) }],
      });
      expect(message).toMatch(/^The log's (Details|Next step) for Prof\. Amara Obi would be 5\d,\d{3} characters/);
      expect(message.length).toBeLessThan(400);
      expect(snapshot(app.sheet)).toEqual(before);
    });
  });

  it('contact text reaches the dialog escaped, through the only scriptlet of the page', () => {
    const app = tracker();
    app.sheet.getRange(2, 1).setValue('<img src=x onerror=alert(1)> "Jordan"');
    open(app, 'showPitchSentDialog', 'Contacts!A2');
    const html = app.emu.ui.dialogs.at(-1)!.html;
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const page = readFileSync(join(BUILD, 'LogEventDialog.html'), 'utf8');
    expect(page.match(/<\?/g)).toEqual(['<?']);
    expect(page).toContain('data-context="<?= context ?>"');
  });

  it('finds the tracker columns after they were renamed and moved', () => {
    const app = tracker();
    const stageCol = headerOf(app.sheet).indexOf('Stage') + 1;
    app.sheet.getRange(1, stageCol).setValue('Where we are');
    app.sheet.moveColumns(app.sheet.getRange(1, stageCol, app.sheet.getMaxRows(), 1), 1);
    const ctx = open(app, 'showPitchSentDialog', 'Contacts!B2');
    log(app, 'logPitchSent', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09' });
    expect(app.sheet.getRange(2, 1).getValue()).toBe('Pitched');
  });

  it('a deleted tracker column gets a clear message and no change', () => {
    const app = tracker();
    const ctx = open(app, 'showPitchSentDialog', 'Contacts!A2');
    app.sheet.deleteColumn(headerOf(app.sheet).indexOf('Next follow-up') + 1);
    const before = snapshot(app.sheet);
    expect(refused(app, 'logPitchSent', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09' })).toMatch(
      /no "Next follow-up" column.*Set up tracker/,
    );
    expect(snapshot(app.sheet)).toEqual(before);
  });
});

describe('the Interview log', () => {
  it('is append-only: earlier rows, and what the user added to the sheet, are never overwritten', () => {
    const app = tracker();
    const first = open(app, 'showPitchSentDialog', 'Contacts!A2:A3');
    log(app, 'logPitchSent', { eventId: first.eventId, contactIds: ids(first), date: '2026-01-05' });
    const sheet = logSheet(app);
    sheet.getRange(5, 6).setValue('my own note, below the log');
    sheet.getRange(2, 9).setValue('my own column');
    const before = snapshot(sheet);
    const second = open(app, 'showFollowUpDialog', 'Contacts!A2');
    log(app, 'logFollowUp', { eventId: second.eventId, contactIds: ids(second), date: '2026-01-14' });
    const after = snapshot(sheet);
    expect(after.values.slice(0, before.values.length).map((r) => r.slice(0, before.values[0].length))).toEqual(before.values);
    expect(after.values).toHaveLength(6);
    expect(after.values[5][4]).toBe('Follow-up sent');
  });

  it('its columns are found after the user moves and renames them', () => {
    const app = tracker();
    const a = open(app, 'showPitchSentDialog', 'Contacts!A2');
    log(app, 'logPitchSent', { eventId: a.eventId, contactIds: ids(a), date: '2026-01-05' });
    const sheet = logSheet(app);
    sheet.getRange(1, 8).setValue('Key');
    sheet.moveColumns(sheet.getRange(1, 8, sheet.getMaxRows(), 1), 1); // Event ID first
    log(app, 'logPitchSent', { eventId: a.eventId, contactIds: ids(a), date: '2026-01-05' });
    expect(sheet.getLastRow()).toBe(2); // the moved Event ID column was read: still a no-op
    const b = open(app, 'showReplyDialog', 'Contacts!A2');
    log(app, 'logReply', { eventId: b.eventId, contactIds: ids(b), date: '2026-01-06' });
    expect(sheet.getRange(3, 1).getValue()).toBe(`${b.eventId}/C-0001`);
    expect(sheet.getRange(3, 6).getValue()).toBe('Reply');
  });

  it('where its columns are is remembered: the column tags are walked once, when the remembered places no longer hold', () => {
    const app = tracker();
    log(app, 'logPitchSent', { eventId: 'remember-event-1', contactIds: ['C-0001'], date: '2026-01-05' });
    // A log remembered as its sheet alone (as before the places were remembered).
    const { sheetId } = JSON.parse(app.emu.properties.document.get('iit.log')!) as { sheetId: number };
    app.emu.properties.document.set('iit.log', JSON.stringify({ sheetId }));
    const walks = (eventId: string, contact: string) =>
      app.bundle.run('logFollowUp', [{ eventId, contactIds: [contact], date: '2026-01-06' }]).byMethod['DeveloperMetadata.getLocation'] ?? 0;
    const walked = walks('remember-event-2', 'C-0002');
    const remembered = walks('remember-event-3', 'C-0003');
    expect(walked - remembered).toBe(8); // one tag per log column, read once
    expect(logRows(app).map((r) => [r['Contact ID'], r.Event])).toEqual([
      ['C-0001', 'Pitch sent'],
      ['C-0002', 'Follow-up sent'],
      ['C-0003', 'Follow-up sent'],
    ]);
    // Renamed by the user: the tags find it again, and its new header is remembered.
    logSheet(app).getRange(1, 5).setValue('What happened');
    expect(walks('remember-event-4', 'C-0004') - remembered).toBe(8);
    expect(walks('remember-event-5', 'C-0005')).toBe(remembered);
    expect(logRows(app).at(-1)).toMatchObject({ 'Contact ID': 'C-0005', 'What happened': 'Follow-up sent' });
  });

  it('is created again if the user deleted it', () => {
    const app = tracker();
    const a = open(app, 'showPitchSentDialog', 'Contacts!A2');
    log(app, 'logPitchSent', { eventId: a.eventId, contactIds: ids(a), date: '2026-01-05' });
    app.ss.deleteSheet(logSheet(app));
    const b = open(app, 'showReplyDialog', 'Contacts!A2');
    log(app, 'logReply', { eventId: b.eventId, contactIds: ids(b), date: '2026-01-06' });
    expect(logRows(app).map((r) => r.Event)).toEqual(['Reply']);
  });
});

describe('dates in the spreadsheet time zone', () => {
  it('Pacific/Auckland: "today" is the local day, business days skip the local weekend', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-08T20:00:00Z')); // Thu 20:00 UTC = Fri 9 Jan 09:00 in Auckland
    const app = tracker('Pacific/Auckland');
    const ctx = open(app, 'showPitchSentDialog', 'Contacts!A2');
    expect(ctx.today).toBe('2026-01-09');
    expect(ctx.timeZone).toBe('Pacific/Auckland');
    // Friday + 7 business days = Tuesday 20th (Thursday + 7 would be Monday 19th).
    log(app, 'logPitchSent', { eventId: ctx.eventId, contactIds: ids(ctx), date: ctx.today });
    expect(shown(app, 2, 'Next follow-up')).toBe('2026-01-20');
    expect(shown(app, 2, 'Last contact')).toBe('2026-01-09');
    expect(logRows(app)[0].Timestamp).toBe('2026-01-09 09:00:00');
    expect(logRows(app)[0]['Event date']).toBe('2026-01-09');
    // The next local day is still the future there.
    const b = open(app, 'showThankYouDialog', 'Contacts!A3');
    expect(refused(app, 'logThankYou', { eventId: b.eventId, contactIds: ids(b), date: '2026-01-10' })).toMatch(/in the future/);
  });

  // The dialog reads the zone's copy that setup and each logged event keep beside the tracker's
  // record (src/server/base/clock.ts); a copy left stale by a change of zone gives the old zone's
  // day until the next logged event, which still checks the date in the real zone.
  it("the dialog's today comes from the zone's copy, kept by setup and each logged event; without one, from the zone", () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-08T20:00:00Z')); // Thu 8 Jan in UTC, Fri 9 Jan 09:00 in Auckland
    const app = tracker('Pacific/Auckland');
    const fromCopy = app.bundle.run('showPitchSentDialog', [], { select: 'Contacts!A2' });
    expect(fromCopy.byMethod['Spreadsheet.getSpreadsheetTimeZone']).toBeUndefined();
    expect(fromCopy.result).toMatchObject({ today: '2026-01-09', timeZone: 'Pacific/Auckland' });

    app.ss.setSpreadsheetTimeZone('Etc/UTC');
    const stale = open(app, 'showPitchSentDialog', 'Contacts!A2');
    expect(stale).toMatchObject({ today: '2026-01-09', timeZone: 'Pacific/Auckland' });
    // The event is checked in the real zone (the 9th is tomorrow in UTC), and brings the copy up to date.
    expect(refused(app, 'logPitchSent', { eventId: stale.eventId, contactIds: ids(stale), date: stale.today })).toMatch(/in the future/);
    expect(open(app, 'showPitchSentDialog', 'Contacts!A2')).toMatchObject({ today: '2026-01-09', timeZone: 'Pacific/Auckland' });
    log(app, 'logPitchSent', { eventId: 'zone-copy-event', contactIds: ['C-0001'], date: '2026-01-08' });
    expect(open(app, 'showPitchSentDialog', 'Contacts!A2')).toMatchObject({ today: '2026-01-08', timeZone: 'Etc/UTC' });

    // A tracker set up before the copy existed: the dialog reads the zone itself.
    app.emu.properties.document.delete('iit.timeZone');
    app.ss.setSpreadsheetTimeZone('Pacific/Auckland');
    const read = app.bundle.run('showPitchSentDialog', [], { select: 'Contacts!A2' });
    expect(read.byMethod['Spreadsheet.getSpreadsheetTimeZone']).toBe(1);
    expect(read.result).toMatchObject({ today: '2026-01-09', timeZone: 'Pacific/Auckland' });
  });

  it('America/Los_Angeles: Show follow-ups due compares with the local today', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-15T05:00:00Z')); // Thu 15 Jan in UTC, Wed 14 Jan 21:00 in Los Angeles
    const app = tracker('America/Los_Angeles');
    const old = open(app, 'showPitchSentDialog', 'Contacts!A2');
    log(app, 'logPitchSent', { eventId: old.eventId, contactIds: ids(old), date: '2026-01-02' }); // Fri + 7 business days = Tue 13th: overdue
    const recent = open(app, 'showPitchSentDialog', 'Contacts!A3');
    log(app, 'logPitchSent', { eventId: recent.eventId, contactIds: ids(recent), date: '2026-01-09' }); // 3 business days: Wed 14th
    const talk = open(app, 'showInterviewDialog', 'Contacts!A4');
    log(app, 'logInterview', { eventId: talk.eventId, contactIds: ids(talk), date: '2026-01-14' }); // thank-you due Thu 15th: not yet, locally
    const run = app.bundle.run('showFollowUpsDue', [], { select: 'Contacts!A7' });
    const result = run.result as { ok: true; due: string[]; secondContact: string[]; message: string };
    expect(result.due).toEqual(['C-0001']);
    expect(result.secondContact).toEqual(['row 3']);
    expect(result.message).toContain('today is Wed 2026-01-14');
    expect(result.message).toContain('Row 2: Jordan Ellis (C-0001), 1 day overdue: follow up once with Jordan.');
    expect(app.emu.ui.alerts.at(-1)).toMatchObject({ title: 'Follow-ups due', prompt: result.message });
    expect(app.ss.getActiveRange().getRow()).toBe(2); // the first due contact is selected
  });
});

describe('closed contacts keep no pending follow-up; an outcome replaces an old reminder', () => {
  const dueOn = (app: ReturnType<typeof tracker>, day: string) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(`${day}T12:00:00Z`));
    const r = app.bundle.run('showFollowUpsDue', [], { select: 'Contacts!A2' }).result as { ok: true; due: string[]; message: string };
    vi.useRealTimers();
    return r;
  };

  it('a thank-you sent the day of the conversation clears the reminder set for the next day: Thanked is closed', () => {
    const app = tracker();
    const talk = open(app, 'showInterviewDialog', 'Contacts!A2');
    log(app, 'logInterview', { eventId: talk.eventId, contactIds: ids(talk), date: '2026-01-08' });
    expect(shown(app, 2, 'Next follow-up')).toBe('2026-01-09');
    const thanks = open(app, 'showThankYouDialog', 'Contacts!A2');
    const r = log(app, 'logThankYou', { eventId: thanks.eventId, contactIds: ids(thanks), date: '2026-01-08' });
    expect(shown(app, 2, 'Stage')).toBe('Thanked');
    expect(shown(app, 2, 'Next follow-up')).toBe('');
    expect(r.contacts[0].nextFollowUp).toBe('');
  });

  it("a job interview or an offer replaces the pitch's follow-up date with a reminder to tell them, the next day", () => {
    const app = tracker();
    const pitch = open(app, 'showPitchSentDialog', 'Contacts!A3');
    log(app, 'logPitchSent', { eventId: pitch.eventId, contactIds: ids(pitch), date: '2026-01-05' });
    expect(shown(app, 3, 'Next follow-up')).toBe('2026-01-14');
    const job = open(app, 'showJobInterviewDialog', 'Contacts!A3');
    log(app, 'logOutcome', { eventId: job.eventId, contactIds: ids(job), date: '2026-01-07', kind: 'job_interview', company: 'State University' });
    expect(shown(app, 3, 'Next follow-up')).toBe('2026-01-08');
    expect(dueOn(app, '2026-01-08').message).toMatch(/Prof\. Amara Obi \(C-0002\), due today: tell Amara about the job interview\./);
  });

  it('an offer for a Thanked contact leaves no follow-up date behind', () => {
    const app = tracker();
    const talk = open(app, 'showInterviewDialog', 'Contacts!A2');
    log(app, 'logInterview', { eventId: talk.eventId, contactIds: ids(talk), date: '2026-01-08' });
    const thanks = open(app, 'showThankYouDialog', 'Contacts!A2');
    log(app, 'logThankYou', { eventId: thanks.eventId, contactIds: ids(thanks), date: '2026-01-09' });
    // A date the user typed on the Thanked row before the news.
    app.sheet.getRange(2, headerOf(app.sheet).indexOf('Next follow-up') + 1).setValue('2026-02-01');
    const offer = open(app, 'showOfferDialog', 'Contacts!A2');
    log(app, 'logOutcome', { eventId: offer.eventId, contactIds: ids(offer), date: '2026-03-20', kind: 'offer', company: 'Globex' });
    expect(shown(app, 2, 'Outcome')).toBe('Offer');
    expect(shown(app, 2, 'Next follow-up')).toBe('');
  });
});

describe("the log's next step", () => {
  it('names a contact whose name is not a word whole, never a cut-up piece of it', () => {
    const app = tracker();
    const nameAt = headerOf(app.sheet).indexOf('FULL NAME') + 1;
    app.sheet.getRange(2, nameAt).setValue('<img src=x onerror=alert(1)>');
    app.sheet.getRange(3, nameAt).setValue('\'=HYPERLINK("x", "y")');
    const talk = open(app, 'showInterviewDialog', 'Contacts!A3');
    log(app, 'logInterview', { eventId: talk.eventId, contactIds: ids(talk), date: '2026-01-08', referrals: [{ name: '<b>Kim</b> Lee' }] });
    const pitch = open(app, 'showPitchSentDialog', 'Contacts!A2');
    log(app, 'logPitchSent', { eventId: pitch.eventId, contactIds: ids(pitch), date: '2026-01-09' });
    const steps = logRows(app).map((r) => r['Next step']);
    expect(steps[0]).toBe('Send =HYPERLINK("x", "y") a thank-you by Fri 2026-01-09.');
    expect(steps[1]).toBe('Reach out to <b>Kim</b> Lee, saying that =HYPERLINK("x", "y") suggested you talk.');
    expect(steps[2]).toMatch(/follow up once with <img src=x onerror=alert\(1\)>\.$/);
  });

  it('after an offer, thanks the person who made the introduction, and never thanks for an introduction nobody made', () => {
    const app = tracker();
    const talk = open(app, 'showInterviewDialog', 'Contacts!A2');
    log(app, 'logInterview', {
      eventId: talk.eventId,
      contactIds: ids(talk),
      date: '2026-01-08',
      referrals: [{ name: 'Dana Scully', email: 'dana@fbi.example' }],
    });
    const dana = app.sheet.getLastRow();
    const offer = open(app, 'showOfferDialog', `Contacts!A${dana}`);
    log(app, 'logOutcome', { eventId: offer.eventId, contactIds: ids(offer), date: '2026-03-20', kind: 'offer', company: 'FBI' });
    const direct = open(app, 'showOfferDialog', 'Contacts!A4');
    log(app, 'logOutcome', { eventId: direct.eventId, contactIds: ids(direct), date: '2026-03-21', kind: 'offer', company: 'Contoso' });
    const steps = logRows(app)
      .filter((r) => r.Event === 'Offer')
      .map((r) => r['Next step']);
    expect(steps).toEqual([
      'Tell Dana about the offer and thank them for their help; thank Jordan Ellis too, who introduced you to Dana.',
      'Tell Rosa about the offer and thank them for their help.',
    ]);
  });
});

describe('an Interview log whose grid ends at its last row', () => {
  it('grows by the rows the event needs and spare ones, and keeps every earlier row', () => {
    const app = tracker();
    log(app, 'logPitchSent', { eventId: 'grid-event-1', contactIds: ['C-0001'], date: '2026-01-09' });
    const sheet = logSheet(app);
    sheet.deleteRows(sheet.getLastRow() + 1, sheet.getMaxRows() - sheet.getLastRow());
    expect(sheet.getMaxRows()).toBe(2);
    log(app, 'logPitchSent', { eventId: 'grid-event-2', contactIds: ['C-0002', 'C-0003', 'C-0004'], date: '2026-01-10' });
    expect(logRows(app).map((r) => r['Event ID'])).toEqual(['grid-event-1/C-0001', 'grid-event-2/C-0002', 'grid-event-2/C-0003', 'grid-event-2/C-0004']);
    expect(logRows(app)[3]['Event date']).toBe('2026-01-10');
    // With a new sheet's worth of spare rows, so that the next events append without reading or
    // growing the grid. Not formatted ahead by the add-on (a run stopped before formatting them
    // could not mend it): each event checks its own rows' formats; these already have the log's,
    // taken from the row before them when inserted, as Google's inserted rows do.
    expect(sheet.getMaxRows()).toBe(5 + 1000);
    expect([sheet.getRange(5, 1).getNumberFormat(), sheet.getRange(5, 2).getNumberFormat()]).toEqual(['yyyy-mm-dd hh:mm:ss', 'yyyy-mm-dd']);
    const next = app.bundle.run('logPitchSent', [{ eventId: 'grid-event-3', contactIds: ['C-0005'], date: '2026-01-11' }]);
    expect(next.byMethod['Sheet.getMaxRows']).toBeUndefined();
    expect(next.byMethod['Range.setNumberFormats']).toBeUndefined();
    expect([sheet.getRange(6, 1).getNumberFormat(), sheet.getRange(6, 2).getNumberFormat()]).toEqual(['yyyy-mm-dd hh:mm:ss', 'yyyy-mm-dd']);
    expect(next.calls).toBeLessThanOrEqual(26);
  });
});
