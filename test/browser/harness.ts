// Drives the workbench (`npm start`) in headless Chromium, for this end-to-end test and for
// the sidebar and dialog issues that follow: start the server on a workbook, open the page, use
// the add-on's menu, answer its questions, work inside its sidebars and dialogs, read cells, save.
//
//   const wb = await startWorkbench(join(FIXTURES, 'hand-made.csv'));
//   const browser = await launchBrowser();
//   const page = await openPage(browser, wb.url);
//   await openMenu(page, 'Set up tracker');
//   await answerAlert(page);                       // "Tracker ready"
//   await openMenu(page, 'Import contacts…');
//   const dialog = dialogFrame(page);              // a FrameLocator inside the add-on's own page
//   ...
//   await browser.close(); await wb.stop();

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Locator, type Page, type PageScreenshotOptions } from 'playwright-core';
import { ROOT, BUILD, requireBuild } from '../helpers.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface RunningWorkbench {
  url: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<number | null>;
  process: ChildProcess;
}

/**
 * The moment the emulator's clock is pinned to in tests that take screenshots, so that the
 * sample's dates, TODAY() and the add-on's "today" are the same whatever day the tests run.
 */
export const SCREENSHOT_NOW = '2025-06-02T10:00:00Z';

/**
 * Starts `local/workbench/server.ts` (what `npm start` runs after building) on `file`, or on the
 * embedded sample, on a free port. Resolves once it prints its address. `now` pins the clock
 * (`--now`).
 */
export function startWorkbench(file?: string, options: { buildDir?: string; args?: string[]; timeoutMs?: number; now?: string } = {}): Promise<RunningWorkbench> {
  if (!options.buildDir) requireBuild();
  const args = ['--import', 'tsx', join(ROOT, 'local/workbench/server.ts'), ...(file ? [file] : []), '--port', '0', '--build', options.buildDir ?? BUILD, ...(options.now ? ['--now', options.now] : []), ...(options.args ?? [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: process.env.TZ ?? 'UTC' } });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the workbench did not start within ${options.timeoutMs ?? 30000} ms:\n${out}`));
    }, options.timeoutMs ?? 30000);
    const look = () => {
      const m = /Open (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', look);
      resolve({ url: m[1], output: () => out, stop, process: child });
    };
    child.stdout!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the workbench exited (code ${code}) before it started:\n${out}`));
    });
  });
}

/** Headless Chromium from the system (Debian's `chromium`); fails clearly when it is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: the browser tests need it. Install it with \`apt-get install -y chromium\` (.ci/run does), or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Opens the workbench page and waits for the grid. Requests to other hosts (the add-on pages'
 * stylesheet on gstatic.com) are refused, so tests never depend on the network.
 */
export async function openPage(browser: Browser, url: string, viewport = { width: 1400, height: 820 }): Promise<Page> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  await page.route((u) => u.hostname !== '127.0.0.1', (route) => route.abort());
  await page.goto(`${url}/`);
  await page.locator('td.cell[data-a1="A1"]').waitFor();
  return page;
}

/** Chooses an item of the add-on's menu (Extensions › <add-on> › caption), or of a menu of the bar. */
export async function openMenu(page: Page, caption: string, menu = 'Extensions'): Promise<void> {
  await page.locator('.menubar > button', { hasText: menu }).click();
  if (menu === 'Extensions') await page.locator('.menu .item.submenu').first().click();
  await page.locator('.menu .item:not(.submenu)', { hasText: caption }).first().click();
}

export interface ShownQuestion {
  kind: string;
  title: string;
  prompt: string;
}

/** Waits for the script's alert or prompt, answers it with `button` (and `text` for a prompt), and says what it asked. */
export async function answer(page: Page, button: 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE', text?: string): Promise<ShownQuestion> {
  const box = page.locator('.modal.question');
  await box.waitFor();
  // The script's next question can replace this one at once: follow this element, not the selector.
  const element = (await box.elementHandle())!;
  const shown = { kind: (await box.getAttribute('data-kind')) ?? '', title: await box.locator('.modal-title h2').innerText(), prompt: await box.locator('.prompt').innerText() };
  if (text !== undefined) await box.locator('.prompt-input').fill(text);
  if (button === 'CLOSE') await box.locator('.modal-title .close').click();
  else await box.locator(`button[data-button="${button}"]`).click();
  await element.waitForElementState('hidden');
  // The script goes on with the answer: wait for its next question or its end.
  await page.waitForFunction(() => (document.body.dataset.requests ?? '0') === '0' || document.querySelector('.modal.question') !== null);
  return shown;
}

export const answerAlert = (page: Page, button: 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE' = 'OK') => answer(page, button);

/** The cell named in A1 notation (it must be among the rows drawn: scroll to it first if needed). */
export function cell(page: Page, a1: string): Locator {
  return page.locator(`td.cell[data-a1="${a1}"]`);
}

/** The text the cell shows. */
export async function cellText(page: Page, a1: string): Promise<string> {
  const td = cell(page, a1);
  const box = td.locator('.cb');
  if (await box.count()) return (await box.getAttribute('aria-checked')) === 'true' ? 'TRUE' : 'FALSE';
  return td.locator('.c').innerText();
}

/** Waits until the page has no request under way (the last action's result is drawn). */
export async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => (document.body.dataset.requests ?? '0') === '0');
}

/** Types into a cell as a user does (double-click, type, Enter) and waits for the result. */
export async function editCell(page: Page, a1: string, text: string): Promise<void> {
  await cell(page, a1).dblclick();
  const editor = page.locator('.cell-editor');
  await editor.fill(text);
  await editor.press('Enter');
  await editor.waitFor({ state: 'detached' });
  await idle(page);
}

export async function selectRow(page: Page, row: number, extend = false): Promise<void> {
  await page.locator(`th.rh[data-row="${row}"]`).click({ modifiers: extend ? ['Shift'] : [] });
}

/** The name box: the selected range in A1 notation. */
export const selectedRange = (page: Page) => page.locator('#name-box').innerText();

/** The add-on's page in the open dialog, or in the sidebar. */
export const dialogFrame = (page: Page): FrameLocator => page.frameLocator('.panel-dialog iframe');
export const sidebarFrame = (page: Page): FrameLocator => page.frameLocator('#sidebar iframe');

/** Clicks Save as .xlsx and stores the download at `path`. */
export async function saveXlsx(page: Page, path: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#save').click()]);
  await download.saveAs(path);
  return download.suggestedFilename();
}

/** The server's view of the workbook (what the page draws), for assertions the grid cannot show. */
export async function serverState(url: string): Promise<import('../../local/workbench/protocol.ts').Outcome> {
  const res = await fetch(`${url}/api/state?top=1&rows=200`);
  return (await res.json()) as import('../../local/workbench/protocol.ts').Outcome;
}

/**
 * Takes a screenshot for the README (docs/<name>). Pixels differ between machines and even between
 * runs (fonts, antialiasing), so docs/ is rewritten only when UPDATE_SCREENSHOTS=1 is set or the
 * file does not exist yet: `npm test` leaves git clean. Returns the PNG either way.
 */
export async function docsScreenshot(page: Page, name: string, options: Omit<PageScreenshotOptions, 'path'> = {}): Promise<Buffer> {
  const png = await page.screenshot({ animations: 'disabled', caret: 'hide', ...options });
  const path = join(ROOT, 'docs', name);
  if (process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(path)) {
    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    writeFileSync(path, png);
  }
  return png;
}

/** The service-call line of the status bar ("Last action: …"). */
export const lastActionText = (page: Page) => page.locator('#calls summary').innerText();
