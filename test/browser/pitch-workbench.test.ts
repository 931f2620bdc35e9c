// End to end in the workbench (`npm start`): open Draft a pitch… from the add-on menu, see the
// selected contact's message, mark it sent, and see the tracker row and the Interview log change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { FIXTURES } from '../helpers.ts';
import { answerAlert, cellText, launchBrowser, openMenu, openPage, selectRow, sidebarFrame, startWorkbench, type RunningWorkbench } from './harness.ts';

let browser: Browser;
let wb: RunningWorkbench;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  wb = await startWorkbench(join(FIXTURES, 'hand-made.csv'));
  page = await openPage(browser, wb.url);
});
afterAll(async () => {
  await page?.close();
  await browser?.close();
  await wb?.stop();
});

async function columnOf(header: string): Promise<string> {
  const a1 = await page.locator('tr.frozen td.cell', { hasText: header }).first().getAttribute('data-a1');
  if (!a1) throw new Error(`no header ${header}`);
  return a1.replace(/\d+$/, '');
}

describe('Draft a pitch… in the workbench', () => {
  it('opens from the menu on the selected contact, and Mark as sent updates the tracker and the log', async () => {
    await openMenu(page, 'Set up tracker');
    await answerAlert(page);
    await selectRow(page, 2);
    await openMenu(page, 'Draft a pitch…');
    const sidebar = sidebarFrame(page);
    await sidebar.locator('body[data-state="ready"]').waitFor();
    expect(await sidebar.locator('#contact-name').innerText()).toBe('Jordan Ellis');
    expect(await sidebar.locator('#preview-body').innerText()).toMatch(/^Hi Jordan,/);
    await sidebar.locator('#mark-sent').click();
    await sidebar.locator('#status', { hasText: /Pitch sent/ }).waitFor();
    expect(await sidebar.locator('#contact-meta').innerText()).toContain('Stage: Pitched');
    const stage = await columnOf('Stage');
    await expect.poll(() => cellText(page, `${stage}2`), { timeout: 10_000 }).toBe('Pitched');
    expect(await page.locator('.tab', { hasText: 'Interview log' }).count()).toBe(1);
  });
});
