// `npm run bench`, pitch sidebar: the size of build/PitchSidebar.html and the time from loading
// it to a filled preview in headless Chromium, (1) with google.script.run bridged straight to the
// bundle in the emulator and (2) from the menu item in the workbench, through its server.

import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Emulator } from './emulator/index.ts';
import { loadCsvInto, selectRange } from './emulator/io.ts';
import { Bundle } from './bundle.ts';
import { handMadeContacts, toCsv } from './generate.ts';
import { CHROMIUM_PATH, launchChromium, openPage } from './pitch-page.ts';

export const SIDEBAR_LIMIT_BYTES = 60 * 1024;

export interface SidebarBench {
  bytes: number;
  /** From navigation start to the preview filled with the selected contact (performance mark). */
  directMs: number | null;
  /** From choosing Draft a pitch… in the workbench to the filled preview. */
  workbenchMs: number | null;
  note: string;
}

export async function sidebarBench(buildDir = join(process.cwd(), 'build'), rows = 1000): Promise<SidebarBench> {
  const page = join(buildDir, 'PitchSidebar.html');
  const bytes = statSync(page).size;
  if (!existsSync(CHROMIUM_PATH)) return { bytes, directMs: null, workbenchMs: null, note: `no Chromium at ${CHROMIUM_PATH}: times not measured` };
  const csv = toCsv(handMadeContacts(rows));
  const browser = await launchChromium();
  try {
    const emu = new Emulator({ buildDir, noSheets: true });
    loadCsvInto(emu.active, 'Contacts', csv);
    const bundle = new Bundle(emu);
    bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
    selectRange(emu.active, 'Contacts!A2');
    const opened = await openPage(browser, bundle, page);
    await opened.page.waitForSelector('body[data-state="ready"]');
    const directMs = await opened.page.evaluate(() => performance.getEntriesByName('pitch-preview-filled')[0]?.startTime ?? -1);
    await opened.page.context().close();
    return { bytes, directMs: Math.round(directMs), workbenchMs: await workbenchTime(browser, csv), note: `${rows} contacts` };
  } finally {
    await browser.close();
  }
}

/** Through the workbench's own harness (the end-to-end tests' driver), when it is there. */
async function workbenchTime(browser: import('playwright-core').Browser, csv: string): Promise<number | null> {
  const harnessPath = join(import.meta.dirname, '../test/browser/harness.ts');
  if (!existsSync(harnessPath)) return null;
  const h = (await import(harnessPath)) as typeof import('../test/browser/harness.ts');
  const file = join(mkdtempSync(join(tmpdir(), 'pitch-bench-')), 'contacts.csv');
  writeFileSync(file, csv);
  const wb = await h.startWorkbench(file);
  try {
    const page = await h.openPage(browser, wb.url);
    await h.openMenu(page, 'Set up tracker');
    await h.answerAlert(page);
    await h.selectRow(page, 2);
    const start = performance.now();
    await h.openMenu(page, 'Draft a pitch…');
    await h.sidebarFrame(page).locator('body[data-state="ready"]').waitFor();
    const ms = performance.now() - start;
    await page.close();
    return Math.round(ms);
  } finally {
    await wb.stop();
  }
}

export function formatSidebarBench(b: SidebarBench): string {
  const ms = (v: number | null) => (v === null ? 'not measured' : `${v} ms`);
  return [
    `pitch sidebar (${b.note})`,
    `  build/PitchSidebar.html            ${b.bytes} bytes (limit ${SIDEBAR_LIMIT_BYTES})`,
    `  load to filled preview (direct)    ${ms(b.directMs)}`,
    `  menu to filled preview (workbench) ${ms(b.workbenchMs)}`,
  ].join('\n');
}
