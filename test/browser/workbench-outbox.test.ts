// The workbench's clock and outbox, on a stand-in add-on written for this test (so it does not
// change when the real add-on's reminders do): a menu item installs a daily time-driven trigger,
// "Next day" moves the clock and the trigger sends an email, which the outbox shows with its HTML
// body in a frame sandboxed with no permissions, and its subject and text as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { idle, lastActionText, openMenu, openPage, serverState, sharedBrowser, startWorkbench, type RunningWorkbench } from './harness.ts';

const CODE = `
function onOpen() { SpreadsheetApp.getUi().createAddonMenu().addItem('Turn on digest', 'turnOn').addToUi(); }
function turnOn() {
  ScriptApp.newTrigger('digest').timeBased().everyDays(1).atHour(8).create();
  SpreadsheetApp.getActiveSpreadsheet().toast('Digest on', 'Reminders', 3);
}
function digest(e) {
  var due = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getLastRow() - 1;
  if (e['day-of-month'] === 4) throw new Error('no digest on the 4th');
  MailApp.sendEmail(Session.getEffectiveUser().getEmail(), '<img src=x onerror="document.title=1"> Due: ' + due, 'Follow up with ' + due + ' people\\nSee the tracker.', {
    htmlBody: '<h1 id="h">Due today: ' + due + '</h1><script>document.getElementById("h").textContent = "script ran";</script>',
    name: 'Tracker',
  });
}
`;

describe('the workbench clock and outbox, on a stand-in add-on', () => {
  const browser = sharedBrowser();
  let wb: RunningWorkbench;
  let page: Page;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workbench-outbox-'));
    writeFileSync(join(dir, 'Code.js'), CODE);
    const csv = join(dir, 'people.csv');
    writeFileSync(csv, 'Name,Email\nAda Lovelace,ada@example.com\nAlan Turing,alan@example.com\n');
    wb = await startWorkbench(csv, { buildDir: dir, now: '2026-03-02T10:00:00Z' });
    page = await openPage(browser(), wb.url);
  });
  afterAll(async () => {
    await wb?.stop();
  });

  it('shows the clock; "Next day" moves it a day and runs the trigger, whose email the outbox shows safely', async () => {
    expect(await page.locator('#clock').innerText()).toContain('Mon, 2 Mar 2026, 10:');
    expect(await page.locator('#outbox-toggle').innerText()).toBe('Outbox (0)');
    await openMenu(page, 'Turn on digest');
    await idle(page);

    await page.locator('#next-day').click();
    await idle(page);
    expect(await page.locator('#clock').innerText()).toContain('Tue, 3 Mar 2026, 10:');
    expect(await page.locator('#outbox-toggle').innerText()).toBe('Outbox (1)');
    expect(await lastActionText(page)).toContain('digest (timed trigger)');
    const outbox = page.locator('#outbox');
    await outbox.waitFor(); // opened by the new email
    const mail = outbox.locator('.mail').first();
    // The subject is text: its markup is shown, not run.
    expect(await mail.locator('.mail-subject').innerText()).toBe('<img src=x onerror="document.title=1"> Due: 2');
    expect(await mail.locator('.mail-when').innerText()).toBe('Tue, 3 Mar 2026, 08:00');
    await mail.locator('summary').click();
    expect(await mail.locator('.mail-head').innerText()).toContain('Tracker <me@example.com>');
    expect(await mail.locator('.mail-text').innerText()).toBe('Follow up with 2 people\nSee the tracker.');
    const frame = mail.locator('iframe.mail-html');
    expect(await frame.getAttribute('sandbox')).toBe('');
    // The HTML is rendered, and its script did not run.
    expect(await mail.frameLocator('iframe.mail-html').locator('#h').innerText()).toBe('Due today: 2');
    expect(await page.title()).not.toBe('1');
  });

  it('a trigger run that fails is named in the error bar and the outbox, and sends nothing', async () => {
    await page.locator('#next-day').click();
    await idle(page);
    expect(await page.locator('#error-bar').innerText()).toContain('Timed trigger digest failed: no digest on the 4th');
    expect(await page.locator('#outbox .runs').innerText()).toContain('digest failed: no digest on the 4th');
    expect(await page.locator('#outbox-toggle').innerText()).toBe('Outbox (1)');

    await page.locator('#next-day').click();
    await idle(page);
    expect(await page.locator('#outbox-toggle').innerText()).toBe('Outbox (2)');
    const subjects = await page.locator('#outbox .mail-subject').allInnerTexts();
    expect(subjects).toHaveLength(2); // newest first
    expect(await page.locator('#outbox .mail-when').first().innerText()).toBe('Thu, 5 Mar 2026, 08:00');
    const state = await serverState(wb.url);
    expect(state.snapshot.outbox.map((m) => m.to)).toEqual(['me@example.com', 'me@example.com']);
    expect(state.snapshot.clock.now.slice(0, 13)).toBe('2026-03-05T10');
  });

  it('closes and reopens the outbox from its button', async () => {
    await page.locator('#outbox .close').click();
    expect(await page.locator('#outbox').isHidden()).toBe(true);
    await page.locator('#outbox-toggle').click();
    expect(await page.locator('#outbox').isVisible()).toBe(true);
    expect(await page.locator('#outbox-toggle').getAttribute('aria-expanded')).toBe('true');
  });
});
