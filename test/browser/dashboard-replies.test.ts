// The Dashboard's "What gets replies" block in the workbench, as a user scrolling down to it sees
// it on the sample tracker (the README's screenshot of it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { GridWindow } from '../../local/workbench/protocol.ts';
import { cellText, docsScreenshot, idle, openPage, SCREENSHOT_NOW, sharedBrowser, startWorkbench, type RunningWorkbench } from './harness.ts';

describe('What gets replies in the workbench', () => {
  const browser = sharedBrowser();
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

  it('shows the block with its counts and rates, scrolled to', async () => {
    await page.locator('.tab', { hasText: 'Dashboard' }).click();
    await idle(page);
    const res = await fetch(`${wb.url}/api/window?sheet=Dashboard&top=1&rows=300`);
    const window = (await res.json()) as GridWindow;
    const rows = [...window.frozen, ...window.rows];
    const at = rows.findIndex((cells) => cells[0]?.text === 'What gets replies');
    expect(at).toBeGreaterThan(0);
    const row = at + 1;
    // Scroll the grid until the block's title row is drawn near the top.
    await page.locator('#grid-scroll').evaluate((el, target) => {
      const th = document.querySelector<HTMLElement>('th.rh[data-row="2"]');
      el.scrollTop = (target - 3) * (th?.offsetHeight ?? 21);
    }, row);
    await page.waitForTimeout(300);
    await expect.poll(() => cellText(page, `A${row}`)).toBe('What gets replies');
    expect(await cellText(page, `A${row + 2}`)).toBe('By template of the first pitch');
    expect(await cellText(page, `B${row}`)).toBe('Pitches');
    await docsScreenshot(page, 'dashboard-replies.png');
  });
});
