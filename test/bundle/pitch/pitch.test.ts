// The pitch sidebar's server targets through the built bundle in the emulator.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, BUILD } from '../../helpers.ts';
import { MAX_VALUE_BYTES } from '../../../local/emulator/services/properties.ts';
import { addBusinessDays } from '../../../src/core/base/calendar.ts';
import { formatIsoDate, type DateParts } from '../../../src/core/base/dates.ts';
import { CHUNK_PREFIX } from '../../../src/core/pitch/store.ts';
import type { NextContactResult, PitchContextResult, PitchUserData, SettingsResult, TemplatesExport, TemplatesResult } from '../../../src/shared/pitch.ts';
import type { LogResult } from '../../../src/shared/types.ts';
import type { EmuSheet } from '../../../local/emulator/spreadsheet/sheet.ts';

const CSV = [
  'Name,Email,Company,Title,How we met',
  'Ada Lovelace,ada@example.com,Northwind Labs,Product Manager,Alumni dinner',
  'Grace Hopper,grace@example.com,Contoso Health,Engineer,Internship',
  '"<img src=x onerror=alert(1)>",x@example.com,Initech,Analyst,',
  'Alan Turing,,Globex,Researcher,Conference',
  'Katherine Johnson,kj@example.com,Fabrikam,Data Analyst,Friend',
].join('\n');

const HEADERS = [
  'Name',
  'Email',
  'Company',
  'Title',
  'How we met',
  'Contact ID',
  'Relationship',
  'Referred by',
  'Stage',
  'Last contact',
  'Next follow-up',
  'Interview date',
  'Thank-you sent',
  'Referrals given',
  'Outcome',
  'Notes for coach',
];
const col = (header: string) => HEADERS.indexOf(header) + 1;

function tracker() {
  const app = addOn({ csv: CSV, sheetName: 'Contacts' });
  const setup = app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as { ok: boolean };
  expect(setup.ok).toBe(true);
  const sheet = app.ss.getSheetByName('Contacts')!;
  expect(sheet.getRange(1, 1, 1, HEADERS.length).getValues()[0]).toEqual(HEADERS);
  const call = <T>(fn: string, args: unknown[] = [], select?: string) => app.bundle.run(fn, args, { select }).result as T;
  return { ...app, sheet, call };
}

/** What google.script.run can return: no Date (or other object) anywhere, so JSON keeps it all. */
function expectPlainJson(value: unknown): void {
  const walk = (v: unknown, path: string): void => {
    if (v instanceof Date) throw new Error(`Date at ${path}`);
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(value, '$');
  expect(JSON.parse(JSON.stringify(value))).toEqual(value);
}

function today(): DateParts {
  const d = new Date();
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Opens the sidebar from the menu; the user's data the page received, and the page. */
function openSidebar(app: ReturnType<typeof tracker>): { data: PitchUserData; html: string } {
  app.call('showPitchSidebar');
  const { html } = app.emu.ui.sidebars.at(-1)!;
  const attrs = [...html.matchAll(/data-user="([^"]*)"/g)];
  expect(attrs).toHaveLength(1);
  return { data: JSON.parse(unescapeHtml(attrs[0][1])) as PitchUserData, html };
}

function rowValues(sheet: EmuSheet, row: number): Record<string, unknown> {
  const values = sheet.getRange(row, 1, 1, HEADERS.length).getDisplayValues()[0];
  return Object.fromEntries(HEADERS.map((h, i) => [h, values[i]]));
}

function logRows(app: ReturnType<typeof tracker>) {
  const log = app.ss.getSheetByName('Interview log');
  return log ? log.getDataRange().getDisplayValues() : [];
}

describe('Draft a pitch… menu item', () => {
  it('is in the menu and opens a 300 px sidebar with the built page, the user data printed into it as data', () => {
    const app = tracker();
    app.bundle.run('onOpen', [{ authMode: 'NONE' }], { authMode: 'NONE' });
    expect(app.emu.ui.menus.at(-1)!.items).toContainEqual({ type: 'item', caption: 'Draft a pitch…', functionName: 'showPitchSidebar' });
    const page = readFileSync(join(BUILD, 'PitchSidebar.html'), 'utf8');
    // One scriptlet only: nothing else in the page (its script above all) is read as one.
    expect(page.match(/<\?/g)).toEqual(['<?']);
    expect(page).toContain('data-user="<?= userData ?>"');
    const { data, html } = openSidebar(app);
    expect(app.emu.ui.sidebars.at(-1)).toMatchObject({ title: 'Draft a pitch', width: 300 });
    expect(data).toEqual({ settings: { myName: '', aboutMe: '', myField: '', learnGoal: '', wordLimit: 100 }, templates: [], templatesDamaged: false });
    expect(html.replace(/data-user="[^"]*"/, 'data-user="<?= userData ?>"')).toBe(page);
  });

  it("puts the user's details and templates into the page as escaped data, never as markup", () => {
    const app = tracker();
    const XSS = '"><img src=x onerror="window.__pwned=1"></div><script>alert(1)</script>';
    app.call('saveUserSettings', [{ myName: XSS, aboutMe: '', myField: '', learnGoal: '', wordLimit: 100 }]);
    app.call('saveTemplate', [{ name: 'Mine', purpose: 'pitch', subject: XSS, body: `Hi ${XSS}?` }]);
    const { data, html } = openSidebar(app);
    expect(data.settings.myName).toBe(XSS);
    expect(data.templates.map((t) => [t.name, t.subject, t.body])).toEqual([['Mine', XSS, `Hi ${XSS}?`]]);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('alert(1)</script>');
  });

  it('reads the user data in the menu call, within its budget', () => {
    const app = tracker();
    const run = app.bundle.run('showPitchSidebar', [], { select: 'Contacts!A2' });
    expect(run.byMethod['Properties.getProperties']).toBe(1);
    expect(run.calls).toBeLessThanOrEqual(12);
  });
});

describe('getPitchContext', () => {
  it('gives the selected contact as plain JSON: values by header, dates as ISO days, the referrer by name', () => {
    const app = tracker();
    app.sheet.getRange(2, col('Referred by')).setValue('C-0002');
    app.sheet.getRange(2, col('Relationship')).setValue('Alumni');
    app.sheet.getRange(2, col('Next follow-up')).setValue(new Date(Date.UTC(2026, 0, 13)));
    const ctx = app.call<PitchContextResult>('getPitchContext', [], 'Contacts!C2');
    expectPlainJson(ctx);
    if (!ctx.ok) throw new Error(ctx.message);
    expect(ctx.headers).toEqual(HEADERS);
    expect(ctx.note).toBe('');
    expect(ctx.contact).toMatchObject({
      row: 2,
      id: 'C-0001',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      company: 'Northwind Labs',
      stage: 'To contact',
      relationship: 'Alumni',
      referrerName: 'Grace Hopper',
      referredByHeader: 'Referred by',
      nextFollowUp: '2026-01-13',
    });
    expect(ctx.contact!.values).toMatchObject({
      Name: 'Ada Lovelace',
      Title: 'Product Manager',
      'How we met': 'Alumni dinner',
      'Referred by': 'C-0002',
      'Next follow-up': '2026-01-13',
    });
    expect(ctx.today).toBe(formatIsoDate(today()));
    expect(ctx.timeZone).toBe('Etc/UTC');
    // The user's details and templates are in the page (the menu put them there), not read again.
    expect(Object.keys(ctx).sort()).toEqual(['contact', 'headers', 'note', 'ok', 'timeZone', 'today']);
  });

  it('reads the row it is asked for, and explains when nothing usable is selected', () => {
    const app = tracker();
    const byRow = app.call<PitchContextResult>('getPitchContext', [5]);
    expect(byRow.ok && byRow.contact?.name).toBe('Alan Turing');
    const header = app.call<PitchContextResult>('getPitchContext', [], 'Contacts!B1');
    expect(header.ok && header.contact).toBeNull();
    expect(header.ok && header.note).toMatch(/^Row 1 is not a contact\. Select a contact's row in "Contacts"/);
    const empty = app.call<PitchContextResult>('getPitchContext', [], 'Contacts!A40');
    expect(empty.ok && empty.note).toMatch(/^Row 40 has no contact/);
    app.ss.insertSheet('Other');
    const other = app.call<PitchContextResult>('getPitchContext', [], 'Other!A2');
    expect(other.ok && other.note).toMatch(/^No contact selected/);
  });

  it('works before there is a tracker, saying how to make one', () => {
    const app = addOn({ csv: CSV, sheetName: 'Contacts' });
    const ctx = app.bundle.run('getPitchContext', [], { select: 'Contacts!A2' }).result as PitchContextResult;
    expect(ctx.ok && ctx.contact).toBeNull();
    expect(ctx.ok && ctx.note).toMatch(/Set up tracker/);
  });

  it('reads the tracker in a constant number of service calls', () => {
    const small = tracker();
    const large = addOn({
      csv: `${CSV}\n${Array.from({ length: 1500 }, (_, i) => `Person ${i},p${i}@example.com,Co ${i},Role,`).join('\n')}`,
      sheetName: 'Contacts',
    });
    large.bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
    const a = small.bundle.run('getPitchContext', [], { select: 'Contacts!A3' }).calls;
    const b = large.bundle.run('getPitchContext', [], { select: 'Contacts!A3' }).calls;
    expect(b).toBe(a);
  });
});

describe('next contact buttons', () => {
  it('Next to contact walks the contacts still To contact, wrapping round, and selects the row', () => {
    const app = tracker();
    app.sheet.getRange(3, col('Stage')).setValue('Pitched');
    const first = app.call<NextContactResult>('nextContact', ['toContact', 2]);
    if (!first.ok) throw new Error(first.message);
    expect(first.contact.name).toBe('<img src=x onerror=alert(1)>');
    expect(first.message).toMatch(/still to contact; 3 more after them/);
    expect(app.sheet.getActiveRange()!.getRow()).toBe(4);
    const names: string[] = [];
    let row = 4;
    for (let i = 0; i < 4; i++) {
      const r = app.call<NextContactResult>('nextContact', ['toContact', row]);
      if (!r.ok) throw new Error(r.message);
      names.push(r.contact.name);
      row = r.contact.row;
    }
    expect(names).toEqual(['Alan Turing', 'Katherine Johnson', 'Ada Lovelace', '<img src=x onerror=alert(1)>']);
  });

  it('Next follow-up due picks the most overdue first, then the next', () => {
    const app = tracker();
    app.sheet.getRange(5, col('Stage')).setValue('Pitched');
    app.sheet.getRange(5, col('Next follow-up')).setValue(new Date(Date.UTC(2024, 0, 10)));
    app.sheet.getRange(3, col('Stage')).setValue('Pitched');
    app.sheet.getRange(3, col('Next follow-up')).setValue(new Date(Date.UTC(2024, 0, 2)));
    app.sheet.getRange(6, col('Stage')).setValue('Declined');
    app.sheet.getRange(6, col('Next follow-up')).setValue(new Date(Date.UTC(2023, 0, 2)));
    const first = app.call<NextContactResult>('nextContact', ['followUp', null]);
    expect(first.ok && [first.contact.name, first.contact.nextFollowUp]).toEqual(['Grace Hopper', '2024-01-02']);
    expect(first.ok && first.message).toMatch(/days overdue for Grace Hopper \(row 3\): follow up once with Grace\. 2 follow-ups are due in all\./);
    const second = app.call<NextContactResult>('nextContact', ['followUp', 3]);
    expect(second.ok && second.contact.name).toBe('Alan Turing');
  });

  it('says so when there is nobody left', () => {
    const app = tracker();
    expect(app.call<NextContactResult>('nextContact', ['followUp', null])).toEqual({ ok: false, nobody: true, message: 'No follow-ups are due today.' });
    app.sheet.getRange(2, col('Stage'), 5, 1).setValues([['Pitched'], ['Pitched'], ['Declined'], ['Thanked'], ['Scheduled']]);
    const none = app.call<NextContactResult>('nextContact', ['toContact', null]);
    expect(none.ok).toBe(false);
    expect(!none.ok && none.message).toMatch(/^Everyone in your tracker has been contacted/);
    expect(app.call<NextContactResult>('nextContact', ['somebody', null])).toEqual({ ok: false, message: 'Choose Next to contact or Next follow-up due.' });
  });
});

describe('user settings', () => {
  it('are saved per user and come back in the page', () => {
    const app = tracker();
    const saved = app.call<SettingsResult>('saveUserSettings', [
      { myName: 'Sam Rivera', aboutMe: 'a student', myField: 'data', learnGoal: '', wordLimit: 120 },
    ]);
    expect(saved).toEqual({ ok: true, settings: { myName: 'Sam Rivera', aboutMe: 'a student', myField: 'data', learnGoal: '', wordLimit: 120 } });
    expect(openSidebar(app).data.settings.myName).toBe('Sam Rivera');
    expect(app.emu.properties.user(app.emu.rt.activeUser).has('iit.pitch.settings')).toBe(true);
    expect(app.call<SettingsResult>('saveUserSettings', [{ wordLimit: 3 }])).toEqual({
      ok: false,
      message: 'Word limit: enter a whole number between 20 and 1000.',
    });
  });
});

describe('user templates', () => {
  const input = (name: string, body = 'Hi {{First Name|there}}, would you have 20 minutes?') => ({ name, purpose: 'pitch', subject: `About ${name}`, body });

  it('save, update by ID (a rename too), list and delete; a used name is refused', () => {
    const app = tracker();
    const a = app.call<TemplatesResult>('saveTemplate', [input('Warm intro')]);
    if (!a.ok) throw new Error(a.message);
    expect(a.message).toBe('Saved your template “Warm intro”.');
    expect(a.saved!.id).toMatch(/^user:/);
    const again = app.call<TemplatesResult>('saveTemplate', [{ ...input('warm INTRO', 'Changed?'), id: a.saved!.id }]);
    expect(again.ok && [again.message, again.templates.length, again.templates[0].body, again.saved!.id]).toEqual([
      'Updated your template “warm INTRO”.',
      1,
      'Changed?',
      a.saved!.id,
    ]);
    expect(app.call<TemplatesResult>('saveTemplate', [input('Warm Intro', 'A copy?')])).toEqual({
      ok: false,
      message: 'You already have a template named “warm INTRO”. Choose another name, or pick “warm INTRO” in the list to change it.',
    });
    app.call('saveTemplate', [input('Second')]);
    const listed = app.call<TemplatesResult>('listTemplates');
    expect(listed.ok && listed.templates.map((t) => t.name)).toEqual(['warm INTRO', 'Second']);
    const deleted = app.call<TemplatesResult>('deleteTemplate', [a.saved!.id]);
    expect(deleted.ok && deleted.templates.map((t) => t.name)).toEqual(['Second']);
    expect(openSidebar(app).data.templates.map((t) => t.name)).toEqual(['Second']);
  });

  it('keeps every stored value under 9 KB, also for long templates in multi-byte text, and shrinks cleanly', () => {
    const app = tracker();
    const store = () => app.emu.properties.user(app.emu.rt.activeUser);
    const long = `Grüße 😀 ${'€é李'.repeat(6000)}?`; // ~ 50 KB of UTF-8 in one template
    const r = app.call<TemplatesResult>('saveTemplate', [input('Long', long)]);
    expect(r.ok).toBe(true);
    const chunks = [...store().keys()].filter((k) => k.startsWith(CHUNK_PREFIX));
    expect(chunks.length).toBeGreaterThanOrEqual(6);
    for (const v of store().values()) expect(Buffer.byteLength(v, 'utf8')).toBeLessThanOrEqual(MAX_VALUE_BYTES);
    const back = app.call<TemplatesResult>('listTemplates');
    expect(back.ok && back.templates[0].body).toBe(long);
    expect(app.call<TemplatesResult>('saveTemplate', [{ ...input('Long', 'Short now?'), id: r.ok && r.saved!.id }]).ok).toBe(true);
    expect([...store().keys()].filter((k) => k.startsWith(CHUNK_PREFIX))).toEqual([`${CHUNK_PREFIX}0`]);
  });

  it('says clearly when the store is full, and changes nothing', () => {
    const app = tracker();
    const body = '€'.repeat(6500); // ~19.5 KB each
    let last: TemplatesResult | null = null;
    let saved = 0;
    for (let i = 0; i < 40; i++) {
      last = app.call<TemplatesResult>('saveTemplate', [input(`T${i}`, body)]);
      if (!last.ok) break;
      saved++;
    }
    expect(saved).toBeGreaterThan(15);
    expect(last).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Your templates would need \d+ KB, and Google keeps at most 492 KB of templates per user for an add-on\. Nothing was saved\./,
      ),
    });
    const listed = app.call<TemplatesResult>('listTemplates');
    expect(listed.ok && listed.templates.length).toBe(saved);
    // Settings still fit in the room kept for them.
    expect(
      app.call<SettingsResult>('saveUserSettings', [{ myName: 'Sam', aboutMe: 'x'.repeat(300), myField: 'y'.repeat(200), learnGoal: 'z'.repeat(300) }]).ok,
    ).toBe(true);
  });

  it('counts what else the user store holds, refusing before Google would', () => {
    const app = tracker();
    // Another part of the store (not the templates) already uses almost all of it.
    const user = app.emu.properties.user(app.emu.rt.activeUser);
    for (let i = 0; i < 62; i++) user.set(`other.${i}`, 'x'.repeat(8000));
    const r = app.call<TemplatesResult>('saveTemplate', [input('One', 'x'.repeat(15_000))]);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/Nothing was saved\. Delete or shorten some templates/) });
  });

  it('exports and imports templates, replacing same names', () => {
    const app = tracker();
    app.call('saveTemplate', [input('Café ☕', 'Bonjour {{First Name}} 😀?')]);
    app.call('saveTemplate', [input('Other')]);
    const exported = app.call<TemplatesExport>('exportTemplates');
    if (!exported.ok) throw new Error(exported.message);
    expect(exported).toMatchObject({ count: 2, fileName: 'interview-tracker-templates.json' });
    const fresh = tracker();
    fresh.call('saveTemplate', [input('Other', 'Old text?')]);
    const imported = fresh.call<TemplatesResult>('importTemplates', [exported.text]);
    expect(imported.ok && imported.message).toBe('Imported 2 templates (1 replaced one of the same name).');
    expect(imported.ok && imported.templates.map((t) => [t.name, t.body])).toEqual([
      ['Other', 'Hi {{First Name|there}}, would you have 20 minutes?'],
      ['Café ☕', 'Bonjour {{First Name}} 😀?'],
    ]);
    expect(fresh.call<TemplatesResult>('importTemplates', ['hello'])).toEqual({
      ok: false,
      message: 'That is not a templates export: it is not JSON text. Use a file made by Export templates.',
    });
    expect(tracker().call<TemplatesExport>('exportTemplates')).toEqual({
      ok: false,
      message: 'You have no templates of your own to export yet. Save one first.',
    });
  });

  it('refuses a bad template with a message', () => {
    const app = tracker();
    expect(app.call<TemplatesResult>('saveTemplate', [{ name: '', body: 'x' }])).toEqual({ ok: false, message: 'Give the template a name.' });
  });
});

describe('Mark as sent', () => {
  const send = (app: ReturnType<typeof tracker>, eventId: string, contactId: string, purpose = 'pitch') =>
    app.call<LogResult>('markMessageSent', [
      { eventId, contactId, purpose, subject: 'Could I ask your advice?', templateName: 'First contact: someone you know' },
    ]);

  it('changes the tracker and the Interview log exactly as the menu action Mark pitch sent does', () => {
    const sidebar = tracker();
    const menu = tracker();
    const fromSidebar = send(sidebar, 'sb-0123456789abcdef', 'C-0001');
    const fromMenu = menu.call<LogResult>('logPitchSent', [{ eventId: 'dlg-0123456789', contactIds: ['C-0001'], date: formatIsoDate(today()) }]);
    expect(fromSidebar.ok && fromMenu.ok).toBe(true);
    const row = rowValues(sidebar.sheet, 2);
    expect(row).toEqual(rowValues(menu.sheet, 2));
    expect(row).toMatchObject({ Stage: 'Pitched', 'Last contact': formatIsoDate(today()), 'Next follow-up': formatIsoDate(addBusinessDays(today(), 7)) });
    const log = logRows(sidebar);
    const menuLog = logRows(menu);
    expect(log).toHaveLength(2);
    const column = (rows: string[][], header: string) => rows[1][rows[0].indexOf(header)];
    for (const h of ['Event date', 'Contact ID', 'Name', 'Event', 'Next step']) expect(column(log, h)).toBe(column(menuLog, h));
    expect(column(log, 'Event')).toBe('Pitch sent');
    expect(column(log, 'Details')).toBe('Template: First contact: someone you know\nSubject: Could I ask your advice?');
  });

  it('a repeated click (same event ID) logs nothing new', () => {
    const app = tracker();
    const first = send(app, 'sb-aaaaaaaaaaaa', 'C-0002');
    const again = send(app, 'sb-aaaaaaaaaaaa', 'C-0002');
    expect(first.ok && first.logged).toBe(1);
    expect(again.ok && [again.logged, again.alreadyLogged]).toEqual([0, 1]);
    expect(logRows(app)).toHaveLength(2);
    expect(send(app, 'sb-bbbbbbbbbbbb', 'C-0002').ok).toBe(true);
    expect(logRows(app)).toHaveLength(3);
  });

  it('logs a follow-up or a thank-you through their own entry points', () => {
    const app = tracker();
    send(app, 'sb-pitch-000001', 'C-0003');
    const follow = send(app, 'sb-follow-00001', 'C-0003', 'followUp');
    expect(follow.ok && follow.contacts[0].stage).toBe('Followed up');
    const thanks = send(app, 'sb-thanks-00001', 'C-0003', 'thankYou');
    expect(thanks.ok && thanks.event).toBe('Thank-you sent');
    expect(
      logRows(app)
        .slice(1)
        .map((r) => r[logRows(app)[0].indexOf('Event')]),
    ).toEqual(['Pitch sent', 'Follow-up sent', 'Thank-you sent']);
  });

  it("refuses a subject too long for the log's cell instead of cutting it, and logs one that just fits exactly", () => {
    const app = tracker();
    const templateName = 'First contact: someone you know';
    const room = 50_000 - `Template: ${templateName}\nSubject: `.length;
    const long = app.call<LogResult>('markMessageSent', [
      { eventId: 'sb-long-0000001', contactId: 'C-0001', purpose: 'pitch', subject: 's'.repeat(60_000), templateName },
    ]);
    expect(long).toEqual({
      ok: false,
      message: `The subject is 60,000 characters long; the Interview log keeps it in one cell with the template's name, so it can be at most ${room.toLocaleString('en-US')} characters. Shorten it and try again. Nothing was logged.`,
    });
    expect(logRows(app)).toEqual([]);
    const fits = app.call<LogResult>('markMessageSent', [
      { eventId: 'sb-fits-0000001', contactId: 'C-0001', purpose: 'pitch', subject: 's'.repeat(room), templateName },
    ]);
    expect(fits.ok).toBe(true);
    const log = logRows(app);
    expect(log[1][log[0].indexOf('Details')]).toBe(`Template: ${templateName}\nSubject: ${'s'.repeat(room)}`);
  });

  it('refuses in plain words, writing nothing', () => {
    const app = tracker();
    expect(app.call<LogResult>('markMessageSent', [{ eventId: 'sb-cccccccccccc', contactId: '', purpose: 'pitch' }])).toEqual({
      ok: false,
      message: 'This contact has no Contact ID yet. Run Set up tracker to give it one, then try again.',
    });
    expect(app.call<LogResult>('markMessageSent', [{ eventId: 'x', contactId: 'C-0001', purpose: 'pitch' }]).ok).toBe(false);
    const gone = send(app, 'sb-dddddddddddd', 'C-0999');
    expect(gone.ok).toBe(false);
    expect(logRows(app)).toEqual([]);
    expect(rowValues(app.sheet, 2).Stage).toBe('To contact');
  });
});
