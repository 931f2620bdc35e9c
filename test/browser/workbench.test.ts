// End to end, in headless Chromium: `npm start` on a hand-made contacts CSV, then what a user
// does with the add-on: Set up tracker from the menu, select a row, edit cells, import contacts
// through the Import dialog, save the .xlsx, and check the saved file. Then the embedded sample,
// whose screenshot goes in the README.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { FIXTURES, ROOT } from '../helpers.ts';
import { TRACKER_COLUMNS } from '../../src/core/tracker/schema.ts';
import {
  answerAlert,
  cell,
  cellText,
  dialogFrame,
  docsScreenshot,
  editCell,
  lastActionText,
  openMenu,
  openPage,
  saveXlsx,
  selectedRange,
  selectRow,
  serverState,
  SCREENSHOT_NOW,
  startWorkbench,
  type RunningWorkbench,
  sharedBrowser,
} from './harness.ts';

const TRACKER_HEADERS = TRACKER_COLUMNS.map((c) => c.header);
const INJECTION = '<img src=x onerror=alert(1)>';

const browser = sharedBrowser();

/** Column letter of a header in row 1, read from the page. */
async function columnOf(page: Page, header: string): Promise<string> {
  const a1 = await page.locator('tr.frozen td.cell', { hasText: header }).first().getAttribute('data-a1');
  if (!a1) throw new Error(`no header ${header}`);
  return a1.replace(/\d+$/, '');
}

describe('the workbench on a hand-made contacts CSV', () => {
  let wb: RunningWorkbench;
  let page: Page;
  const dialogsSeen: string[] = [];

  beforeAll(async () => {
    // Named as a user types it (relative to the project), and on a pinned clock: the import
    // dialog's screenshot is the same on every machine and every day.
    wb = await startWorkbench(relative(ROOT, join(FIXTURES, 'hand-made.csv')), { now: SCREENSHOT_NOW });
    page = await openPage(browser(), wb.url);
    page.on('dialog', (d) => {
      dialogsSeen.push(d.message());
      void d.dismiss();
    });
  });
  afterAll(async () => {
    await page?.close();
    expect(await wb?.stop()).toBe(0); // Ctrl-C stops it cleanly
  });

  it('shows the CSV as a sheet named after the file, with the add-on menu onOpen built', async () => {
    expect(await page.locator('.tab[aria-selected="true"]').innerText()).toBe('hand-made');
    expect(await cellText(page, 'A1')).toBe('FULL NAME');
    expect(await cellText(page, 'A5')).toBe('Kenji Watanabe 😊');
    await page.locator('.menubar > button', { hasText: 'Extensions' }).click();
    await page.locator('.menu .item.submenu').first().click();
    const captions = await page.locator('.menu .item:not(.submenu)').allInnerTexts();
    expect(captions).toContain('Set up tracker');
    expect(captions).toContain('Import contacts…');
    await page.keyboard.press('Escape');
    expect(await lastActionText(page)).toMatch(/onOpen: \d+ service calls?/);
  });

  it('runs Set up tracker from the menu; its alert waits for the user, over the changed sheet', async () => {
    await openMenu(page, 'Set up tracker');
    // The script is blocked in ui.alert: what it wrote before asking is already on the sheet.
    await page.locator('.modal.question').waitFor();
    expect(await cellText(page, 'J1')).toBe('Contact ID');
    const shown = await answerAlert(page, 'OK');
    expect(shown.title).toBe('Tracker ready');
    const headers = await page.locator('tr.frozen td.cell .c').allInnerTexts();
    expect(headers.slice(9, 9 + TRACKER_HEADERS.length)).toEqual(TRACKER_HEADERS);
    expect(await cellText(page, 'J2')).toMatch(/^C-\d{4,}$/);
    // Frozen header row: it stays on screen when the sheet scrolls, and the sheet stays scrolled
    // (it used to snap back to row 1 on its next redraw).
    await page.locator('#grid-scroll').evaluate((el) => (el.scrollTop = 400));
    await page.waitForTimeout(100);
    expect(await page.locator('#grid-scroll').evaluate((el) => el.scrollTop)).toBe(400);
    const [header, row22] = await Promise.all([cell(page, 'A1').boundingBox(), page.locator('th.rh[data-row="22"]').boundingBox()]);
    expect(row22!.y).toBeGreaterThanOrEqual(header!.y + header!.height); // 400 px = 19 rows under the header
    expect(row22!.y).toBeLessThan(header!.y + header!.height + 21);
    expect(await cell(page, 'A1').isVisible()).toBe(true);
    await page.locator('#grid-scroll').evaluate((el) => (el.scrollTop = 0));
    expect(await lastActionText(page)).toMatch(/setUpTracker \(menu\): \d+ service calls/);
    const state = await serverState(wb.url);
    expect(state.snapshot.window.frozen[0].slice(9, 9 + TRACKER_HEADERS.length).map((c) => c?.text)).toEqual(TRACKER_HEADERS);
  });

  it('selecting a row makes it the active range the add-on sees', async () => {
    await selectRow(page, 3);
    expect(await selectedRange(page)).toBe('3:3');
    await expect.poll(async () => (await serverState(wb.url)).snapshot.selection[0]).toMatchObject({ row: 3, col: 1, numRows: 1 });
    await selectRow(page, 5, true);
    expect(await selectedRange(page)).toBe('3:5');
    await cell(page, 'B2').click();
    expect(await selectedRange(page)).toBe('B2');
  });

  it('edits cells: typed text stays text, formulas compute, drop-downs enforce their list', async () => {
    await editCell(page, 'F4', INJECTION);
    expect(await cellText(page, 'F4')).toBe(INJECTION);
    expect(await page.locator('#grid img').count()).toBe(0);

    const notes = await columnOf(page, 'Notes for coach');
    await editCell(page, `${notes}2`, '=LEN(A2)');
    expect(await cellText(page, `${notes}2`)).toBe('12');
    await cell(page, `${notes}2`).click();
    expect(await page.locator('#formula').inputValue()).toBe('=LEN(A2)');

    // Stage rejects what is not on its list, with Sheets' message; the cell keeps its value.
    const stage = await columnOf(page, 'Stage');
    const before = await cellText(page, `${stage}3`);
    await editCell(page, `${stage}3`, 'Maybe later');
    const notice = page.locator('.modal.notice');
    await notice.waitFor();
    expect(await notice.locator('h2').innerText()).toBe('There was a problem');
    expect(await notice.locator('.prompt').innerText()).toContain('Interviewed');
    await notice.locator('button.action').click();
    expect(await cellText(page, `${stage}3`)).toBe(before);

    // Its drop-down offers the stages; choosing one writes it.
    await cell(page, `${stage}3`).locator('.dd').click();
    await page.locator('.dropdown .option', { hasText: 'Pitched' }).click();
    await expect.poll(() => cellText(page, `${stage}3`)).toBe('Pitched');
    expect(dialogsSeen).toEqual([]);
  });

  it('opens Import contacts from the menu, imports pasted CSV, and the sheet changes', async () => {
    await openMenu(page, 'Import contacts…');
    const box = page.locator('.panel-dialog');
    await box.waitFor();
    expect(await box.locator('h2').innerText()).toBe('Import contacts');
    const frame = box.locator('iframe');
    expect(await frame.evaluate((f) => [f.clientWidth, f.clientHeight])).toEqual([520, 560]);
    const dialog = dialogFrame(page);
    await dialog
      .locator('#csv')
      .fill(
        'First Name,Last Name,Email Address,Company,Position\nNadia,Hussain,nadia.hussain@example.com,Humongous Insurance,HR Business Partner\nOmar,Haddad,omar.haddad@example.com,"Fourth Coffee, Ltd",Finance Manager\n',
      );
    await docsScreenshot(page, 'import-dialog.png');
    await dialog.locator('#import').click();
    await expect.poll(() => dialog.locator('#status').innerText()).toMatch(/Added 2 contacts/);
    expect(await lastActionText(page)).toMatch(/google\.script\.run\.importContacts: \d+ service calls/);
    const names = await page.locator('td.cell[data-c="1"] .c').allInnerTexts();
    expect(names.some((n) => n.includes('Nadia') && n.includes('Hussain'))).toBe(true);
    expect(names.some((n) => n.includes('Omar') && n.includes('Haddad'))).toBe(true);

    // google.script.run applies Google's rules in the browser: a Date argument fails at the call.
    const panel = page.frames().find((f) => f.url().includes('/panel/'))!;
    const thrown = await panel.evaluate(() => {
      try {
        (window as unknown as { google: { script: { run: { importContacts(d: Date): void } } } }).google.script.run.importContacts(new Date());
        return 'no error';
      } catch (e) {
        return String(e);
      }
    });
    expect(thrown).toBe('TypeError: Failed due to illegal value in property: 0');

    await dialog.locator('#close').click(); // google.script.host.close()
    await box.waitFor({ state: 'detached' });
  });

  it('saves an .xlsx with the tracker columns, the edits, the imported rows and the formula', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'workbench-')), 'saved.xlsx');
    expect(await saveXlsx(page, path)).toBe('hand-made.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const ws = book.getWorksheet('hand-made')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header.slice(0, 9)).toEqual(['FULL NAME', 'e-mail', 'Employer', 'role', 'How We Met', 'Notes', 'Priority', 'linkedin', 'Phone']);
    expect(header.slice(9, 9 + TRACKER_HEADERS.length)).toEqual(TRACKER_HEADERS);
    expect(ws.getCell('F4').value).toBe(INJECTION);
    const notes = 10 + TRACKER_HEADERS.indexOf('Notes for coach');
    expect(ws.getCell(2, notes).value).toMatchObject({ formula: 'LEN(A2)', result: 12 });
    const stage = 10 + TRACKER_HEADERS.indexOf('Stage');
    expect(ws.getCell(3, stage).value).toBe('Pitched');
    expect(ws.getCell(3, stage).dataValidation).toMatchObject({ type: 'list' });
    const names: string[] = [];
    ws.eachRow((row) => names.push(String(row.getCell(1).value ?? '')));
    expect(names.filter((n) => /Nadia|Omar/.test(n))).toHaveLength(2);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // The custom-formula colours travel too (the note below says they do).
    const formats = (ws as unknown as { conditionalFormattings: { rules: { type: string }[] }[] }).conditionalFormattings;
    expect(formats.flatMap((f) => f.rules).some((r) => r.type === 'expression')).toBe(true);
  });

  it('tells how to open the saved file in Google Sheets', async () => {
    const note = page.locator('.import-note');
    expect(await note.locator('summary').innerText()).toBe('Open it in Google Sheets');
    expect(await note.locator('p').isVisible()).toBe(false);
    await note.locator('summary').click();
    const text = note.locator('p');
    expect(await text.isVisible()).toBe(true);
    const words = await text.innerText();
    expect(words).toContain('File › Import › Upload');
    expect(words).toContain('drop-downs, notes, merged cells, frozen rows, hidden columns and colour rules come across');
    expect(words).toContain('run Set up tracker once after importing');
    await note.locator('summary').click();
  });
});

/**
 * How many of the elements the user can actually see: inside the window, and on top at their
 * centre (not scrolled under the frozen column, nor covered by a menu).
 */
function shownCount(locator: Locator, where?: { background?: string }): Promise<number> {
  return locator.evaluateAll(
    (els, background) =>
      els.filter((e) => {
        if (background && getComputedStyle(e).backgroundColor !== background) return false;
        const r = e.getBoundingClientRect();
        if (r.width === 0 || r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight) return false;
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !!top && (top === e || e.contains(top));
      }).length,
    where?.background,
  );
}

const GREEN = 'rgb(206, 234, 214)';
const RED = 'rgb(244, 199, 195)';

describe('the workbench on its embedded sample', () => {
  it('opens a tracker with progress to show, and takes the README screenshot', async () => {
    // The clock is pinned so that the sample's dates and colours are the same every day.
    const wb = await startWorkbench(undefined, { now: SCREENSHOT_NOW });
    try {
      expect(wb.output()).toContain('embedded sample (40 made-up contacts)');
      const page = await openPage(browser(), wb.url);
      expect(await page.locator('.tab[aria-selected="true"]').innerText()).toBe('Contacts');
      const stage = await columnOf(page, 'Stage');
      const stages = await page.locator(`td.cell[data-a1^="${stage}"] .c`).allInnerTexts();
      for (const s of ['Pitched', 'Scheduled', 'Interviewed', 'Thanked', 'Declined', 'No response']) expect(stages).toContain(s);
      // Conditional colours: an interviewed contact's stage is green, an overdue follow-up red.
      const colours = await page
        .locator(`td.cell[data-a1^="${stage}"]`)
        .evaluateAll((tds) => tds.map((td) => [td.textContent?.replace('▾', ''), getComputedStyle(td).backgroundColor]));
      expect(colours).toContainEqual(['Interviewed', GREEN]);
      const followUp = await columnOf(page, 'Next follow-up');
      const overdue = await page
        .locator(`td.cell[data-a1^="${followUp}"]`)
        .evaluateAll((tds, red) => tds.filter((td) => getComputedStyle(td).backgroundColor === red).length, RED);
      expect(overdue).toBeGreaterThan(0);
      // On the pinned day, Aisha Rahman's follow-up (due two days before) is overdue.
      expect(await cellText(page, `${followUp}5`)).toBe('2025-05-31');

      // The screenshot: scrolled right so that the tracker's columns sit beside the frozen names
      // (the menu, once open, covers the last two of the contacts' own columns).
      const contactId = Number(await page.locator('tr.frozen td.cell', { hasText: 'Contact ID' }).getAttribute('data-c'));
      await page.locator('#grid-scroll').evaluate((el, col) => {
        const left = (c: number) => el.querySelector<HTMLElement>(`th.ch[data-col="${c}"]`)!.offsetLeft;
        el.scrollLeft = left(col) - left(2);
      }, contactId - 2);
      await cell(page, `${stage}6`).click();
      await page.locator('.menubar > button', { hasText: 'Extensions' }).click();
      await page.locator('.menu .item.submenu').first().click();
      await page.locator('.menu .item:not(.submenu)', { hasText: 'Set up tracker' }).waitFor();

      const header = (text: string) => page.locator('tr.frozen td.cell', { hasText: text });
      for (const h of ['Name', 'Contact ID', 'Relationship', 'Referred by', 'Stage', 'Last contact', 'Next follow-up', 'Interview date'])
        expect(await shownCount(header(h)), h).toBe(1);
      expect(await shownCount(page.locator(`td.cell[data-a1^="${stage}"]`), { background: GREEN })).toBeGreaterThan(0);
      expect(await shownCount(page.locator(`td.cell[data-a1^="${followUp}"]`), { background: RED })).toBeGreaterThan(0);
      expect(await shownCount(page.locator(`td.cell[data-a1^="${stage}"] .dd`))).toBeGreaterThan(5);
      expect(await shownCount(page.locator('.menu .item', { hasText: 'Set up tracker' }))).toBe(1);
      expect(await shownCount(page.locator('.menu .item', { hasText: 'Import contacts…' }))).toBe(1);
      expect(await shownCount(page.locator('#calls summary'))).toBe(1);
      expect(await lastActionText(page)).toMatch(/onOpen: \d+ service calls/);
      await docsScreenshot(page, 'workbench.png');
      await page.close();
    } finally {
      await wb.stop();
    }
  });
  it('shows the Dashboard setup built, computed from the sample, and takes its README screenshot', async () => {
    const wb = await startWorkbench(undefined, { now: SCREENSHOT_NOW });
    try {
      const page = await openPage(browser(), wb.url, { width: 1400, height: 1100 });
      await page.locator('.tab', { hasText: 'Dashboard' }).click();
      await page.locator('td.cell[data-a1="A1"]', { hasText: 'Informational interview dashboard' }).waitFor();
      const texts = await page.locator('td.cell').allInnerTexts();
      // Computed by the emulator's formula engine: no formula error anywhere, real numbers.
      expect(texts.filter((t) => /^#(REF!|NAME\?|VALUE!|N\/A|DIV\/0!|ERROR!|NUM!)/.test(t))).toEqual([]);
      const rowOf = async (label: string) => {
        const a1 = await page
          .locator('td.cell[data-a1^="A"]', { hasText: new RegExp(`^${label}$`) })
          .first()
          .getAttribute('data-a1');
        return Number(a1!.slice(1));
      };
      expect(await cellText(page, `B${await rowOf('Contacts')}`)).toBe('40');
      expect(Number(await cellText(page, `B${await rowOf('Informational interviews held')}`))).toBeGreaterThan(0);
      expect(await cellText(page, `C${await rowOf('Interview → offer')}`)).toMatch(/^\d+$/);
      // The sample's history is in the Interview log, so the weeks' activity has numbers too.
      expect(await page.locator('.tab', { hasText: 'Interview log' }).count()).toBe(1);
      const all = await rowOf('All events');
      expect(Number(await cellText(page, `B${all}`)) + Number(await cellText(page, `C${all}`))).toBeGreaterThan(0);
      await docsScreenshot(page, 'dashboard.png');
      await page.close();
    } finally {
      await wb.stop();
    }
  });
});
