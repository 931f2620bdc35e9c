// The Reminders dialog in the workbench (`npm start`), in headless Chromium: it opens with the
// current settings (off), saves a change through setReminders, shows a refusal in words, and
// opens again with what was saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { FIXTURES } from '../helpers.ts';
import { answerAlert, dialogFrame, openMenu, openPage, sharedBrowser, startWorkbench, type RunningWorkbench } from './harness.ts';

const browser = sharedBrowser();
let wb: RunningWorkbench;
let page: Page;

beforeAll(async () => {
  wb = await startWorkbench(join(FIXTURES, 'hand-made.csv'));
  page = await openPage(browser(), wb.url);
  page.setDefaultTimeout(15_000);
  await openMenu(page, 'Set up tracker');
  await answerAlert(page);
});
afterAll(async () => {
  await page?.close();
  await wb?.stop();
});

async function openReminders(): Promise<FrameLocator> {
  await openMenu(page, 'Reminders…');
  await page.locator('.panel-dialog').waitFor();
  const dialog = dialogFrame(page);
  await dialog.locator('#day-Monday').waitFor();
  return dialog;
}

async function close(dialog: FrameLocator): Promise<void> {
  await dialog.locator('#close').click();
  await page.locator('.panel-dialog').waitFor({ state: 'detached' });
}

describe('the Reminders dialog', () => {
  it('opens with reminders off, saves them on, and opens again with what was saved', async () => {
    let dialog = await openReminders();
    expect(await dialog.locator('#digest').isChecked()).toBe(false);
    expect(await dialog.locator('#hour').inputValue()).toBe('8');
    expect(await dialog.locator('#day-Saturday').isChecked()).toBe(false);
    expect(await dialog.locator('#cadence-Referral').inputValue()).toBe('6');
    await dialog.locator('#digest').check();
    await dialog.locator('#hour').selectOption('7');
    await dialog.locator('#day-Saturday').check();
    await dialog.locator('#weekly').check();
    await dialog.locator('#weekly-day').selectOption('Friday');
    await dialog.locator('#cadence-Alumni').fill('4');
    await dialog.locator('#save').click();
    await expect
      .poll(() => dialog.locator('#status').innerText())
      .toMatch(
        /^Reminders are on: a digest on Monday, Tuesday, Wednesday, Thursday, Friday, Saturday when something is due and a weekly summary on Friday, from 07:00/,
      );
    await close(dialog);

    dialog = await openReminders();
    expect(await dialog.locator('#digest').isChecked()).toBe(true);
    expect(await dialog.locator('#hour').inputValue()).toBe('7');
    expect(await dialog.locator('#weekly-day').inputValue()).toBe('Friday');
    expect(await dialog.locator('#cadence-Alumni').inputValue()).toBe('4');
    await close(dialog);
  });

  it('shows a refusal in words and keeps the dialog open', async () => {
    const dialog = await openReminders();
    await dialog.locator('#cadence-Peer').fill('');
    await dialog.locator('#save').click();
    await expect.poll(() => dialog.locator('#alert').innerText()).toContain('Keep in touch with Peer: the weeks must be a whole number from 0 (never) to 104');
    await close(dialog);
  });
});
