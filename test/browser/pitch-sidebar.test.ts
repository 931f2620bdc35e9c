// The real build/PitchSidebar.html in Debian's headless Chromium, with google.script.run bridged
// to the built bundle in the emulator: what the user sees and does, down to the tracker and log.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { addOn, BUILD } from '../helpers.ts';
import { openPage } from '../../local/pitch-page.ts';
import { selectRange } from '../../local/emulator/io.ts';
import { docsScreenshot, SCREENSHOT_NOW, sharedBrowser } from './harness.ts';
import { CHUNK_PREFIX, exportText } from '../../src/core/pitch/store.ts';
import { QUESTION_BANK } from '../../src/core/pitch/questions.ts';

const XSS = '<img src=x onerror="window.__pwned=1">';
const CSV = [
  'Name,Email,Company,Title,How we met',
  'Ada Lovelace,ada@example.com,Northwind Labs,Product Manager,Alumni dinner',
  'Grace Hopper,grace@example.com,Contoso Health,Engineer,Internship',
  `"${XSS.replace(/"/g, '""')}",x@example.com,Initech,Analyst,`,
  'Alan Turing,,Globex,Researcher,Conference',
].join('\n');
const PAGE = join(BUILD, 'PitchSidebar.html');

const browser = sharedBrowser();

async function sidebar(select = 'Contacts!B2', settings = true, now?: string) {
  const app = addOn({ csv: CSV, sheetName: 'Contacts' });
  if (now) app.emu.rt.virtualMs = Date.parse(now) - Date.now(); // a pinned clock: the same screenshot every day
  app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
  const sheet = app.ss.getSheetByName('Contacts')!;
  sheet.getRange(2, 7).setValue('Alumni'); // Relationship
  if (settings)
    app.bundle.run('saveUserSettings', [
      {
        myName: 'Sam Rivera',
        aboutMe: 'a final-year economics student at Leeds',
        myField: 'health-care data analysis',
        learnGoal: 'how analysts move into product roles',
        wordLimit: 100,
      },
    ]);
  selectRange(app.ss, select);
  const opened = await openPage(browser(), app.bundle, PAGE);
  await opened.page.waitForSelector('body[data-state="ready"]');
  return { ...app, sheet, ...opened };
}

const text = (page: Page, selector: string) => page.locator(selector).innerText();
const warnings = (page: Page) => page.locator('#warnings li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.code ?? 'good'));
const logRows = (app: Awaited<ReturnType<typeof sidebar>>) => app.ss.getSheetByName('Interview log')?.getDataRange().getDisplayValues() ?? [];
const sends = (app: Awaited<ReturnType<typeof sidebar>>) => app.calls.filter((c) => c.name === 'markMessageSent');

describe('pitch sidebar in Chromium', () => {
  it('shows the selected contact and fills the preview from the row and the user details; a clean pitch has no warnings', async () => {
    const { page, errors } = await sidebar();
    expect(await text(page, '#contact-name')).toBe('Ada Lovelace');
    expect(await text(page, '#contact-meta')).toContain('Northwind Labs · Stage: To contact · ada@example.com · row 2');
    // Alumni relationship: the alumni template is suggested and chosen.
    expect(await page.locator('#template').inputValue()).toBe('builtin:alumni');
    const body = await text(page, '#preview-body');
    expect(body).toMatch(
      /^Hi Ada,\n\nI found you through our alumni network\. I'm a final-year economics student at Leeds, exploring health-care data analysis, and your path to Product Manager at Northwind Labs/,
    );
    expect(body).toContain('Sam Rivera');
    expect(await warnings(page)).toEqual(['good']);
    expect(await text(page, '#word-count')).toMatch(/^\d+ of 100 words$/);
    const gmail = new URL((await page.locator('#gmail').getAttribute('href'))!);
    expect(gmail.searchParams.get('to')).toBe('ada@example.com');
    expect(gmail.searchParams.get('body')).toBe(body);
    expect(await page.locator('#mailto').getAttribute('href')).toMatch(/^mailto:ada@example\.com\?subject=/);
    expect(errors).toEqual([]);
  });

  it('warns as the user edits: job words, no question, no time request, an empty merge field', async () => {
    const { page } = await sidebar();
    await page.locator('#edit-box summary').click();
    await page
      .locator('#body-src')
      .fill('Hi {{First Name}},\n\nI am looking for a job at {{Company}} and I attach my résumé. Tell me about {{Team}}.\n\n{{My name}}');
    expect(await warnings(page)).toEqual(['job', 'no-question', 'no-time', 'missing-field']);
    expect(await text(page, '#warnings')).toContain('Mentions “job”, “résumé”');
    expect(await text(page, '#warnings')).toContain('{{Team}} matches no column');
    expect(await text(page, '#preview-body')).toContain('Tell me about {{Team}}.');
    await page.locator('#details-box summary').click();
    await page.locator('#word-limit').fill('20');
    expect(await warnings(page)).toContain('too-long');
  });

  it("keeps the user's edits when they switch template, brings them back when they switch back, and can go back to the template's text", async () => {
    const { page, errors } = await sidebar();
    expect(await page.locator('#template').inputValue()).toBe('builtin:alumni');
    const original = await page.locator('#body-src').inputValue();
    await page.locator('#edit-box summary').click();
    await page.locator('#body-src').fill('Hi {{First Name}}, my own words. Could we talk for 20 minutes next week?');
    await page.locator('#subject-src').fill('My own subject');
    expect(await page.locator('#revert-edits').isVisible()).toBe(true);
    await page.locator('#template').selectOption('builtin:cold');
    expect(await text(page, '#status')).toBe('Your edits to “First contact: alumni” are kept: choose it again to go back to them.');
    expect(await page.locator('#body-src').inputValue()).not.toContain('my own words');
    expect(await page.locator('#revert-edits').isVisible()).toBe(false);
    await page.locator('#template').selectOption('builtin:alumni');
    expect(await page.locator('#body-src').inputValue()).toBe('Hi {{First Name}}, my own words. Could we talk for 20 minutes next week?');
    expect(await page.locator('#subject-src').inputValue()).toBe('My own subject');
    expect(await text(page, '#preview-body')).toBe('Hi Ada, my own words. Could we talk for 20 minutes next week?');
    await page.locator('#revert-edits').click();
    expect(await page.locator('#body-src').inputValue()).toBe(original);
    await page.locator('#template').selectOption('builtin:cold');
    await page.locator('#template').selectOption('builtin:alumni');
    expect(await page.locator('#body-src').inputValue()).toBe(original);
    expect(errors).toEqual([]);
  });

  it('shows a contact named like markup as text: nothing runs, no element is made', async () => {
    const { page, errors } = await sidebar('Contacts!A4');
    expect(await text(page, '#contact-name')).toBe(XSS);
    expect(await text(page, '#preview-body')).toContain('Hi <img,');
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#contact-name').innerHTML()).toBe('&lt;img src=x onerror="window.__pwned=1"&gt;');
    expect(errors).toEqual([]);
  });

  it('follows a new selection, and walks the contacts still to contact', async () => {
    const app = await sidebar();
    selectRange(app.ss, 'Contacts!C3');
    await app.page.getByRole('button', { name: 'Use selected row' }).click();
    await app.page.locator('#contact-name', { hasText: 'Grace Hopper' }).waitFor();
    await app.page.getByRole('button', { name: 'Next to contact' }).click();
    await app.page.locator('#contact-name', { hasText: XSS }).waitFor();
    expect(await text(app.page, '#status')).toMatch(/is still to contact/);
    await app.page.getByRole('button', { name: 'Next follow-up due' }).click();
    await app.page.locator('#status', { hasText: 'No follow-ups are due today.' }).waitFor();
    expect(await text(app.page, '#contact-name')).toBe(XSS);
  });

  it('is operable by keyboard: choose a template, edit, and mark as sent with Enter, once for a double press', async () => {
    const app = await sidebar();
    const { page } = app;
    await page.locator('#template').focus();
    await page.keyboard.press('ArrowUp'); // alumni → someone you know
    expect(await page.locator('#template').inputValue()).toBe('builtin:known');
    expect(await text(page, '#preview-body')).toMatch(/^Hi Ada,\n\nI hope you're well!/);
    await page.locator('#edit-box summary').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#edit-box').getAttribute('open')).not.toBeNull();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('body-src');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nP.S. Thank you!');
    expect(await text(page, '#preview-body')).toMatch(/P\.S\. Thank you!$/);
    await page.locator('#mark-sent').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.locator('#status', { hasText: /Pitch sent/ }).waitFor();
    await page.locator('#mark-sent:not([disabled])').waitFor();
    expect(sends(app)).toHaveLength(1);
    const log = logRows(app);
    expect(log).toHaveLength(2);
    expect(log[1]).toContain('Pitch sent');
    expect(log[1][log[0].indexOf('Details')]).toBe('Template: First contact: someone you know\nSubject: Could I ask your advice?');
    expect(app.sheet.getRange(2, 9).getValue()).toBe('Pitched');
    expect(await text(page, '#contact-meta')).toContain('Stage: Pitched');
    // Sending the same message to the same contact again, deliberately, is a new event.
    await page.locator('#mark-sent').click();
    await expect.poll(() => sends(app).length).toBe(2);
    await page.locator('#mark-sent:not([disabled])').waitFor();
    expect(await text(page, '#message')).not.toContain('Already logged');
    const [first, second] = sends(app).map((c) => (c.args[0] as { eventId: string }).eventId);
    expect(second).not.toBe(first);
    expect(logRows(app).filter((r) => r.includes('Pitch sent'))).toHaveLength(2);
  });

  it('double click on Mark as sent sends one call', async () => {
    const app = await sidebar('Contacts!A3');
    // In the middle of the view, so that the status line showing up at the bottom cannot take the second click.
    await app.page.locator('#mark-sent').evaluate((button) => button.scrollIntoView({ block: 'center' }));
    await app.page.locator('#mark-sent').dblclick();
    // Counted in the page as it calls: a second call still on its way would be counted too.
    expect((await app.callsMade()).filter((name) => name === 'markMessageSent')).toHaveLength(1);
    await app.page.locator('#status', { hasText: /Pitch sent/ }).waitFor();
    await app.page.locator('#mark-sent:not([disabled])').waitFor();
    // The server would also log an event ID once; the page must not even ask twice.
    expect((await app.callsMade()).filter((name) => name === 'markMessageSent')).toHaveLength(1);
    expect(logRows(app)).toHaveLength(2);
  });

  it('saves the edited text as a template of the user, kept in user properties', async () => {
    const app = await sidebar();
    const { page } = app;
    await page.locator('#edit-box summary').click();
    await page.locator('#subject-src').fill('Coffee, {{First Name}}?');
    await page.locator('#templates-box summary').click();
    await page.getByLabel('Save the current text as').fill('My coffee note');
    await page.getByLabel('It is for').selectOption('followUp');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.locator('#status', { hasText: 'Saved your template “My coffee note”.' }).waitFor();
    expect(await page.locator('#template option:checked').innerText()).toBe('My coffee note');
    expect(await page.locator('#template optgroup[label="Your templates"] option').count()).toBe(1);
    expect(await text(page, '#preview-subject')).toBe('Coffee, Ada?');
    const store = app.emu.properties.user(app.emu.rt.activeUser);
    expect(store.get(`${CHUNK_PREFIX}0`)).toContain('My coffee note');
    // Editing it and renaming it updates it; Save as new adds a copy and keeps it.
    await page.locator('#body-src').fill('Hi {{First Name}}, coffee this week?');
    await page.getByLabel('Save the current text as').fill('Coffee note');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#status', { hasText: 'Updated your template “Coffee note”.' }).waitFor();
    expect(await page.locator('#template optgroup[label="Your templates"] option').allInnerTexts()).toEqual(['Coffee note']);
    await page.getByLabel('Save the current text as').fill('Tea note');
    await page.getByRole('button', { name: 'Save as new' }).click();
    await page.locator('#status', { hasText: 'Saved your template “Tea note”.' }).waitFor();
    expect(await page.locator('#template optgroup[label="Your templates"] option').allInnerTexts()).toEqual(['Coffee note', 'Tea note']);
    expect(await page.locator('#template option:checked').innerText()).toBe('Tea note');
    // A used name is refused, not written over.
    await page.getByLabel('Save the current text as').fill('coffee NOTE');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#alert', { hasText: 'You already have a template named “Coffee note”.' }).waitFor();
    expect(await page.locator('#template optgroup[label="Your templates"] option').allInnerTexts()).toEqual(['Coffee note', 'Tea note']);
    await page.locator('#template').selectOption({ label: 'Tea note' });
    // Delete asks first, then removes it.
    await page.getByRole('button', { name: 'Delete this template' }).click();
    expect(await text(page, '#delete-question')).toBe('Delete “Tea note”?');
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.locator('#status', { hasText: 'Deleted your template' }).waitFor();
    expect(await page.locator('#template optgroup[label="Your templates"] option').allInnerTexts()).toEqual(['Coffee note']);
  });

  it('shows a server error in plain words and keeps working', async () => {
    const app = await sidebar();
    app.emu.locks.holdByOther('document', 60_000);
    await app.page.locator('#mark-sent').click();
    await app.page.locator('#alert', { hasText: 'The tracker is busy with another action. Try again in a few seconds.' }).waitFor();
    expect(await app.page.locator('#alert').getAttribute('role')).toBe('alert');
    expect(await app.page.locator('#status').innerText()).toBe('');
    expect(logRows(app)).toEqual([]);
    // The tracker sheet was deleted meanwhile: the server says what to do, as an error.
    app.ss.insertSheet('Notes');
    app.ss.deleteSheet(app.ss.getSheetByName('Contacts')!);
    await app.page.getByRole('button', { name: 'Next to contact' }).click();
    await app.page
      .locator('#alert', { hasText: 'There is no tracker in this spreadsheet yet. Open your contacts sheet and choose Set up tracker first.' })
      .waitFor();
    expect(app.errors).toEqual([]);
  });

  it('shows an unexpected server failure (a TypeError) as a plain sentence, the raw text only in Details', async () => {
    const app = await sidebar();
    const { page } = app;
    const real = app.bundle.context.PropertiesService as GoogleAppsScript.Properties.PropertiesService;
    app.bundle.context.PropertiesService = {
      getDocumentProperties: () => real.getDocumentProperties(),
      getScriptProperties: () => real.getScriptProperties(),
      getUserProperties: () => null,
    };
    await page.locator('#templates-box summary').click();
    await page.getByLabel('Save the current text as').fill('Mine');
    await page.getByRole('button', { name: 'Save template' }).click();
    const alert = page.locator('#alert');
    await alert.filter({ hasText: /^Could not save the template: something went wrong that the add-on did not expect\. Please try again\./ }).waitFor();
    expect(await alert.innerText()).not.toMatch(/Cannot read|null|TypeError/);
    const details = page.locator('#error-details');
    expect(await details.isVisible()).toBe(true);
    expect(await page.locator('#error-details-text').isVisible()).toBe(false);
    await details.locator('summary').click();
    expect(await text(page, '#error-details-text')).toBe("TypeError: Cannot read properties of null (reading 'getProperties')");
    expect(app.errors).toEqual(["google.script.run.saveTemplate failed: TypeError: Cannot read properties of null (reading 'getProperties')"]);
    expect(await page.getByRole('button', { name: 'Save template' }).isEnabled()).toBe(true);
    // The next thing that works clears the error and its details.
    app.bundle.context.PropertiesService = real;
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.locator('#status', { hasText: 'Saved your template “Mine”.' }).waitFor();
    expect(await alert.innerText()).toBe('');
    expect(await details.isVisible()).toBe(false);
  });

  it('has a label for every control', async () => {
    const { page } = await sidebar();
    const unlabelled = await page.evaluate(() =>
      Array.from(document.querySelectorAll('input:not([type=hidden]):not(.offscreen), select, textarea:not(.offscreen), button'))
        .filter((el) => {
          const e = el as HTMLInputElement;
          const label =
            e.labels?.length || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || (el.tagName === 'BUTTON' && el.textContent?.trim());
          return !label;
        })
        .map((el) => el.id || el.outerHTML.slice(0, 60)),
    );
    expect(unlabelled).toEqual([]);
  });

  it('takes the screenshot for the README', async () => {
    const { page } = await sidebar('Contacts!A3', true, SCREENSHOT_NOW);
    await page.locator('#edit-box summary').click();
    await page.locator('#body-src').press('Control+End');
    await page.locator('#body-src').type('\nI also attached my résumé.');
    await page.locator('#edit-box summary').click();
    await page.setViewportSize({ width: 300, height: 960 });
    await docsScreenshot(page, 'sidebar.png');
    expect(await warnings(page)).toContain('job');
  });
});

// The sidebar's tools, one page for all of them (each case starts where the one before ended).
describe('pitch sidebar tools, on one page', () => {
  let app: Awaited<ReturnType<typeof sidebar>>;
  let page: Page;
  const copied = () => page.evaluate(() => (window as unknown as { __copied: string[] }).__copied.at(-1));
  const store = () => app.emu.properties.user(app.emu.rt.activeUser);
  const yourTemplates = () => page.locator('#template optgroup[label="Your templates"] option').allInnerTexts();

  beforeAll(async () => {
    app = await sidebar();
    page = app.page;
    // What the page copies, instead of the system clipboard.
    await page.evaluate(() => {
      const w = window as unknown as { __copied: string[] };
      w.__copied = [];
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void w.__copied.push(t) } });
    });
  });

  it('copies the subject and the message as the preview shows them; says how to copy by hand when it cannot', async () => {
    await page.getByRole('button', { name: 'Copy subject' }).click();
    await page.locator('#status', { hasText: 'Copied the subject.' }).waitFor();
    expect(await copied()).toBe(await text(page, '#preview-subject'));
    await page.getByRole('button', { name: 'Copy message' }).click();
    await page.locator('#status', { hasText: 'Copied the message.' }).waitFor();
    expect(await copied()).toBe(await page.locator('#preview-body').textContent());
    expect(await copied()).toMatch(/^Hi Ada,/);
    // Clipboard refused and the copy command too.
    await page.evaluate(() => {
      const w = window as unknown as { __clipboard: unknown };
      w.__clipboard = navigator.clipboard;
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: () => Promise.reject(new Error('NotAllowedError')) } });
      document.execCommand = () => false;
    });
    await page.getByRole('button', { name: 'Copy message' }).click();
    await page.locator('#alert', { hasText: 'Could not copy the message: select it and press Ctrl+C (⌘C on a Mac).' }).waitFor();
    await page.evaluate(() =>
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: (window as unknown as { __clipboard: unknown }).__clipboard }),
    );
  });

  it('copies the questions picked from the bank as an agenda, grouped', async () => {
    await page.locator('#questions-box summary').click();
    await page.getByRole('button', { name: 'Copy as agenda' }).click();
    await page.locator('#alert', { hasText: 'Pick at least one question first.' }).waitFor();
    const path = QUESTION_BANK.find((g) => g.title === 'Their path')!.questions[0];
    const advice = QUESTION_BANK.find((g) => g.title === 'Advice')!.questions[1];
    await page.getByLabel(advice).check();
    await page.getByLabel(path).check();
    await page.locator('#calendar-box summary').click();
    await page.locator('#cal-date').fill('2026-03-10');
    await page.getByRole('button', { name: 'Copy as agenda' }).click();
    await page.locator('#status', { hasText: 'Copied the agenda.' }).waitFor();
    expect(await copied()).toBe(`Questions for Ada Lovelace (2026-03-10)\n\nTheir path\n- ${path}\n\nAdvice\n- ${advice}\n`);
  });

  it("makes an Add to calendar link for 30 minutes with the contact, in the spreadsheet's zone, with the agenda", async () => {
    await page.locator('#cal-time').fill('14:30');
    const url = new URL((await page.locator('#calendar').getAttribute('href'))!);
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(url.searchParams.get('action')).toBe('TEMPLATE');
    expect(url.searchParams.get('text')).toBe('Informational interview: Ada Lovelace');
    expect(url.searchParams.get('dates')).toBe('20260310T143000/20260310T150000');
    expect(url.searchParams.get('ctz')).toBe(app.ss.getSpreadsheetTimeZone());
    expect(await text(page, '#cal-zone')).toBe(app.ss.getSpreadsheetTimeZone());
    const details = url.searchParams.get('details')!;
    expect(details).toMatch(/^Ada Lovelace, Northwind Labs\nada@example\.com\nQuestions for Ada Lovelace\n/);
    expect(details).toContain('Their path\n- ');
    // No day, no link.
    await page.locator('#cal-date').fill('');
    expect(await page.locator('#calendar').getAttribute('href')).toBeNull();
    expect(await page.locator('#calendar').getAttribute('aria-disabled')).toBe('true');
  });

  it("exports the user's templates to a file and the box, and imports them from a file or pasted text", async () => {
    await page.locator('#templates-box summary').click();
    expect(await page.locator('#export-download').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Export my templates' }).click();
    await page.locator('#alert', { hasText: 'You have no templates of your own to export yet. Save one first.' }).waitFor();
    await page.getByLabel('Save the current text as').fill('Warm note');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.locator('#status', { hasText: 'Saved your template “Warm note”.' }).waitFor();
    await page.getByRole('button', { name: 'Export my templates' }).click();
    await page.locator('#status', { hasText: 'Exported 1 template: download the file, or copy the text from the box below.' }).waitFor();
    const exported = await page.locator('#transfer').inputValue();
    expect(JSON.parse(exported)).toMatchObject({ format: 'informational-interview-tracker/templates', templates: [{ name: 'Warm note', purpose: 'pitch' }] });
    const link = page.locator('#export-download');
    expect(await link.isVisible()).toBe(true);
    expect(await link.getAttribute('download')).toBe('interview-tracker-templates.json');
    expect(await link.evaluate((a) => fetch((a as HTMLAnchorElement).href).then((r) => r.text()))).toBe(exported);
    // Gone from the store, then back from the file.
    await page.getByRole('button', { name: 'Delete this template' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.locator('#status', { hasText: 'Deleted your template “Warm note”.' }).waitFor();
    expect(await yourTemplates()).toEqual([]);
    await page.locator('#transfer').fill('');
    await page.getByLabel('Import from a file').setInputFiles({ name: 'my-templates.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await page.locator('#status', { hasText: 'Read my-templates.json. Choose Import to add its templates.' }).waitFor();
    expect(await page.locator('#transfer').inputValue()).toBe(exported);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('#status', { hasText: 'Imported 1 template.' }).waitFor();
    expect(await yourTemplates()).toEqual(['Warm note']);
    // Pasted text: another template, and one of the same name, which replaces it.
    const pasted = exportText([
      { id: 'x', name: 'Pasted', purpose: 'followUp', subject: 'Still keen?', body: 'Hi {{First Name}}, any news?', updated: '' },
      { id: 'y', name: 'warm note', purpose: 'pitch', subject: 'S', body: 'Replaced?', updated: '' },
    ]);
    await page.getByLabel('…or paste exported text').fill(pasted);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('#status', { hasText: 'Imported 2 templates (1 replaced one of the same name).' }).waitFor();
    expect(await yourTemplates()).toEqual(['warm note', 'Pasted']);
    await page.getByLabel('…or paste exported text').fill('not an export');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('#alert', { hasText: 'That is not a templates export: it is not JSON text.' }).waitFor();
  });

  it('says in the sidebar when the store is full, and saves nothing', async () => {
    const before = JSON.stringify([...store()]);
    store().set('someone.else', 'x'.repeat(491 * 1024)); // the 500 KB Google gives the add-on are nearly used up
    await page.getByLabel('Save the current text as').fill('One too many');
    await page.locator('#save-template').click();
    await page
      .locator('#alert', {
        hasText:
          /^Your templates would need \d+ KB, and Google keeps at most 492 KB of templates per user for an add-on\. Nothing was saved\. Delete or shorten some templates/,
      })
      .waitFor();
    expect(await yourTemplates()).toEqual(['warm note', 'Pasted']);
    store().delete('someone.else');
    expect(JSON.stringify([...store()])).toBe(before);
  });

  it('keeps details typed and not saved when it moves to another contact', async () => {
    await page.locator('#details-box summary').click();
    await page.getByLabel('Your name').fill('Samira Khan');
    await page.locator('#template').selectOption('builtin:known');
    expect(await text(page, '#preview-body')).toContain('Samira Khan');
    selectRange(app.ss, 'Contacts!A3');
    await page.getByRole('button', { name: 'Use selected row' }).click();
    await page.locator('#contact-name', { hasText: 'Grace Hopper' }).waitFor();
    expect(await page.getByLabel('Your name').inputValue()).toBe('Samira Khan');
    expect(await text(page, '#preview-body')).toContain('Samira Khan');
    expect(app.calls.some((c) => c.name === 'saveUserSettings')).toBe(false);
  });

  it('announces a short summary of the checker once typing pauses, not the whole list on every key', async () => {
    expect(await page.locator('#checks').getAttribute('aria-live')).toBeNull();
    expect(await page.locator('#checks').getAttribute('role')).toBeNull();
    expect(await page.locator('#status').getAttribute('role')).toBe('status');
    expect(await page.locator('#alert').getAttribute('role')).toBe('alert');
    const before = await text(page, '#checks-summary');
    await page.locator('#edit-box summary').click();
    await page.locator('#body-src').fill('Hi {{First Name}}, could I ask about the analyst job? Would you have 20 minutes?');
    await page.locator('#body-src').press('End');
    await page.keyboard.type(' Thanks!');
    expect(await text(page, '#checks-summary')).toBe(before); // not yet: the user is typing
    await page.locator('#checks-summary', { hasText: /^\d+ of 100 words\. 1 problem: mentions a job\.$/ }).waitFor();
  });
});

describe("pitch sidebar with Google's add-on stylesheet", () => {
  it("lets Google's styles win over its own fallback, and keeps its own message colours", async () => {
    const app = addOn({ csv: CSV, sheetName: 'Contacts' });
    app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
    selectRange(app.ss, 'Contacts!B2');
    // A stand-in for add-ons1.css (the real one is on the internet, which tests do not use).
    const google =
      'body { color: rgb(4, 5, 6); } button { background-color: rgb(1, 2, 3); border-radius: 4px; } label { font-weight: normal; } .error { color: rgb(7, 8, 9); }';
    const styled = await openPage(browser(), app.bundle, PAGE, { stylesheet: google });
    const offline = await openPage(browser(), app.bundle, PAGE);
    try {
      for (const p of [styled.page, offline.page]) await p.waitForSelector('body[data-state="ready"]');
      const look = (p: Page) =>
        p.evaluate(() => {
          const css = (sel: string) => getComputedStyle(document.querySelector(sel)!);
          return {
            body: css('body').color,
            button: css('#copy-subject').backgroundColor,
            radius: css('#copy-subject').borderRadius,
            label: css('label[for="template"]').fontWeight,
            width: css('#template').width,
          };
        });
      expect(await look(styled.page)).toEqual({ body: 'rgb(4, 5, 6)', button: 'rgb(1, 2, 3)', radius: '4px', label: '400', width: '276px' });
      // Offline, the fallback gives the same kind of look.
      expect(await look(offline.page)).toEqual({ body: 'rgb(32, 33, 36)', button: 'rgb(248, 249, 250)', radius: '2px', label: '700', width: '276px' });
      // The add-on's own error box is not Google's .error text.
      await styled.page.locator('#templates-box summary').click();
      await styled.page.getByRole('button', { name: 'Save template' }).click();
      await styled.page.locator('#alert', { hasText: 'Give the template a name.' }).waitFor();
      expect(await styled.page.locator('#alert').evaluate((e) => getComputedStyle(e).color)).toBe('rgb(165, 14, 14)');
    } finally {
      await styled.page.context().close();
      await offline.page.context().close();
    }
  });
});
