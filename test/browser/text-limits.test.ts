// Fields with a limit, in the real pages in headless Chromium: what the user pastes is never cut,
// a count says how many characters the field holds against its limit, and text over the limit is
// refused in words with nothing written.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { addOn, BUILD } from '../helpers.ts';
import { openPage, type OpenedPage } from '../../local/pitch-page.ts';
import { selectRange } from '../../local/emulator/io.ts';
import { sharedBrowser } from './harness.ts';

const CSV = [
  'Name,Email,Company,Title',
  'Ada Lovelace,ada@example.com,Northwind Labs,Product Manager',
  'Grace Hopper,grace@example.com,Contoso Health,Engineer',
].join('\n');

const browser = sharedBrowser();

function tracker() {
  const app = addOn({ csv: CSV, sheetName: 'Contacts' });
  app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
  return app;
}

/** Pastes `text` into the field as the browser() does (a paste respects maxlength, unlike setting the value). */
async function paste(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).focus();
  await page.keyboard.insertText(text);
}

describe('Log event dialog', () => {
  async function logDialog(app: ReturnType<typeof tracker>, menu: string): Promise<OpenedPage> {
    app.bundle.run(menu, [], { select: 'Contacts!A2' });
    const dialog = app.emu.ui.dialogs.at(-1)!;
    const file = join(mkdtempSync(join(tmpdir(), 'log-dialog-')), 'LogEventDialog.html');
    writeFileSync(file, dialog.html);
    const opened = await openPage(browser(), app.bundle, file, { width: dialog.width ?? undefined, height: dialog.height ?? undefined });
    await opened.page.locator('#who:not(:empty)').waitFor();
    return opened;
  }

  it('keeps pasted text whole, counts it against the cell limit, and refuses it over the limit with nothing logged', async () => {
    const app = tracker();
    const { page, errors } = await logDialog(app, 'showPitchSentDialog');
    expect(await page.locator('#note-count').innerText()).toBe('0 / 50,000 characters');
    // Text starting with "=" is stored with an apostrophe, so it has one character less.
    await paste(page, '#note', `=${'x'.repeat(59_999)}`);
    expect(await page.locator('#note').inputValue()).toHaveLength(60_000);
    expect(await page.locator('#note-count').innerText()).toBe('60,000 / 49,999 characters: 10,001 too many');
    expect(await page.locator('#note').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#alert', { hasText: /60,000 characters long/ }).waitFor();
    expect(app.ss.getSheetByName('Interview log')).toBeNull();
    await page.locator('#note').fill('short');
    expect(await page.locator('#note-count').innerText()).toBe('5 / 50,000 characters');
    expect(await page.locator('#note').getAttribute('aria-invalid')).toBeNull();
    expect(errors).toEqual([]);
  });

  it('counts every text field of the interview dialog', async () => {
    const app = tracker();
    const { page } = await logDialog(app, 'showInterviewDialog');
    await paste(page, '#learned', 'y'.repeat(50_001));
    expect(await page.locator('#learned').inputValue()).toHaveLength(50_001);
    expect(await page.locator('#learned-count').innerText()).toBe('50,001 / 50,000 characters: 1 too many');
    expect(await page.locator('#nextStep-count').innerText()).toBe('0 / 50,000 characters');
  });
});

describe('pitch sidebar', () => {
  it('keeps a pasted detail whole and counts it against its limit; the template fields are counted too', async () => {
    const app = tracker();
    selectRange(app.ss, 'Contacts!A2');
    const { page, errors } = await openPage(browser(), app.bundle, join(BUILD, 'PitchSidebar.html'));
    await page.waitForSelector('body[data-state="ready"]');
    await page.locator('#details-box summary').click();
    await paste(page, '#me-aboutMe', 'a'.repeat(400));
    expect(await page.locator('#me-aboutMe').inputValue()).toHaveLength(400);
    expect(await page.locator('#me-aboutMe-count').innerText()).toBe('400 / 300 characters: 100 too many');
    await page.locator('#edit-box summary').click();
    expect(await page.locator('#subject-src-count').innerText()).toMatch(/^\d+ \/ 300 characters$/);
    await page.locator('#templates-box summary').click();
    await paste(page, '#tpl-name', 'n'.repeat(90));
    expect(await page.locator('#tpl-name').inputValue()).toHaveLength(90);
    expect(await page.locator('#tpl-name-count').innerText()).toBe('90 / 80 characters: 10 too many');
    expect(errors).toEqual([]);
  });
});

describe('Import contacts dialog', () => {
  it('names the columns not imported, ten of a wide file and how many more', async () => {
    const app = tracker();
    const { page, errors } = await openPage(browser(), app.bundle, join(BUILD, 'ImportDialog.html'), { width: 520, height: 560 });
    const header = ['Name', 'Email', '', ...Array.from({ length: 500 }, (_, i) => `Answer ${i + 1}`)];
    const row = ['Nadia Hussain', 'nadia@example.com', 'met at the fair', ...header.slice(3).map(() => 'x')];
    await page.locator('#csv').fill(`${header.join(',')}\n${row.join(',')}\n`);
    await page.getByRole('button', { name: 'Preview' }).click();
    const status = page.locator('#status');
    await status.filter({ hasText: /^Would add 1 contact/ }).waitFor();
    expect(await status.innerText()).toContain(
      'Columns not imported: column C (no header), "Answer 1", "Answer 2", "Answer 3", "Answer 4", "Answer 5", "Answer 6", "Answer 7", "Answer 8", "Answer 9" and 491 more.',
    );
    expect(errors).toEqual([]);
  });
});
