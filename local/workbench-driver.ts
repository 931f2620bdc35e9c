// Drives the workbench (`npm start`) in headless Chromium: start its server on a workbook, open
// its page, use the add-on's menu, answer its questions, find its sidebar and dialogs. Used by
// `npm run bench` (local/pitch-bench.ts) and by the browser tests (test/browser/harness.ts
// re-exports it, with the tests' own helpers).

import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const BUILD = join(ROOT, 'build');

export interface RunningWorkbench {
  url: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<number | null>;
  process: ChildProcess;
}

export interface WorkbenchOptions {
  /** The build to serve (default: build/). */
  buildDir?: string;
  args?: string[];
  timeoutMs?: number;
  /** Pins the clock (`--now`). */
  now?: string;
}

/**
 * Starts `local/workbench/server.ts` (what `npm start` runs after building) on `file`, or on the
 * embedded sample, on a free port. Resolves once it prints its address. `now` pins the clock
 * (`--now`).
 */
export function startWorkbench(file?: string, options: WorkbenchOptions = {}): Promise<RunningWorkbench> {
  const args = [
    '--import',
    'tsx',
    join(ROOT, 'local/workbench/server.ts'),
    ...(file ? [file] : []),
    '--port',
    '0',
    '--build',
    options.buildDir ?? BUILD,
    ...(options.now ? ['--now', options.now] : []),
    ...(options.args ?? []),
  ];
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

/**
 * Opens the workbench page and waits for the grid. Requests to other hosts (the add-on pages'
 * stylesheet on gstatic.com) are refused, so tests never depend on the network.
 */
export async function openPage(browser: Browser, url: string, viewport = { width: 1400, height: 820 }): Promise<Page> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  await page.route(
    (u) => u.hostname !== '127.0.0.1',
    (route) => route.abort(),
  );
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
  const shown = {
    kind: (await box.getAttribute('data-kind')) ?? '',
    title: await box.locator('.modal-title h2').innerText(),
    prompt: await box.locator('.prompt').innerText(),
  };
  if (text !== undefined) await box.locator('.prompt-input').fill(text);
  if (button === 'CLOSE') await box.locator('.modal-title .close').click();
  else await box.locator(`button[data-button="${button}"]`).click();
  await element.waitForElementState('hidden');
  // The script goes on with the answer: wait for its next question or its end.
  await page.waitForFunction(() => (document.body.dataset.requests ?? '0') === '0' || document.querySelector('.modal.question') !== null);
  return shown;
}

export const answerAlert = (page: Page, button: 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE' = 'OK') => answer(page, button);

export async function selectRow(page: Page, row: number, extend = false): Promise<void> {
  await page.locator(`th.rh[data-row="${row}"]`).click({ modifiers: extend ? ['Shift'] : [] });
}

/** The add-on's page in the open dialog, or in the sidebar. */
export const dialogFrame = (page: Page): FrameLocator => page.frameLocator('.panel-dialog iframe');
export const sidebarFrame = (page: Page): FrameLocator => page.frameLocator('#sidebar iframe');
