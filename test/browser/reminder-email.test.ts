// The reminder email's HTML part as a phone shows it (one column, 390 px), in headless Chromium:
// the digest the trigger sent on the reminders tests' tracker (test/bundle/reminders/world.ts),
// with the weekly summary. Its links are real links (each contact's row, and the agenda's to the
// spreadsheet); it takes the README's screenshot.
import { describe, expect, it } from 'vitest';
import { dueWorld, HOUR, turnOn } from '../bundle/reminders/world.ts';
import { docsScreenshot, sharedBrowser } from './harness.ts';

const browser = sharedBrowser();

describe('the reminder email on a phone', () => {
  it('reads in one column at 390 px, its agenda linking to the spreadsheet; takes the README screenshot', async () => {
    const app = dueWorld();
    turnOn(app, { digest: true, hour: 8, days: ['Monday'], weekly: true, weeklyDay: 'Monday' });
    app.emu.advanceClock(4 * HOUR);
    const [mail] = app.emu.outbox.sent;
    const context = await browser().newContext({ viewport: { width: 390, height: 800 }, deviceScaleFactor: 1 });
    try {
      const page = await context.newPage();
      await page.setContent(mail.htmlBody);
      const url = app.ss.getUrl();
      const agenda = page.getByRole('link', { name: 'your tracker' });
      expect(await agenda.getAttribute('href')).toBe(url);
      expect(await page.getByRole('link', { name: "Liam O'Connor (Proseware)" }).getAttribute('href')).toMatch(/#gid=\d+&range=A7$/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await docsScreenshot(page, 'reminder-email.png', { fullPage: true });
    } finally {
      await context.close();
    }
  });
});
