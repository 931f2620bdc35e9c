// Where logging writes in the tracker, through the built bundle: the columns it remembers by
// their metadata (never by a header the user typed over), cells under merges, Plain text columns.
import { describe, expect, it } from 'vitest';
import { columnLetters } from '../../../src/core/base/a1.ts';
import type { ImportResult, SetupResult } from '../../../src/shared/types.ts';
import { addOn } from '../../helpers.ts';
import { headerOf, ids, log, logSheet, open, refused, shown, snapshot, tracker } from '../logging/log-world.ts';

const columnOf = (app: ReturnType<typeof tracker>, header: string) => headerOf(app.sheet).indexOf(header) + 1;

describe('a tracker column is the one its metadata says, whatever its header says', () => {
  it('Stage deleted and Outcome renamed "Stage": Mark pitch sent says Stage is missing and writes nothing; Set up tracker adds Stage back', () => {
    const app = tracker();
    app.sheet.deleteColumn(columnOf(app, 'Stage'));
    app.sheet.getRange(1, columnOf(app, 'Outcome')).setValue('Stage');
    const before = snapshot(app.sheet);
    const ctx = open(app, 'showPitchSentDialog', 'Contacts!A2');
    const message = refused(app, 'logPitchSent', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09' });
    expect(message).toBe('The tracker has no "Stage" column. Run Set up tracker to add it back, then try again. Nothing was logged.');
    expect(snapshot(app.sheet)).toEqual(before);
    expect(logSheet(app)).toBeNull();

    app.emu.ui.answer('YES');
    const setup = app.bundle.run('setUpTracker').result as SetupResult;
    expect(setup.ok).toBe(true);
    const outcome = columnOf(app, 'Stage'); // the renamed Outcome column, leftmost
    const stage = headerOf(app.sheet).lastIndexOf('Stage') + 1;
    expect(stage).toBeGreaterThan(outcome);
    const again = open(app, 'showPitchSentDialog', 'Contacts!A2');
    log(app, 'logPitchSent', { eventId: again.eventId, contactIds: ids(again), date: '2026-01-09' });
    expect(app.sheet.getRange(2, stage).getDisplayValue()).toBe('Pitched');
    expect(app.sheet.getRange(2, outcome).getDisplayValue()).toBe('');
  });
});

describe('merged cells', () => {
  it('a reply logged on a row whose Stage cell is under a merge is refused, naming the cell, before any write', () => {
    const app = tracker();
    const letter = columnLetters(columnOf(app, 'Stage'));
    app.sheet.getRange(`${letter}6:${letter}7`).merge();
    const before = snapshot(app.sheet);
    const ctx = open(app, 'showReplyDialog', 'Contacts!A7');
    const message = refused(app, 'logReply', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-12', meetingDate: '2026-01-16' });
    expect(message).toContain(`${letter}7`);
    expect(message).toContain(`${letter}6:${letter}7`);
    expect(message).toMatch(/Unmerge/);
    expect(message).toMatch(/Nothing was logged\.$/);
    expect(snapshot(app.sheet)).toEqual(before);
    expect(logSheet(app)).toBeNull();
  });

  it('the top-left cell of a merge is refused too (the value would show on every row of the merge)', () => {
    const app = tracker();
    const letter = columnLetters(columnOf(app, 'Stage'));
    app.sheet.getRange(`${letter}2:${letter}3`).merge();
    const before = snapshot(app.sheet);
    const ctx = open(app, 'showPitchSentDialog', 'Contacts!A2');
    expect(refused(app, 'logPitchSent', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09' })).toContain(`${letter}2`);
    expect(snapshot(app.sheet)).toEqual(before);
  });

  it('a referral row that would land under a merge below the table is refused before any write', () => {
    const app = tracker();
    const below = app.sheet.getLastRow() + 1;
    app.sheet.getRange(below, 1, 2, 2).merge();
    const before = snapshot(app.sheet);
    const ctx = open(app, 'showInterviewDialog', 'Contacts!A3');
    const message = refused(app, 'logInterview', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09', referrals: [{ name: 'Dana Scully' }] });
    expect(message).toContain(`A${below}:B${below + 1}`);
    expect(snapshot(app.sheet)).toEqual(before);
    expect(logSheet(app)).toBeNull();
  });
});

describe('merged cells in the Interview log', () => {
  it('a merge where the next log rows go is refused before any write, naming the sheet and the cell', () => {
    const app = tracker();
    const first = open(app, 'showPitchSentDialog', 'Contacts!A2');
    log(app, 'logPitchSent', { eventId: first.eventId, contactIds: ids(first), date: '2026-01-08' });
    logSheet(app)!.getRange('B3:C3').merge();
    const before = snapshot(app.sheet);
    const logBefore = snapshot(logSheet(app)!);
    const ctx = open(app, 'showReplyDialog', 'Contacts!A3');
    const message = refused(app, 'logReply', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-12' });
    expect(message).toMatch(/^In the sheet "Interview log": Cell B3 is part of the merged cells B3:C3.*Nothing was logged\.$/);
    expect(snapshot(app.sheet)).toEqual(before);
    expect(snapshot(logSheet(app)!)).toEqual(logBefore);
  });
});

describe('merged cells, in Set up tracker and Import', () => {
  it('Set up tracker does not give a new contact an ID hidden under a merge: it says which cell, and changes nothing', () => {
    const app = tracker();
    const letter = columnLetters(columnOf(app, 'Contact ID'));
    app.sheet.getRange(9, 1).setValue('Sam Lee');
    app.sheet.getRange(`${letter}8:${letter}9`).merge(); // row 8 has no name, so no ID above Sam's
    const before = snapshot(app.sheet);
    const setup = app.bundle.run('setUpTracker').result as SetupResult;
    expect(setup.ok).toBe(false);
    expect(!setup.ok && setup.message).toMatch(new RegExp(`^Cell ${letter}9 is part of the merged cells ${letter}8:${letter}9.*Nothing was changed\\.$`));
    expect(snapshot(app.sheet)).toEqual(before);
  });

  it('Set up tracker on a new sheet refuses a merge where its new columns go, and minds none beyond them', () => {
    const csv = 'Name,Email\nAmara Obi,amara@example.com\nBen Ito,ben@example.com\n';
    const refusedApp = addOn({ csv, sheetName: 'Contacts' });
    const sheet = refusedApp.ss.getSheetByName('Contacts')!;
    sheet.getRange('D3:E3').merge(); // the new Relationship and Referred by cells of Ben's row
    const before = snapshot(sheet);
    const setup = refusedApp.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as SetupResult;
    expect(setup.ok).toBe(false);
    expect(!setup.ok && setup.message).toMatch(/^Cell D3 is part of the merged cells D3:E3.*Nothing was changed\.$/);
    expect(snapshot(sheet)).toEqual(before);
    expect(sheet.getLastColumn()).toBe(2);

    const app = addOn({ csv, sheetName: 'Contacts' });
    const other = app.ss.getSheetByName('Contacts')!;
    other.getRange('X1:Z1').merge(); // in the header row, right of every column setup adds
    other.getRange('C10:D11').merge(); // in the new columns, below the contacts
    const done = app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as SetupResult;
    expect(done.ok).toBe(true);
    expect(other.getRange(1, 3).getValue()).toBe('Contact ID');
  });

  it('Import does not fill an empty cell hidden under a merge nor add rows under one: it says which cell, and changes nothing', () => {
    const app = tracker();
    const letter = columnLetters(columnOf(app, 'e-mail'));
    app.sheet.getRange(`${letter}2:${letter}3`).merge(); // Amara's email (row 3) is now hidden, and reads empty
    const before = snapshot(app.sheet);
    const csv = 'Name,Email,Company\nProf. Amara Obi,amara@new.example,State University\n';
    const r = app.bundle.run('importContacts', [csv, {}]).result as ImportResult;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(new RegExp(`^Cell ${letter}3 is part of the merged cells ${letter}2:${letter}3.*Nothing was imported\\.$`));
    expect(snapshot(app.sheet)).toEqual(before);
  });

  it('Set up tracker checks merges where the new columns go, right of the data: it says which cell, and changes nothing', () => {
    const app = addOn({ csv: 'Name,Email\nAnn,a@x.com\nBob,b@x.com\nCy,c@x.com\n', sheetName: 'Contacts' });
    const sheet = app.ss.getSheetByName('Contacts')!;
    sheet.getRange('C3:C4').merge(); // empty cells, outside the data range
    const before = snapshot(sheet);
    const setup = app.bundle.run('setUpTracker').result as SetupResult;
    expect(setup.ok).toBe(false);
    expect(!setup.ok && setup.message).toMatch(/^Cell C3 is part of the merged cells C3:C4.*Nothing was changed\.$/);
    expect(snapshot(sheet)).toEqual(before);
    expect(sheet.getLastColumn()).toBe(2);
    expect(app.emu.properties.document.size).toBe(0);
  });

  it('Import does not insert new contacts inside a merge of the last row and the row below: it names the merge, and changes nothing', () => {
    const app = tracker();
    const last = app.sheet.getLastRow();
    const notes = columnOf(app, 'Notes');
    const letter = columnLetters(notes);
    app.sheet.getRange(last, notes, 2, 1).merge();
    const before = snapshot(app.sheet);
    const maxRows = app.sheet.getMaxRows();
    const csv = 'Name,Email,Notes\nNew Person,new@example.com,my note\nOther One,o@example.com,other note\n';
    const r = app.bundle.run('importContacts', [csv, {}]).result as ImportResult;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(new RegExp(`${letter}${last}:${letter}${last + 1}.*Nothing was imported\\.$`));
    expect(snapshot(app.sheet)).toEqual(before);
    expect(app.sheet.getMaxRows()).toBe(maxRows);
    expect(
      app.sheet
        .getRange(last, notes)
        .getMergedRanges()
        .map((m) => m.getA1Notation()),
    ).toEqual([`${letter}${last}:${letter}${last + 1}`]);
  });
});

describe('Plain text columns', () => {
  it('a referral logged into Plain text name, company and role columns holds the text without an apostrophe', () => {
    const app = tracker();
    for (const header of ['FULL NAME', 'Employer', 'role']) {
      const c = columnOf(app, header);
      app.sheet.getRange(2, c, app.sheet.getMaxRows() - 1, 1).setNumberFormat('@');
    }
    const added = app.sheet.getLastRow() + 1;
    const ctx = open(app, 'showInterviewDialog', 'Contacts!A3');
    log(app, 'logInterview', {
      eventId: ctx.eventId,
      contactIds: ids(ctx),
      date: '2026-01-09',
      referrals: [{ name: '=Bob Smith', company: '+Acme', role: '-lead' }],
    });
    expect([shown(app, added, 'FULL NAME'), shown(app, added, 'Employer'), shown(app, added, 'role')]).toEqual(['=Bob Smith', '+Acme', '-lead']);
    expect(app.sheet.getRange(added, columnOf(app, 'FULL NAME')).getFormula()).toBe('');
  });
});

describe('Plain text columns, in rows already there', () => {
  it('a referral matched to a contact fills its empty Plain text role cell with the text itself', () => {
    const app = tracker();
    const role = columnOf(app, 'role');
    app.sheet.getRange(2, role, app.sheet.getMaxRows() - 1, 1).setNumberFormat('@');
    app.sheet.getRange(7, role).setValue(''); // Liam O'Connor's
    const ctx = open(app, 'showInterviewDialog', 'Contacts!A3');
    log(app, 'logInterview', {
      eventId: ctx.eventId,
      contactIds: ids(ctx),
      date: '2026-01-09',
      referrals: [{ name: 'Liam OConnor', email: 'liam.oconnor@example.ie', role: '+lead' }],
    });
    expect(app.sheet.getRange(7, role).getValue()).toBe('+lead');
  });
});

describe("a tracker column renamed to a contact field's header", () => {
  it('"Notes for coach" renamed "Notes": set up again keeps it the tracker\'s, and an imported Notes column does not go into it', () => {
    const app = addOn({ csv: 'Name,Email\nAnn,a@x.com\nBob,b@x.com\n', sheetName: 'Contacts' });
    const sheet = app.ss.getSheetByName('Contacts')!;
    expect((app.bundle.run('setUpTracker').result as SetupResult).ok).toBe(true);
    const notesForCoach = headerOf(sheet).indexOf('Notes for coach') + 1;
    sheet.getRange(1, notesForCoach).setValue('Notes');
    const again = app.bundle.run('setUpTracker').result as SetupResult;
    if (!again.ok) throw new Error(again.message);
    expect(again.summary).not.toMatch(/recogni[sz]ed[^.]*"Notes"/i);
    const r = app.bundle.run('importContacts', ['Name,Email,Notes\nAnn,a@x.com,PRIVATE diary\nCy,c@x.com,PRIVATE 2\n', {}]).result as ImportResult;
    if (!r.ok) throw new Error(r.message);
    expect(sheet.getRange(2, notesForCoach, 3, 1).getValues().flat()).toEqual(['', '', '']);
  });
});

describe('Plain text columns of the Interview log', () => {
  it('a name that looks like a formula is written into a Plain text Name column of the log as typed', () => {
    const app = tracker();
    const first = open(app, 'showPitchSentDialog', 'Contacts!A2');
    log(app, 'logPitchSent', { eventId: first.eventId, contactIds: ids(first), date: '2026-01-08' });
    const sheet = logSheet(app)!;
    const name = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].indexOf('Name') + 1;
    sheet.getRange(2, name, sheet.getMaxRows() - 1, 1).setNumberFormat('@');
    const ctx = open(app, 'showInterviewDialog', 'Contacts!A3');
    log(app, 'logInterview', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09', referrals: [{ name: '=Bob Smith' }] });
    expect(sheet.getRange(4, name).getValue()).toBe('=Bob Smith');
    expect(sheet.getRange(4, name).getFormula()).toBe('');
  });
});

describe('Contact IDs typed by hand', () => {
  it('a typed C-99999999999999999 is said by setup and import and left out of the numbering: new IDs go on from the real counter, all unique', () => {
    const app = tracker();
    const idColumn = columnOf(app, 'Contact ID');
    const huge = 'C-99999999999999999';
    app.sheet.getRange(7, idColumn).setValue(huge); // Liam O'Connor's row, which had C-0006
    app.sheet.getRange(9, 1).setValue('Sam Lee');
    const setup = app.bundle.run('setUpTracker').result as SetupResult;
    if (!setup.ok) throw new Error(setup.message);
    expect(setup.warnings.join('\n')).toContain(`Row 7 has the Contact ID ${huge}`);
    expect(app.sheet.getRange(9, idColumn).getValue()).toBe('C-0007');

    const r = app.bundle.run('importContacts', ['Name,Email\nNew Person,new@example.com\n', {}]).result as ImportResult;
    if (!r.ok) throw new Error(r.message);
    expect(r.summary.added).toBe(1);
    expect(r.summary.warnings?.join('\n')).toContain(`Row 7 has the Contact ID ${huge}`);
    expect(app.sheet.getRange(10, idColumn).getValue()).toBe('C-0008');

    const ctx = open(app, 'showInterviewDialog', 'Contacts!A7');
    expect(ids(ctx)).toEqual([huge]);
    const logged = log(app, 'logInterview', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09', referrals: [{ name: 'Dana Scully' }] });
    expect(logged.referrals).toEqual([{ id: 'C-0009', name: 'Dana Scully', status: 'added' }]);
    expect(shown(app, 11, 'Referred by')).toBe(huge);
  });

  it('after a typed C-999999999, setup refuses to number new contacts rather than hand out C-1000000000, which a later run would hand out again', () => {
    const app = tracker();
    const idColumn = columnOf(app, 'Contact ID');
    app.sheet.getRange(7, idColumn).setValue('C-999999999');
    app.sheet.getRange(9, 1).setValue('Sam Lee');
    const before = snapshot(app.sheet);
    const setup = app.bundle.run('setUpTracker').result as SetupResult;
    expect(setup.ok).toBe(false);
    expect(!setup.ok && setup.message).toMatch(/^The tracker's numbering has reached C-999999999/);
    expect(snapshot(app.sheet)).toEqual(before);

    const r = app.bundle.run('importContacts', ['Name,Email\nNew Person,new@example.com\n', {}]).result as ImportResult;
    expect(r.ok).toBe(false);
    expect(snapshot(app.sheet)).toEqual(before);

    const ctx = open(app, 'showInterviewDialog', 'Contacts!A3');
    const message = refused(app, 'logInterview', { eventId: ctx.eventId, contactIds: ids(ctx), date: '2026-01-09', referrals: [{ name: 'Dana Scully' }] });
    expect(message).toMatch(/^The tracker's numbering has reached C-999999999/);
    expect(snapshot(app.sheet)).toEqual(before);
  });
});
