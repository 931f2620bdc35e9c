// The coach copy in the workbench, opened as the second spreadsheet it is: shared from the add-on's
// own Share with coach dialog, listed in the Drive with the people it is shared with, opened as the
// coach sees it (the copy's sheets, without the tracker's private columns, edits refused where the
// coach may not edit), and left for the tracker again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { GridWindow } from '../../local/workbench/protocol.ts';
import {
  cell,
  cellText,
  dialogFrame,
  docsScreenshot,
  editCell,
  idle,
  openMenu,
  openPage,
  SCREENSHOT_NOW,
  serverState,
  sharedBrowser,
  startWorkbench,
  type RunningWorkbench,
} from './harness.ts';

const COACH = 'coach@example.com';

/** The texts of a row as the page draws it (the rows must be in view). */
function rowTexts(page: Page, row: number): Promise<string[]> {
  return page.locator(`td.cell[data-r="${row}"]`).evaluateAll((tds) => tds.map((td) => (td.querySelector('.c')?.textContent ?? '').replace('▾', '').trim()));
}

describe('the coach copy opened in the workbench', () => {
  const browser = sharedBrowser();
  let wb: RunningWorkbench;
  let page: Page;
  let trackerHeader: string[];

  beforeAll(async () => {
    wb = await startWorkbench(undefined, { now: SCREENSHOT_NOW });
    page = await openPage(browser(), wb.url);
    page.setDefaultTimeout(15_000);
    const state = await serverState(wb.url);
    trackerHeader = state.snapshot.window.frozen.at(-1)!.map((c) => (c?.text ?? '').replace('▾', '').trim());
    await openMenu(page, 'Share with coach…');
    await page.locator('.panel-dialog').waitFor();
    const dialog = dialogFrame(page);
    await dialog.locator('#email').fill(COACH);
    await dialog.locator('#role').selectOption('viewer');
    // Mark a column that is shared by default private: the copy must leave it out.
    const notes = dialog.locator('#column-rows tr', { hasText: 'Notes for coach' });
    expect(await notes.locator('input').nth(0).isChecked()).toBe(true);
    await notes.locator('input').nth(1).check();
    await dialog.locator('#share').click();
    await dialog.locator('#status.ok').waitFor();
    await dialog.locator('#close').click();
    await page.locator('.panel-dialog').waitFor({ state: 'detached' });
    await idle(page);
  });
  afterAll(async () => {
    await page?.close();
    await wb?.stop();
  });

  it('the Drive lists the tracker and the coach copy, with whom each is shared', async () => {
    await page.locator('#drive summary').click();
    const files = page.locator('.drive-file');
    expect(await files.count()).toBe(2);
    expect(await files.locator('.drive-name').allTextContents()).toEqual(['Sample tracker', 'Sample tracker – coach view']);
    expect(await files.nth(1).locator('button').allTextContents()).toEqual([expect.stringMatching(/^Open as .+ \(owner\)$/), `Open as ${COACH} (viewer)`]);
  });

  it('opens the copy as the coach sees it: its own sheets, no private column, no add-on menu, no editing', async () => {
    await page.locator('.drive-file').nth(1).locator(`button[data-as="${COACH}"]`).click();
    await idle(page);
    await expect.poll(() => page.locator('#doc-title').innerText()).toBe('Sample tracker – coach view');
    expect(await page.locator('#other-file').isVisible()).toBe(true);
    expect(await page.locator('#other-file span').innerText()).toBe(`You are seeing “Sample tracker – coach view” as ${COACH} sees it (viewer).`);
    await docsScreenshot(page, 'workbench-coach-copy.png');
    // Extensions holds no add-on: the coach has not installed it, and it runs in the tracker only.
    await page.locator('.menubar > button', { hasText: 'Extensions' }).click();
    expect(await page.locator('.menu .item').count()).toBe(0);
    await page.keyboard.press('Escape');
    const tabs = await page.locator('.tab').allTextContents();
    expect(tabs).toContain('Progress');
    expect(tabs).not.toContain('Contacts');
    expect(await page.locator('.tab[aria-selected="true"]').innerText()).toBe('Progress');

    // What the page draws is what the emulator holds for that file.
    const res = await fetch(`${wb.url}/api/window?sheet=Progress&top=1&rows=60`);
    const held = (await res.json()) as GridWindow;
    const info = (await serverState(wb.url)).snapshot.sheets.find((x) => x.name === 'Progress')!;
    // The page draws the columns that are not hidden (the copy hides its fingerprints).
    const shown = (cells: GridWindow['rows'][number]) =>
      cells.flatMap((c, j) => (info.hiddenCols.includes(j + 1) || j >= info.shownCols ? [] : [(c?.text ?? '').trim()]));
    const heldRows = [...held.frozen, ...held.rows];
    const header = await rowTexts(page, 1);
    expect(header).toEqual(shown(heldRows[0]));
    expect(header).toContain('Coach feedback');
    // The column marked private, and the tracker's own columns not shared, stay out of the copy.
    expect(trackerHeader).toContain('Notes for coach');
    expect(header).not.toContain('Notes for coach');
    expect(trackerHeader).toContain('Email');
    expect(header).not.toContain('Email');
    expect(await rowTexts(page, 2)).toEqual(shown(heldRows[1]));
    expect(await rowTexts(page, 2)).toContain('Maya Okafor');

    // A viewer cannot type into the copy.
    const feedback = header.indexOf('Coach feedback');
    const a1 = String.fromCharCode(65 + feedback) + '2';
    const before = await cellText(page, a1);
    await cell(page, a1).dblclick();
    await page.locator('.cell-editor').fill('Great progress');
    await page.locator('.cell-editor').press('Enter');
    await expect.poll(() => page.locator('.notice, [role="alertdialog"]').first().innerText()).toContain(`${COACH} can view this file but not edit it.`);
    await page.keyboard.press('Escape');
    await idle(page);
    expect(await cellText(page, a1)).toBe(before);
  });

  it('goes back to the tracker, with its sheets and the add-on menu', async () => {
    await page.locator('#other-file button').click();
    await idle(page);
    await expect.poll(() => page.locator('#doc-title').innerText()).toBe('Sample tracker');
    expect(await page.locator('#other-file').isVisible()).toBe(false);
    expect(await page.locator('.tab').allTextContents()).toContain('Contacts');
    await page.locator('.menubar > button', { hasText: 'Extensions' }).click();
    expect(await page.locator('.menu .item.submenu').count()).toBe(1);
    await page.keyboard.press('Escape');
  });
});

describe('the coach copy opened by a coach who can edit it', () => {
  const browser = sharedBrowser();
  let wb: RunningWorkbench;
  let page: Page;

  beforeAll(async () => {
    wb = await startWorkbench(undefined, { now: SCREENSHOT_NOW });
    page = await openPage(browser(), wb.url);
    page.setDefaultTimeout(15_000);
    await openMenu(page, 'Share with coach…');
    await page.locator('.panel-dialog').waitFor();
    const dialog = dialogFrame(page);
    await dialog.locator('#email').fill(COACH);
    await dialog.locator('#share').click(); // a coach copy is shared for editing by default
    await dialog.locator('#status.ok').waitFor();
    await dialog.locator('#close').click();
    await page.locator('.panel-dialog').waitFor({ state: 'detached' });
    await idle(page);
  });
  afterAll(async () => {
    await page?.close();
    await wb?.stop();
  });

  it('takes their feedback in the Coach feedback column and refuses the cells the copy protects', async () => {
    await page.locator('#drive summary').click();
    await page.locator('.drive-file').nth(1).locator(`button[data-as="${COACH}"]`).click();
    await idle(page);
    await expect.poll(() => page.locator('#other-file span').innerText()).toBe(`You are seeing “Sample tracker – coach view” as ${COACH} sees it (editor).`);
    const header = await rowTexts(page, 1);
    const feedback = String.fromCharCode(65 + header.indexOf('Coach feedback'));
    await editCell(page, `${feedback}2`, 'Ask Maya about the research team');
    expect(await cellText(page, `${feedback}2`)).toBe('Ask Maya about the research team');

    const name = await cellText(page, 'A2');
    await cell(page, 'A2').dblclick();
    await page.locator('.cell-editor').fill('Someone else');
    await page.locator('.cell-editor').press('Enter');
    await expect.poll(() => page.locator('.notice, [role="alertdialog"]').first().innerText()).toContain('You are trying to edit a protected cell');
    await page.keyboard.press('Escape');
    await idle(page);
    expect(await cellText(page, 'A2')).toBe(name);
  });
});
