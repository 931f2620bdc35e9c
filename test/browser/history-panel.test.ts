// The pitch sidebar's History panel in headless Chromium (build/PitchSidebar.html, with
// google.script.run bridged to the built bundle in the emulator): a contact's events, who
// introduced whom, the dates ahead, voiding an event; contact text shown as text, at 300 px.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { addOn, BUILD } from '../helpers.ts';
import { openPage } from '../../local/pitch-page.ts';
import { selectRange } from '../../local/emulator/io.ts';
import { docsScreenshot, SCREENSHOT_NOW, sharedBrowser } from './harness.ts';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';
const CSV = [
  'Name,Email,Company,Title',
  'Ada Lovelace,ada@example.com,Northwind Labs,Product Manager',
  `"${IMG.replace(/"/g, '""')}",x@example.com,Initech,Analyst`,
].join('\n');
const PAGE = join(BUILD, 'PitchSidebar.html');

const browser = sharedBrowser();

async function historyOf(select: string, plain = false) {
  const [img, script] = plain ? ['Hello from Sam', 'Alan Turing'] : [IMG, SCRIPT];
  const app = addOn({ csv: CSV, sheetName: 'Contacts' });
  app.emu.rt.virtualMs = Date.parse(SCREENSHOT_NOW) - Date.now();
  app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
  const run = (fn: string, input: object) => {
    const r = app.bundle.run(fn, [input]).result as { ok: boolean; message?: string };
    if (!r.ok) throw new Error(r.message);
  };
  run('logPitchSent', { eventId: 'pitch-ada-000001', contactIds: ['C-0001'], date: '2025-05-20', note: `Subject: ${img}` });
  run('logReply', { eventId: 'reply-ada-000001', contactIds: ['C-0001'], date: '2025-05-22', note: 'Glad to help', meetingDate: '2025-05-28' });
  run('logInterview', {
    eventId: 'interview-ada-001',
    contactIds: ['C-0001'],
    date: '2025-05-28',
    minutes: 25,
    learned: plain ? 'Analysts move to product through small projects' : `Analysts move to product through ${script}`,
    nextStep: 'Ask Grace about her team',
    referrals: [{ name: 'Grace Hopper', email: 'grace@example.com', company: 'Contoso' }, { name: script }],
  });
  run('logPitchSent', { eventId: 'pitch-img-000001', contactIds: ['C-0002'], date: '2025-05-30', note: '' });
  selectRange(app.ss, select);
  const opened = await openPage(browser(), app.bundle, PAGE, { menu: 'showPitchSidebar' });
  const { page } = opened;
  await page.waitForSelector('body[data-state="ready"]');
  await page.setViewportSize({ width: 300, height: 1100 });
  await page.locator('#history-box summary').click();
  await page.waitForSelector('#history-events li');
  return { ...app, ...opened };
}

const texts = (page: Page, selector: string) => page.locator(selector).allInnerTexts();
const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);

describe('the History panel in Chromium', () => {
  it('shows every event newest first, who introduced whom and the dates ahead, markup in contact text as text, readable at 300 px', async () => {
    const { page, errors, calls } = await historyOf('Contacts!A2');
    expect(await texts(page, '#history-events li .what')).toEqual(['Informational interview', 'Reply', 'Pitch sent']);
    expect(await texts(page, '#history-events li .when')).toEqual(['2025-05-28', '2025-05-22', '2025-05-20']);
    const items = await texts(page, '#history-events li');
    expect(items[0]).toContain(`Learned: Analysts move to product through ${SCRIPT}`);
    expect(items[0]).toContain('Next step: Ask Grace about her team');
    expect(items[2]).toContain(`Subject: ${IMG}`);
    expect(await page.locator('#history-people').innerText()).toContain(`Introduced you to Grace Hopper (C-0003), ${SCRIPT} (C-0004).`);
    expect(await texts(page, '#history-pending li')).toEqual(['Next follow-up: 2025-05-29 (overdue)']);
    expect(await page.locator('img, #history-box script').count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();
    expect(await page.locator('#history-events li').first().innerHTML()).toContain('&lt;script&gt;window.__pwned=2&lt;/script&gt;');
    // Nothing wider than the sidebar.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    expect(calls.map((c) => c.name)).toEqual(['getPitchContext', 'getContactHistory']);
    expect(errors).toEqual([]);
  });

  it('a contact named like markup: its history names it as text', async () => {
    const { page, errors } = await historyOf('Contacts!A3');
    expect(await texts(page, '#history-events li .what')).toEqual(['Pitch sent']);
    expect(await page.locator('#contact-name').innerText()).toBe(IMG);
    expect(await page.locator('img').count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('voids an event: asks why, the log gains a row, the row is recomputed, the panel shows it voided', async () => {
    const { page, errors, ss } = await historyOf('Contacts!A2');
    const interview = page.locator('#history-events li').first();
    await interview.getByRole('button', { name: /^Void/ }).click();
    await interview.getByRole('textbox').fill('Logged for the wrong person');
    await interview.getByRole('button', { name: 'Void it' }).click();
    await page.waitForSelector('#history-events li.voided');
    expect(await page.locator('#status').innerText()).toMatch(/^Voided “Informational interview” of 2025-05-28 for Ada Lovelace/);
    expect(await page.locator('#status').innerText()).toContain('Grace Hopper (C-0003)');
    expect(await page.locator('#history-events li.voided').innerText()).toContain('Voided on 2025-06-02: Reason: Logged for the wrong person');
    expect(await page.locator('#history-people').innerText()).toContain('Introduced you to nobody yet.');
    // The Contact panel shows the recomputed row.
    expect(await page.locator('#contact-meta').innerText()).toContain('Stage: Scheduled');
    const log = ss.getSheetByName('Interview log')!.getDataRange().getDisplayValues();
    expect(log.slice(-3).map((r) => r[4])).toEqual(['Voided: Referred', 'Voided: Referred', 'Voided: Informational interview']);
    expect(await pwned(page)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('takes the screenshot for the README', async () => {
    const { page } = await historyOf('Contacts!A2', true);
    const reply = page.locator('#history-events li').nth(1);
    await reply.getByRole('button', { name: /^Void/ }).click();
    await reply.getByRole('textbox').fill('Logged twice');
    await page.locator('#history-box').scrollIntoViewIfNeeded();
    await docsScreenshot(page, 'history.png', { clip: { x: 0, y: 160, width: 300, height: 640 } });
  });

  it('follows the sidebar: a message marked as sent shows in the open panel', async () => {
    const { page, errors } = await historyOf('Contacts!A3');
    await page.locator('#template').selectOption('builtin:thankYou');
    await page.locator('#mark-sent').click();
    await page.waitForFunction(() => document.querySelectorAll('#history-events li').length === 2);
    expect(await texts(page, '#history-events li .what')).toEqual(['Thank-you sent', 'Pitch sent']);
    expect(errors).toEqual([]);
  });
});
