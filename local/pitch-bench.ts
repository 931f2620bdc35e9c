// `npm run bench`, pitch sidebar: the size of build/PitchSidebar.html (the issue calls it
// build/Sidebar.html; every page is built as build/<its folder in src/client/pages>.html) and the
// time from loading it to a filled preview in headless Chromium, (1) with google.script.run
// bridged straight to the bundle in the emulator and (2) from the menu item in the workbench,
// through its server. A page that ends in its error state, or a missing timing mark, is reported
// as "not measured" with the reason, never as a number.

import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { selectRange } from './emulator/io.ts';
import { addOnOnContacts } from './bundle.ts';
import { handMadeContacts, toCsv } from './generate.ts';
import { CHROMIUM_PATH, launchChromium, openPage } from './pitch-page.ts';
import { answerAlert, openMenu, openPage as openWorkbench, selectRow, sidebarFrame, startWorkbench } from './workbench-driver.ts';
import { SIDEBAR_PAGE } from '../src/server/pitch/pitch.ts';

export const SIDEBAR_FILE = `${SIDEBAR_PAGE}.html`;
export const SIDEBAR_LIMIT_BYTES = 60 * 1024;
/** How long the sidebar may take to reach its ready or error state. */
const LOAD_TIMEOUT_MS = 30_000;

export interface SidebarBench {
  bytes: number;
  /** From navigation start to the preview filled with the selected contact (performance mark). */
  directMs: number | null;
  /** From choosing Draft a pitch… in the workbench to the filled preview. */
  workbenchMs: number | null;
  note: string;
  /** Why a time is missing, one line each. */
  problems: string[];
}

type Sidebar = Page | FrameLocator;

/** Waits for the page to be ready or to fail; on failure, says what it showed. */
async function settled(page: Sidebar): Promise<{ ready: true } | { ready: false; why: string }> {
  const body = page.locator('body[data-state="ready"], body[data-state="error"]');
  await body.waitFor({ timeout: LOAD_TIMEOUT_MS });
  if ((await body.getAttribute('data-state')) === 'ready') return { ready: true };
  const shown = (
    await page
      .locator('#alert')
      .innerText()
      .catch(() => '')
  ).trim();
  return { ready: false, why: `the sidebar did not load${shown ? `: “${shown}”` : ''}` };
}

export async function sidebarBench(buildDir = join(process.cwd(), 'build'), rows = 1000): Promise<SidebarBench> {
  const page = join(buildDir, SIDEBAR_FILE);
  const bytes = statSync(page).size;
  const base = { bytes, note: `${rows} contacts` };
  if (!existsSync(CHROMIUM_PATH)) return { ...base, directMs: null, workbenchMs: null, problems: [`no Chromium at ${CHROMIUM_PATH}`] };
  const csv = toCsv(handMadeContacts(rows));
  const problems: string[] = [];
  const browser = await launchChromium();
  try {
    const directMs = await directTime(browser, buildDir, page, csv, problems);
    const workbenchMs = await workbenchTime(browser, buildDir, csv, problems);
    return { ...base, directMs, workbenchMs, problems };
  } finally {
    await browser.close();
  }
}

async function directTime(browser: Browser, buildDir: string, page: string, csv: string, problems: string[]): Promise<number | null> {
  const { emu, bundle } = addOnOnContacts(csv, buildDir, { setUp: true });
  selectRange(emu.active, 'Contacts!A2');
  const opened = await openPage(browser, bundle, page, { menu: 'showPitchSidebar' });
  try {
    const state = await settled(opened.page);
    if (!state.ready) {
      problems.push(`direct: ${state.why}`);
      return null;
    }
    const mark = await opened.page.evaluate(() => performance.getEntriesByName('pitch-preview-filled')[0]?.startTime ?? null);
    if (mark === null) problems.push('direct: the page set no "pitch-preview-filled" timing mark');
    return mark === null ? null : Math.round(mark);
  } finally {
    await opened.page.context().close();
  }
}

/** Through the workbench, as a user does: Set up tracker, select a row, Draft a pitch…. */
async function workbenchTime(browser: Browser, buildDir: string, csv: string, problems: string[]): Promise<number | null> {
  const dir = mkdtempSync(join(tmpdir(), 'pitch-bench-'));
  const file = join(dir, 'contacts.csv');
  writeFileSync(file, csv);
  const wb = await startWorkbench(file, { buildDir });
  try {
    const page = await openWorkbench(browser, wb.url);
    await openMenu(page, 'Set up tracker');
    await answerAlert(page);
    await selectRow(page, 2);
    const start = performance.now();
    await openMenu(page, 'Draft a pitch…');
    const state = await settled(sidebarFrame(page));
    const ms = performance.now() - start;
    await page.close();
    if (!state.ready) {
      problems.push(`workbench: ${state.why}`);
      return null;
    }
    return Math.round(ms);
  } finally {
    await wb.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatSidebarBench(b: SidebarBench): string {
  const ms = (v: number | null) => (v === null ? 'not measured' : `${v} ms`);
  return [
    `pitch sidebar (${b.note})`,
    `  build/${SIDEBAR_FILE}            ${b.bytes} bytes (limit ${SIDEBAR_LIMIT_BYTES})`,
    `  load to filled preview (direct)    ${ms(b.directMs)}`,
    `  menu to filled preview (workbench) ${ms(b.workbenchMs)}`,
    ...b.problems.map((p) => `  not measured: ${p}`),
  ].join('\n');
}
