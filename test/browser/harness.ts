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
//
// Starting the workbench, its menu, questions, sidebar and dialogs are local/workbench-driver.ts's
// (`npm run bench` drives them too), re-exported here.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, inject } from 'vitest';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page, type PageScreenshotOptions } from 'playwright-core';
import { ROOT, BUILD, requireBuild } from '../helpers.ts';
import { openPage, startWorkbench as start, type RunningWorkbench, type WorkbenchOptions } from '../../local/workbench-driver.ts';
import { CHROMIUM_PATH, launchChromium } from '../../local/pitch-page.ts';

export {
  answer,
  answerAlert,
  dialogFrame,
  openMenu,
  openPage,
  selectRow,
  sidebarFrame,
  type RunningWorkbench,
  type ShownQuestion,
  type WorkbenchOptions,
} from '../../local/workbench-driver.ts';

export const CHROMIUM = CHROMIUM_PATH;

/**
 * The moment the emulator's clock is pinned to in tests that take screenshots, so that the
 * sample's dates, TODAY() and the add-on's "today" are the same whatever day the tests run.
 */
export const SCREENSHOT_NOW = '2025-06-02T10:00:00Z';

/** local/workbench-driver.ts's startWorkbench, on build/ (which must exist) unless told otherwise. */
export function startWorkbench(file?: string, options: WorkbenchOptions = {}): Promise<RunningWorkbench> {
  if (!options.buildDir) requireBuild();
  return start(file, { ...options, buildDir: options.buildDir ?? BUILD });
}

/**
 * Headless Chromium from the system (Debian's `chromium`); fails clearly when it is missing. A
 * connection to the run's shared Chromium when there is one (chromium-server.ts): closing it
 * closes what it opened, not the browser.
 */
export async function launchBrowser(): Promise<Browser> {
  const endpoint = inject('chromiumEndpoint');
  if (endpoint) return chromium.connect(endpoint, { timeout: 30_000 });
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the browser tests need it. Install it with \`apt-get install -y chromium\` (.ci/run does), or set CHROMIUM_PATH.`,
    );
  }
  return launchChromium();
}

/** One headless Chromium (or connection to the shared one) for a test file: launched before its tests, closed after them. */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is launched in beforeAll: use it inside a hook or a test');
    return browser;
  };
}

/**
 * The workbench on its embedded sample at the screenshots' clock, and a page on it, for the tests
 * of one describe: started before them, stopped after them.
 */
export function sampleWorkbench(browser: () => Browser): { readonly wb: RunningWorkbench; readonly page: Page } {
  let wb: RunningWorkbench | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    wb = await startWorkbench(undefined, { now: SCREENSHOT_NOW });
    page = await openPage(browser(), wb.url);
  });
  afterAll(async () => {
    await page?.close();
    await wb?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (!value) throw new Error('the workbench is started in beforeAll: use it inside a hook or a test');
    return value;
  };
  return {
    get wb() {
      return started(wb);
    },
    get page() {
      return started(page);
    },
  };
}

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

/** The name box: the selected range in A1 notation. */
export const selectedRange = (page: Page) => page.locator('#name-box').innerText();

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
