// End to end in the workbench (`npm start`), in headless Chromium: the log dialogs opened from the
// add-on menu on the selected rows, filled with the keyboard, their errors, and what the tracker
// and the Interview log show afterwards. One workbench for the whole file, cases in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { FIXTURES } from '../helpers.ts';
import { addBusinessDays, addDays, describeDate } from '../../src/core/base/calendar.ts';
import { parseIsoDate } from '../../src/core/base/dates.ts';
import { formatIsoDate } from '../../src/core/base/dates.ts';
import {
  answer,
  answerAlert,
  cellText,
  dialogFrame,
  idle,
  launchBrowser,
  openMenu,
  openPage,
  selectRow,
  startWorkbench,
  type RunningWorkbench,
} from './harness.ts';

let browser: Browser;
let wb: RunningWorkbench;
let page: Page;
const columns = new Map<string, string>();

beforeAll(async () => {
  browser = await launchBrowser();
  wb = await startWorkbench(join(FIXTURES, 'hand-made.csv'));
  page = await openPage(browser, wb.url);
  page.setDefaultTimeout(15_000); // fail with the step that hung, before the test times out
  await openMenu(page, 'Set up tracker');
  await answerAlert(page);
  for (const a1 of await page.locator('tr.frozen td.cell').evaluateAll((tds) => tds.map((td) => [td.textContent ?? '', td.getAttribute('data-a1') ?? '']))) {
    columns.set(a1[0].replace('▾', '').trim(), a1[1].replace(/\d+$/, ''));
  }
});
afterAll(async () => {
  await page?.close();
  await browser?.close();
  await wb?.stop();
});

/** What the tracker shows in a column (by header) on a sheet row. */
function trackerCell(header: string, row: number): Promise<string> {
  const column = columns.get(header);
  if (!column) throw new Error(`no column ${header}`);
  return cellText(page, `${column}${row}`);
}

/** Selects a row, chooses the menu item, and waits for its dialog's page to be ready. */
async function openDialog(row: number, caption: string): Promise<FrameLocator> {
  await selectRow(page, row);
  await openMenu(page, caption);
  await page.locator('.panel-dialog').waitFor();
  const dialog = dialogFrame(page);
  await dialog.locator('#who:not(:empty)').waitFor();
  return dialog;
}

async function closedByEscape(dialog: FrameLocator): Promise<void> {
  // After a save the focus is on Close, inside the dialog's page: Escape goes there.
  await dialog.locator('#cancel').focus();
  // Key down only: the dialog closes on keydown, and a full press would wait to deliver the
  // key up to a frame that is gone (Playwright then hangs until the test times out).
  await page.keyboard.down('Escape');
  await page.locator('.panel-dialog').waitFor({ state: 'detached' });
  await page.keyboard.up('Escape');
  await idle(page);
}

/** Every visible field of the dialog has a label of its own. */
async function unlabelled(dialog: FrameLocator): Promise<string[]> {
  return dialog
    .locator('input, textarea, select')
    .evaluateAll((nodes) =>
      (nodes as (HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement)[])
        .filter((n) => n.offsetParent !== null && n.type !== 'hidden' && (n.labels?.length ?? 0) === 0)
        .map((n) => n.id || n.name),
    );
}

describe('the log dialogs in the workbench', () => {
  it('a header row or an empty row gets a clear message, and no dialog', async () => {
    await selectRow(page, 1);
    await openMenu(page, 'Log informational interview…');
    const header = await answer(page, 'OK');
    expect(header).toMatchObject({ title: 'Log informational interview', prompt: expect.stringMatching(/header row \(row 1\)/) });
    await selectRow(page, 8);
    await openMenu(page, 'Mark declined…');
    expect((await answer(page, 'OK')).prompt).toMatch(/Row 8 has no contact \(no name\)/);
    expect(await page.locator('.panel-dialog').count()).toBe(0);
  });

  // The server shows the dialog at Apps Script's default size (no setWidth/setHeight); the page
  // sets its width and fits its height to its content with google.script.host, again as it grows.
  it('a log dialog sizes itself to its content: 380 px wide, as tall as its fields, taller with a referral', async () => {
    const dialog = await openDialog(3, 'Log informational interview…');
    const iframe = page.locator('.panel-dialog iframe');
    /** The frame's size, and the height the page's content takes. */
    const sizes = async () => ({
      frame: await iframe.evaluate((f) => [f.clientWidth, f.clientHeight]),
      content: await dialog.locator('body').evaluate((b) => Math.ceil(b.getBoundingClientRect().height)),
    });
    await expect.poll(async () => (await sizes()).frame[0]).toBe(380);
    await expect
      .poll(async () => {
        const { frame, content } = await sizes();
        return frame[1] === content;
      })
      .toBe(true);
    const before = (await sizes()).frame[1];
    expect(before).toBeLessThan(600);
    await dialog.getByRole('button', { name: 'Add a referral' }).click();
    await expect
      .poll(async () => {
        const { frame, content } = await sizes();
        return frame[1] === Math.min(content, 600) && frame[1] > before;
      })
      .toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('.panel-dialog').waitFor({ state: 'detached' });
  });

  it('Log informational interview… with a referral: errors shown in the dialog, then the tracker and the log change', async () => {
    const dialog = await openDialog(3, 'Log informational interview…');
    expect(await dialog.locator('#who').innerText()).toBe('For Prof. Amara Obi (State University), now To contact');
    const today = await dialog.getByLabel('Date of the conversation').inputValue();
    const day = parseIsoDate(today)!;
    // Focus starts on the date, today by default; every field has its label.
    // (Polled: the page sets the focus once it has its context, a moment after it shows.)
    await expect.poll(() => dialog.locator('#date').evaluate((el) => el === document.activeElement)).toBe(true);

    await dialog.getByLabel('Length in minutes').fill('30');
    await dialog.getByLabel('What I learned').fill('=Research roles want a PhD');
    await dialog.getByRole('button', { name: 'Add a referral' }).click();
    const referral = dialog.locator('fieldset.referral').first();
    expect(await referral.locator('legend').innerText()).toBe('Referral 1');
    // The new referral's name takes the focus; a row with a company but no name is refused in the page.
    expect(await referral.getByLabel('Name').evaluate((el) => el === document.activeElement)).toBe(true);
    await referral.getByLabel('Company (optional)').fill('FBI');
    expect(await unlabelled(dialog)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save' }).click();
    const alert = dialog.locator('#alert');
    const status = dialog.locator('#status');
    await expect.poll(() => alert.innerText()).toBe('Referral 1 has no name.');
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await referral.getByLabel('Name').evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.type('Dana Scully');
    await referral.getByLabel('Email (optional)').fill('dana@fbi.example');
    await referral.getByLabel('Role (optional)').fill('Special Agent');
    // A date after today: the server refuses it, the dialog shows why, and nothing is written.
    await dialog.locator('#date').fill(formatIsoDate(addDays(day, 1)));
    await dialog.getByLabel('Next step (optional)').fill('Read her thesis');
    await dialog.getByLabel('Next step (optional)').press('Enter'); // Enter in a field submits
    await expect.poll(() => alert.innerText()).toMatch(/Date is in the future/);
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await trackerCell('Stage', 3)).toBe('To contact');
    expect(await page.locator('.tab', { hasText: 'Interview log' }).count()).toBe(0);

    await dialog.locator('#date').fill(today);
    await dialog.getByLabel('What I learned').press('Control+Enter');
    await expect.poll(() => status.innerText()).toMatch(/^Logged “Informational interview” for 1 contact/);
    expect(await status.innerText()).toContain('New contacts from referrals: Dana Scully (C-0007).');
    expect(await status.getAttribute('class')).toBe('message ok');
    expect(await dialog.getByRole('button', { name: 'Save' }).isHidden()).toBe(true);
    await closedByEscape(dialog);

    // The tracker: Amara interviewed today, the thank-you due tomorrow, one referral given.
    await expect.poll(() => trackerCell('Stage', 3)).toBe('Interviewed');
    expect(await trackerCell('Interview date', 3)).toBe(today);
    expect(await trackerCell('Next follow-up', 3)).toBe(formatIsoDate(addDays(day, 1)));
    expect(await trackerCell('Referrals given', 3)).toBe('1');
    // Dana is a new contact at the end of the table, linked to Amara.
    expect(await cellText(page, 'A9')).toBe('Dana Scully');
    expect(await cellText(page, 'B9')).toBe('dana@fbi.example');
    expect(await cellText(page, 'C9')).toBe('FBI');
    expect(await trackerCell('Contact ID', 9)).toBe('C-0007');
    expect(await trackerCell('Referred by', 9)).toBe('C-0002');
    expect(await trackerCell('Relationship', 9)).toBe('Referral');
    expect(await trackerCell('Stage', 9)).toBe('To contact');

    // The Interview log, created on first use: the interview, then the referral.
    await page.locator('.tab', { hasText: 'Interview log' }).click();
    await page.locator('td.cell[data-a1="A1"]', { hasText: 'Timestamp' }).waitFor();
    expect([await cellText(page, 'C2'), await cellText(page, 'D2'), await cellText(page, 'E2'), await cellText(page, 'G2')]).toEqual([
      'C-0002',
      'Prof. Amara Obi',
      'Informational interview',
      'Read her thesis',
    ]);
    expect(await cellText(page, 'B2')).toBe(today);
    expect(await cellText(page, 'F2')).toContain('Learned: =Research roles want a PhD');
    expect([await cellText(page, 'C3'), await cellText(page, 'D3'), await cellText(page, 'E3')]).toEqual(['C-0007', 'Dana Scully', 'Referred']);
    expect(await cellText(page, 'A4')).toBe('');
    await page.locator('.tab', { hasText: 'hand-made' }).click();
    await page.locator('td.cell[data-a1="A1"]', { hasText: 'FULL NAME' }).waitFor();
  });

  it('Mark pitch sent… says the 3B7 dates before saving, and they follow the date typed', async () => {
    const dialog = await openDialog(2, 'Mark pitch sent…');
    const routine = dialog.locator('#routine');
    const sent = parseIsoDate(await dialog.getByLabel('Date sent').inputValue())!;
    expect(await routine.innerText()).toContain(
      `by ${describeDate(addBusinessDays(sent, 3))} (3 business days) reach out to a second contact at Northwind Analytics`,
    );
    expect(await routine.innerText()).toContain(`Next follow-up will be set to ${describeDate(addBusinessDays(sent, 7))}`);
    await dialog.getByLabel('Date sent').fill('2026-01-09');
    await expect
      .poll(() => routine.innerText())
      .toContain(
        'by Wed 2026-01-14 (3 business days) reach out to a second contact at Northwind Analytics; by Tue 2026-01-20 (7 business days) follow up once with Jordan.',
      );
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => dialog.locator('#status').innerText())
      .toContain('3B7: no reply by Wed 2026-01-14 (3 business days)? Reach out to a second contact at Northwind Analytics.');
    // Ctrl+Enter once it is saved (focus on Close, inside the form) sends nothing again.
    const saved = await dialog.locator('#status').innerText();
    await dialog.locator('#cancel').press('Control+Enter');
    await page.waitForTimeout(300);
    expect(await dialog.locator('#status').innerText()).toBe(saved);
    await closedByEscape(dialog);
    await expect.poll(() => trackerCell('Next follow-up', 2)).toBe('2026-01-20');
  });

  it('Mark declined… offers the ask-for-referral message to copy', async () => {
    const dialog = await openDialog(4, 'Mark declined…');
    expect(await unlabelled(dialog)).toEqual([]);
    expect(await dialog.locator('#ask').isHidden()).toBe(true);
    await dialog.getByLabel('Note (optional)').fill('Too busy this quarter');
    await dialog.getByLabel('Note (optional)').press('Control+Enter');
    const ask = dialog.getByLabel('Suggested ask-for-referral message');
    await ask.waitFor();
    expect(await ask.inputValue()).toMatch(/^Hi Rosa,\n/);
    expect(await ask.inputValue()).toContain('Is there anyone else at Contoso Health or elsewhere in your field you would suggest I talk to?');
    expect(await dialog.getByRole('button', { name: 'Copy message' }).isEnabled()).toBe(true);
    expect(await dialog.locator('#status').innerText()).toContain('Rosa Jiménez (C-0003): stage Declined');
    await closedByEscape(dialog);
    await expect.poll(() => trackerCell('Stage', 4)).toBe('Declined');
  });

  it('Log job interview… records the outcome on the contact who led to it; Cancel closes without saving', async () => {
    const cancelled = await openDialog(5, 'Log offer…');
    await cancelled.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('.panel-dialog').waitFor({ state: 'detached' });
    const dialog = await openDialog(5, 'Log job interview…');
    expect(await dialog.getByLabel('Company').inputValue()).toBe('Fourth Coffee');
    await dialog.getByLabel('Company').fill('Globex');
    await dialog.getByLabel('Date of the job interview').fill('2026-03-02'); // ahead is fine: it is planned
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.locator('#status').innerText()).toMatch(/^Logged “Job interview” for 1 contact/);
    await closedByEscape(dialog);
    await expect.poll(() => trackerCell('Outcome', 5)).toBe('Job interview');
    expect(await trackerCell('Stage', 5)).toBe('To contact');
  });

  it('each dialog has its date label, its date limit and its own fields', async () => {
    // As the page showed them before the event kinds became a registry (core/logging/kinds.ts).
    const kinds: [caption: string, dateLabel: string, pastOnly: boolean, fields: string[]][] = [
      ['Mark pitch sent…', 'Date sent', true, ['date', 'note']],
      ['Log reply…', 'Date of the reply', true, ['date', 'meetingDate', 'note']],
      ['Log follow-up sent…', 'Date sent', true, ['date', 'note']],
      ['Log informational interview…', 'Date of the conversation', true, ['date', 'minutes', 'learned', 'nextStep']],
      ['Mark thank-you sent…', 'Date sent', true, ['date', 'note']],
      ['Mark declined…', 'Date they declined', true, ['date', 'note']],
      ['Log job interview…', 'Date of the job interview', false, ['date', 'company', 'note']],
      ['Log offer…', 'Date of the offer', false, ['date', 'company', 'note']],
      ['Log update sent…', 'Date sent', true, ['date', 'note']],
    ];
    for (const [caption, dateLabel, pastOnly, fields] of kinds) {
      const dialog = await openDialog(6, caption);
      expect(await dialog.locator('#date-label').innerText(), caption).toBe(dateLabel);
      const today = await dialog.locator('#date').inputValue();
      expect(await dialog.locator('#date').getAttribute('max'), caption).toBe(pastOnly ? today : null);
      const shown = await dialog
        .locator('input, textarea')
        .evaluateAll((nodes) => (nodes as HTMLElement[]).filter((n) => n.offsetParent !== null).map((n) => n.id));
      expect(shown, caption).toEqual(fields);
      expect(await dialog.locator('#routine').isVisible(), caption).toBe(caption === 'Mark pitch sent…' || caption === 'Log follow-up sent…');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await page.locator('.panel-dialog').waitFor({ state: 'detached' });
    }
  });
});
