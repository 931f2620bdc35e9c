// The pitch sidebar's "It worked" panel in headless Chromium (build/PitchSidebar.html, with
// google.script.run bridged to the built bundle in the emulator): after a job interview, each
// person of the chain that led there is offered the "It worked: thank you" update with their
// part filled in; Mark as sent logs "Update sent" for that person. Contact text shown as text.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { addOn, BUILD } from '../helpers.ts';
import { openPage } from '../../local/pitch-page.ts';
import { selectRange } from '../../local/emulator/io.ts';
import { buildSample } from '../../local/workbench/sample.ts';
import { docsScreenshot, SCREENSHOT_NOW, sharedBrowser } from './harness.ts';

const SCRIPT = '<script>window.__pwned=2</script>';
const IMG = '<img src=x onerror="window.__pwned=1">';
const CSV = [
  'Name,Email,Company,Title',
  `"Ada ${IMG.replace(/"/g, '""')}",ada@example.com,Northwind Labs,Product Manager`,
  'Ben Okafor,ben@example.com,Initech,Analyst',
].join('\n');
const PAGE = join(BUILD, 'PitchSidebar.html');

const browser = sharedBrowser();

/** Ada (C-0001) introduced the contact named SCRIPT (C-0003), who led to a job interview (unless `outcome` is false). */
function world(outcome = true) {
  const app = addOn({ csv: CSV, sheetName: 'Contacts' });
  app.emu.rt.virtualMs = Date.parse(SCREENSHOT_NOW) - Date.now();
  app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
  const run = (fn: string, input: object) => {
    const r = app.bundle.run(fn, [input]).result as { ok: boolean; message?: string };
    if (!r.ok) throw new Error(r.message);
  };
  run('logInterview', {
    eventId: 'interview-ada-001',
    contactIds: ['C-0001'],
    date: '2025-05-20',
    minutes: 25,
    referrals: [{ name: SCRIPT, email: 's@example.com' }],
  });
  if (outcome) run('logOutcome', { kind: 'job_interview', eventId: 'job-script-000001', contactIds: ['C-0003'], date: '2025-05-30', company: 'Contoso' });
  app.bundle.run('saveUserSettings', [{ myName: 'Sam Rivera', myField: 'product management', aboutMe: 'a career changer', wordLimit: 120 }]);
  return app;
}

async function sidebarOn(select: string) {
  const app = world();
  selectRange(app.ss, select);
  const opened = await openPage(browser(), app.bundle, PAGE, { menu: 'showPitchSidebar' });
  await opened.page.waitForSelector('body[data-state="ready"]');
  await opened.page.setViewportSize({ width: 300, height: 1100 });
  return { ...app, ...opened };
}

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);

describe('the "It worked" panel in Chromium', () => {
  it('offers each person of the chain their own update, markup in names as text, readable at 300 px', async () => {
    const { page, errors, calls } = await sidebarOn('Contacts!A4');
    await page.waitForSelector('#thanks-box:not([hidden]) #thanks-people li');
    expect(await page.locator('#thanks-status').innerText()).toBe(
      `A job interview (2025-05-30) came through ${SCRIPT}. Ada ${IMG} introduced ${SCRIPT}. Let each of them know it worked:`,
    );
    const people = page.locator('#thanks-people > li');
    expect(await people.count()).toBe(2);
    const ada = people.nth(0);
    expect(await ada.locator('.who').innerText()).toBe(`Ada ${IMG}`);
    expect(await ada.locator('.preview-subject').innerText()).toBe('It worked: thank you');
    const adaBody = await ada.locator('.preview').innerText();
    expect(adaBody).toContain('Hi Ada,');
    expect(adaBody).toContain(
      `my search in product management has led to a job interview. It started with you introducing me to ${SCRIPT}, and I am very grateful.`,
    );
    expect(adaBody).toContain('Sam Rivera');
    expect(await people.nth(1).locator('.preview').innerText()).toContain('It started with our conversation, and I am very grateful.');
    expect(await ada.getByRole('link', { name: 'Open in Gmail' }).getAttribute('href')).toContain('ada%40example.com');
    expect(await page.locator('img, #thanks-box script').count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();
    expect(await ada.innerHTML()).toContain('&lt;img src=x onerror="window.__pwned=1"&gt;');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    expect(calls.map((c) => c.name)).toEqual(['getPitchContext', 'getThanksOffer']);
    expect(errors).toEqual([]);
  });

  it('Mark as sent logs "Update sent" for that person alone', async () => {
    const { page, errors, ss } = await sidebarOn('Contacts!A4');
    const ada = page.locator('#thanks-people > li').first();
    await ada.getByRole('button', { name: /^Mark the update to Ada/ }).click();
    await page.waitForSelector('#thanks-people > li.sent');
    expect(await ada.innerText()).toContain('Logged as “Update sent” in the Interview log.');
    expect(await page.locator('#status').innerText()).toContain('Logged “Update sent” for 1 contact');
    const log = ss.getSheetByName('Interview log')!.getDataRange().getDisplayValues();
    expect(log.at(-1)!.slice(2, 6)).toEqual(['C-0001', `Ada ${IMG}`, 'Update sent', 'Template: It worked: thank you\nSubject: It worked: thank you']);
    expect(log.filter((r) => r[4] === 'Update sent')).toHaveLength(1);
    expect(await pwned(page)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('a contact with no job interview or offer: no panel, and nothing asked of the server for it', async () => {
    const { page, errors, calls } = await sidebarOn('Contacts!A3');
    expect(await page.locator('#contact-name').innerText()).toBe('Ben Okafor');
    expect(await page.locator('#thanks-box').isHidden()).toBe(true);
    expect(calls.map((c) => c.name)).toEqual(['getPitchContext']);
    expect(errors).toEqual([]);
  });

  it('takes the screenshot for the README, on the sample tracker: Grace Mbeki, whom Maya Okafor introduced, has a job interview', async () => {
    const app = addOn();
    app.emu.rt.virtualMs = Date.parse(SCREENSHOT_NOW) - Date.now();
    const sheet = buildSample(app.emu, app.bundle);
    app.bundle.run('saveUserSettings', [{ myName: 'Sam Rivera', myField: 'data analytics', aboutMe: 'a career changer', wordLimit: 120 }]);
    const row = sheet._readValues({ row: 1, col: 1, numRows: sheet.getLastRow(), numCols: 1 }).findIndex((r) => r[0] === 'Grace Mbeki') + 1;
    selectRange(app.ss, `Contacts!A${row}`);
    const { page, errors } = await openPage(browser(), app.bundle, PAGE, { menu: 'showPitchSidebar' });
    await page.waitForSelector('body[data-state="ready"]');
    await page.setViewportSize({ width: 300, height: 1400 });
    const box = page.locator('#thanks-box');
    await box.locator('#thanks-people li').first().waitFor();
    expect(await page.locator('#thanks-status').innerText()).toMatch(
      /^A job interview \(\d{4}-\d{2}-\d{2}\) came through Grace Mbeki\. Maya Okafor introduced Grace Mbeki\./,
    );
    await box.scrollIntoViewIfNeeded();
    const at = (await box.boundingBox())!;
    await docsScreenshot(page, 'thanks.png', { clip: { x: 0, y: at.y - 8, width: 300, height: Math.min(at.height + 16, 900) } });
    expect(errors).toEqual([]);
  });

  it('the Log offer dialog: its result names the chain that led there, markup in names as text', async () => {
    const app = world(false);
    selectRange(app.ss, 'Contacts!A4');
    const { page, errors } = await openPage(browser(), app.bundle, join(BUILD, 'LogEventDialog.html'), { menu: 'showOfferDialog' });
    page.setDefaultTimeout(10_000);
    await page.locator('#who').filter({ hasText: SCRIPT }).waitFor();
    await page.locator('#save').click();
    await page.locator('#status').filter({ hasText: 'How you got here' }).waitFor();
    const status = await page.locator('#status').innerText();
    expect(status).toContain(`How you got here: Ada ${IMG} introduced ${SCRIPT}.`);
    expect(status).toContain('“It worked: thank you” update');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#status').innerHTML()).toContain('&lt;script&gt;window.__pwned=2&lt;/script&gt;');
    expect(await pwned(page)).toBeUndefined();
    expect(errors).toEqual([]);
  });
});
