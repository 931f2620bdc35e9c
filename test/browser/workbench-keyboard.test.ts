// The workbench with the keyboard alone, in headless Chromium: leaving the grid, the menu bar
// (Alt+/, Alt+N, arrows, Enter, Esc), and modal boxes that keep the keyboard (Tab cycles inside,
// through a dialog's own page too) and give it back to what had it when they close.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  cellText,
  dialogFrame,
  idle,
  openPage,
  selectedRange,
  serverState,
  SCREENSHOT_NOW,
  startWorkbench,
  type RunningWorkbench,
  sharedBrowser,
} from './harness.ts';

/**
 * Where the keyboard is: "grid", "#id", a control's label, prefixed "dialog " inside a modal box;
 * inside a dialog's page, "frame #id" ("frame body" when the page itself has it and no control).
 */
async function focusAt(page: Page): Promise<string> {
  // Focus moving into a dialog's frame (another document) passes through the page's body for a
  // moment on a busy machine: only a body that stays so has lost the keyboard.
  for (let i = 0; i < 10; i++) {
    const at = await focusNow(page);
    if (at !== 'body') return at;
    await page.waitForTimeout(100);
  }
  return 'body';
}

async function focusNow(page: Page): Promise<string> {
  const outer = await page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    if (!a || a === document.body) return 'body';
    if (a.tagName === 'IFRAME') return 'iframe';
    const where = a.closest('.modal') ? 'dialog ' : a.closest('[role="menu"]') ? 'menu ' : a.closest('[role="menubar"]') ? 'menubar ' : '';
    const name = a.id === 'grid-scroll' ? 'grid' : a.id ? `#${a.id}` : (a.getAttribute('aria-label') ?? a.textContent?.trim() ?? a.tagName);
    return where + name;
  });
  if (outer !== 'iframe') return outer;
  const frame = page.frames().find((f) => f.url().includes('/panel/d'));
  if (!frame) return 'iframe (no dialog page)';
  const inner = await frame.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    return !a || a === document.body ? 'body' : a.id ? `#${a.id}` : a.tagName.toLowerCase();
  });
  return `frame ${inner}`;
}

/** Presses `key` until the focused menu item reads `caption` (at most `max` times). */
async function arrowTo(page: Page, caption: string, key = 'ArrowDown', max = 25): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focusAt(page)) === `menu ${caption}`) return;
    await page.keyboard.press(key);
  }
  throw new Error(`no menu item ${caption}; the keyboard is at ${await focusAt(page)}`);
}

/** Presses `key` until the keyboard is at `where` (at most `max` times). */
async function pressUntil(page: Page, key: string, where: string, max = 25): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focusAt(page)) === where) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${where}; the keyboard is at ${await focusAt(page)}`);
}

/**
 * Presses `key` where its keydown closes the dialog the keyboard is in, and lets it go only once
 * the dialog is gone. Playwright's press is a keydown then a keyup, each waiting until the browser
 * says the page handled it. That was this file's hang: a DEBUG=pw:api log of a hung run shows the
 * Enter on the dialog's Close started and never returned, while the page had already told the
 * server the dialog was closed (about one run in 20-40, under load). The dialog's page is a
 * sandboxed frame rendered by another process; the keydown closes the dialog, and the keyup, sent
 * while that frame is being torn down, is (we infer) never answered. Released after the frame is
 * gone, the keyup goes to the workbench's own page. A person's keyboard waits for no answer, so
 * this is the test driver's problem, not the workbench's.
 */
async function pressClosingDialog(page: Page, key: string): Promise<void> {
  await page.keyboard.down(key);
  await page.locator('.panel-dialog').waitFor({ state: 'detached' });
  await page.keyboard.up(key);
}

/**
 * A page of its own for each attempt of a test, on the workbook as the server has it: an attempt
 * that failed may have left its dialog open in the server's session (a reload shows it again),
 * where the next attempt's keys would go. Closes that dialog as its × does, then opens a new page.
 */
async function freshPage(browser: Browser, url: string, old: Page | undefined): Promise<Page> {
  await old?.close();
  const { snapshot } = await serverState(url);
  if (snapshot.dialog) {
    const res = await fetch(`${url}/api/close`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ panel: snapshot.dialog.id }),
    });
    if (!res.ok) throw new Error(`could not close the dialog left open: ${res.status} ${await res.text()}`);
  }
  return openPage(browser, url);
}

// A round trip through a dialog's page presses many keys on a loaded machine: room for that, and
// a retry on a fresh page (freshPage). Still seen under heavy load (one run in 10-20 at load
// 20+ on 2 cores), not understood: inside the open dialog the keyboard ends up on the workbench
// page's body and Tab no longer moves it; the attempt fails in words (never hangs) and the retry
// passes.
const KEYBOARD_ROUND_TRIP = { timeout: 45_000, retry: 2 };

const openMenuCount = (page: Page) => page.locator('[role="menu"]').count();

const browser = sharedBrowser();

describe('the keyboard alone, on the sample tracker', () => {
  let wb: RunningWorkbench;
  let page: Page;
  beforeAll(async () => {
    wb = await startWorkbench(undefined, { now: SCREENSHOT_NOW });
    page = await openPage(browser(), wb.url);
  });
  afterAll(async () => {
    await page?.close();
    await wb?.stop();
  });

  it('opens the menus with Alt+/, moves with the arrows, and Esc gives the keyboard back to the grid', async () => {
    expect(await focusAt(page)).toBe('grid');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    expect(await selectedRange(page)).toBe('A2');
    await page.keyboard.press('Alt+/');
    expect(await page.locator('[role="menubar"] > [role="menuitem"]', { hasText: 'Extensions' }).getAttribute('aria-expanded')).toBe('true');
    expect(await focusAt(page)).toBe('menu Add-on');
    await page.keyboard.press('ArrowRight'); // into the add-on's submenu
    expect(await focusAt(page)).toBe('menu Set up tracker');
    await page.keyboard.press('ArrowDown');
    expect(await focusAt(page)).toBe('menu Import contacts…');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp'); // wraps to the last item
    expect(await focusAt(page)).toBe('menu About Informational Interview Tracker');
    await page.keyboard.press('ArrowLeft'); // back to the submenu's opener
    expect(await focusAt(page)).toBe('menu Add-on');
    expect(await openMenuCount(page)).toBe(1);
    await page.keyboard.press('Escape');
    expect(await openMenuCount(page)).toBe(0);
    expect(await focusAt(page)).toBe('grid');
    expect(await selectedRange(page)).toBe('A2');
  });

  it('opens a drop-down with Alt+Down, chooses in it with the arrows and Enter; Esc closes it', async () => {
    const stageCol = await page.locator('tr.frozen td.cell', { hasText: /^Stage$/ }).getAttribute('data-c');
    await page.keyboard.press('Control+Home');
    for (let i = 1; i < Number(stageCol); i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const a1 = await selectedRange(page);
    const before = await cellText(page, a1);
    await page.keyboard.press('Alt+ArrowDown');
    const list = page.locator('.dropdown');
    await list.waitFor();
    expect(await focusAt(page)).toBe(before); // on the value the cell has
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });
    expect(await focusAt(page)).toBe('grid');
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press('ArrowDown');
    const chosen = await focusAt(page);
    expect(chosen).not.toBe(before);
    await page.keyboard.press('Enter');
    await list.waitFor({ state: 'detached' });
    await expect.poll(() => cellText(page, a1)).toBe(chosen);
    expect(await focusAt(page)).toBe('grid');
    expect(await selectedRange(page)).toBe(a1);
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
  });

  it(
    'opens Import contacts… by keyboard; Tab cycles inside the dialog and its page; Esc closes it and the grid has the keyboard back',
    KEYBOARD_ROUND_TRIP,
    async () => {
      page = await freshPage(browser(), wb.url, page);
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Alt+N'); // Extensions, as in Sheets
      expect(await focusAt(page)).toBe('menu Add-on');
      await page.keyboard.press('Enter');
      await arrowTo(page, 'Import contacts…');
      await page.keyboard.press('Enter');
      const box = page.locator('.panel-dialog');
      await box.waitFor();
      await dialogFrame(page).locator('#csv').waitFor();
      // The workbench gives the keyboard to the dialog's page once it has loaded, as Sheets does.
      await expect.poll(() => focusAt(page)).toBe('frame body');

      const seen: string[] = [];
      for (let i = 0; i < 24; i++) {
        await page.keyboard.press('Tab');
        seen.push(await focusAt(page));
      }
      expect(
        seen.filter((f) => !/^(dialog |frame )/.test(f)),
        seen.join(', '),
      ).toEqual([]); // never outside the dialog
      for (const control of ['frame #csv', 'frame #relationship', 'frame #preview', 'frame #close']) expect(seen).toContain(control);
      expect(seen.filter((f) => f === 'dialog Close').length).toBeGreaterThanOrEqual(2); // round and round

      // Shift+Tab from the × goes round the other way, to the page's last control.
      await pressUntil(page, 'Tab', 'dialog Close');
      await page.keyboard.press('Shift+Tab');
      expect(await focusAt(page)).toBe('frame #close');
      await page.keyboard.press('Shift+Tab');
      expect(await focusAt(page)).toMatch(/^frame #(import|preview)$/);

      // Typing goes to the page, never to the grid behind it.
      await page.keyboard.press('x');
      expect(await page.locator('.cell-editor').count()).toBe(0);
      await pressClosingDialog(page, 'Escape');
      expect(await focusAt(page)).toBe('grid');
      expect(await selectedRange(page)).toBe('A2');
      await expect.poll(async () => (await serverState(wb.url)).snapshot.dialog).toBeNull();
    },
  );
});

const CODE = `
function onOpen(e) {
  var ui = SpreadsheetApp.getUi();
  ui.createAddonMenu().addItem('Ask my name', 'askName').addItem('Open small dialog', 'openDialog').addToUi();
  ui.createMenu('Tools').addItem('Say hello', 'hello').addItem('Say bye', 'bye').addToUi();
}
function askName() {
  var ui = SpreadsheetApp.getUi();
  var r = ui.prompt('Name', 'Who are you?', ui.ButtonSet.OK_CANCEL);
  SpreadsheetApp.getActiveSheet().getRange('D1').setValue(r.getSelectedButton() + ':' + r.getResponseText());
}
function openDialog() { SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutputFromFile('Helper').setWidth(320).setHeight(200), 'Small dialog'); }
function hello() { SpreadsheetApp.getActiveSheet().getRange('D2').setValue('hello'); }
function bye() { SpreadsheetApp.getActiveSheet().getRange('D2').setValue('bye'); }
`;

const HELPER = `<!DOCTYPE html><html><body><input id="who"><button id="ok">OK</button><button id="close" onclick="google.script.host.close()">Close</button></body></html>`;

describe('the keyboard alone, on a stand-in add-on with a menu of its own', () => {
  let wb: RunningWorkbench;
  let page: Page;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workbench-keys-'));
    writeFileSync(join(dir, 'Code.js'), CODE);
    writeFileSync(join(dir, 'Helper.html'), HELPER);
    const csv = join(dir, 'people.csv');
    writeFileSync(csv, 'Name,Email\nAda Lovelace,ada@example.com\nAlan Turing,alan@example.com\n');
    wb = await startWorkbench(csv, { buildDir: dir });
    page = await openPage(browser(), wb.url);
  });
  afterAll(async () => {
    await page?.close();
    await wb?.stop();
  });

  it('Tab moves right in the grid and leaves it from the last column; Shift+Tab leaves it from column A', async () => {
    expect(await focusAt(page)).toBe('grid');
    await page.keyboard.press('Tab');
    expect(await selectedRange(page)).toBe('B1');
    await page.keyboard.press('Shift+Tab');
    expect(await selectedRange(page)).toBe('A1');
    await page.keyboard.press('Shift+Tab');
    expect(await focusAt(page)).toBe('#formula');
    await page.keyboard.press('Tab');
    expect(await focusAt(page)).toBe('grid');
    await page.keyboard.press('Control+ArrowRight'); // the last column with data
    expect(await selectedRange(page)).toBe('B1');
    await page.keyboard.press('Control+ArrowRight'); // the sheet's last column
    const last = await selectedRange(page);
    await page.keyboard.press('Tab');
    expect(await focusAt(page)).not.toBe('grid');
    expect(await selectedRange(page)).toBe(last);
    await page.keyboard.press('Shift+Tab');
    expect(await focusAt(page)).toBe('grid');
    await page.keyboard.press('Control+Home');
    expect(await selectedRange(page)).toBe('A1');
  });

  it('Ctrl+Alt+Shift+M takes the keyboard to the menu bar, one Tab stop whose menus the arrows walk; a choice runs and the grid has the keyboard back', async () => {
    await page.keyboard.press('Control+Alt+Shift+M');
    expect(await focusAt(page)).toBe('menubar Extensions');
    await page.keyboard.press('ArrowRight');
    expect(await focusAt(page)).toBe('menubar Tools');
    await page.keyboard.press('ArrowRight'); // wraps
    expect(await focusAt(page)).toBe('menubar Extensions');
    await page.keyboard.press('Tab'); // the bar is one stop: on to Save
    expect(await focusAt(page)).toBe('#save');
    await page.keyboard.press('Shift+Tab');
    expect(await focusAt(page)).toBe('menubar Extensions');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowDown'); // opens Tools
    expect(await focusAt(page)).toBe('menu Say hello');
    await page.keyboard.press('Tab'); // closes the menus, on to the control after the bar
    expect(await openMenuCount(page)).toBe(0);
    expect(await focusAt(page)).toBe('#save');
    await page.keyboard.press('Shift+Tab');
    expect(await focusAt(page)).toBe('menubar Tools'); // the menu last opened is the bar's stop
    await page.keyboard.press('Enter');
    expect(await focusAt(page)).toBe('menu Say hello');
    await page.keyboard.press('ArrowLeft'); // the menu to its left, open
    expect(await focusAt(page)).toBe('menu Add-on');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await focusAt(page)).toBe('menu Say hello');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(' ');
    await idle(page);
    expect(await cellText(page, 'D2')).toBe('bye');
    expect(await openMenuCount(page)).toBe(0);
    expect(await focusAt(page)).toBe('grid');
  });

  it('a prompt keeps the keyboard: Tab cycles its controls, Esc answers with its ×, and the grid has the keyboard back', async () => {
    await page.keyboard.press('Alt+/');
    await page.keyboard.press('ArrowRight');
    expect(await focusAt(page)).toBe('menu Ask my name');
    await page.keyboard.press('Enter');
    await page.locator('.modal.question').waitFor();
    expect(await focusAt(page)).toBe('dialog Who are you?'); // its text box
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      seen.push(await focusAt(page));
    }
    expect(seen).toEqual(['dialog OK', 'dialog Cancel', 'dialog Close', 'dialog Who are you?', 'dialog OK']);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focusAt(page)).toBe('dialog Close');
    await page.keyboard.press('Shift+Tab');
    expect(await focusAt(page)).toBe('dialog Cancel');
    // Nothing behind the box can take the keyboard: Alt+/ does not open the menus.
    await page.keyboard.press('Alt+/');
    expect(await openMenuCount(page)).toBe(0);
    await page.keyboard.press('Escape');
    await page.locator('.modal.question').waitFor({ state: 'detached' });
    await idle(page);
    expect(await cellText(page, 'D1')).toBe('CLOSE:');
    expect(await focusAt(page)).toBe('grid');
  });

  it(
    'a modal dialog keeps the keyboard in its page and its title bar; closing it from its page gives the grid the keyboard back',
    KEYBOARD_ROUND_TRIP,
    async () => {
      page = await freshPage(browser(), wb.url, page);
      await page.keyboard.press('Alt+/');
      await page.keyboard.press('ArrowRight');
      await arrowTo(page, 'Open small dialog');
      await page.keyboard.press('Enter');
      await dialogFrame(page).locator('#close').waitFor();
      await expect.poll(() => focusAt(page)).toBe('frame body');
      const seen: string[] = [];
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        seen.push(await focusAt(page));
      }
      const round = ['dialog Close', 'frame #who', 'frame #ok', 'frame #close'];
      const start = seen.indexOf('dialog Close');
      expect(start).toBeGreaterThanOrEqual(0);
      expect(seen.slice(start, start + 4)).toEqual(round);
      expect(seen.every((f) => round.includes(f))).toBe(true);
      await pressUntil(page, 'Tab', 'frame #close');
      await pressClosingDialog(page, 'Enter'); // google.script.host.close()
      expect(await focusAt(page)).toBe('grid');
    },
  );
});
