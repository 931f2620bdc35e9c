// The Dashboard's "What gets replies" block in the workbench, as a user scrolling down to it sees
// it on the sample tracker (the README's screenshot of it).
import { describe, expect, it } from 'vitest';
import type { GridWindow } from '../../local/workbench/protocol.ts';
import { cellText, docsScreenshot, idle, sampleWorkbench, sharedBrowser } from './harness.ts';

describe('What gets replies in the workbench', () => {
  const browser = sharedBrowser();
  const sample = sampleWorkbench(browser);

  it('shows the block with its counts and rates, scrolled to', async () => {
    await sample.page.locator('.tab', { hasText: 'Dashboard' }).click();
    await idle(sample.page);
    const res = await fetch(`${sample.wb.url}/api/window?sheet=Dashboard&top=1&rows=300`);
    const window = (await res.json()) as GridWindow;
    const rows = [...window.frozen, ...window.rows];
    const at = rows.findIndex((cells) => cells[0]?.text === 'What gets replies');
    expect(at).toBeGreaterThan(0);
    const row = at + 1;
    // Scroll the grid until the block's title row is drawn near the top.
    await sample.page.locator('#grid-scroll').evaluate((el, target) => {
      const th = document.querySelector<HTMLElement>('th.rh[data-row="2"]');
      el.scrollTop = (target - 3) * (th?.offsetHeight ?? 21);
    }, row);
    await sample.page.waitForTimeout(300);
    await expect.poll(() => cellText(sample.page, `A${row}`)).toBe('What gets replies');
    expect(await cellText(sample.page, `A${row + 2}`)).toBe('By template of the first pitch');
    expect(await cellText(sample.page, `B${row}`)).toBe('Pitches');
    await docsScreenshot(sample.page, 'dashboard-replies.png');
  });
});
