// The real build/ShareDialog.html in Debian's headless Chromium, with google.script.run bridged to
// the built bundle in the emulator (local/pitch-page.ts): choosing columns, refusing a bad email,
// sharing a coach copy, the warning before sharing the tracker itself, updating and stopping.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';

import { addOn, BUILD } from '../helpers.ts';
import { openPage } from '../../local/pitch-page.ts';
import type { EmuSpreadsheet } from '../../local/emulator/spreadsheet/spreadsheet.ts';
import { sharedBrowser } from './harness.ts';

const XSS = '<img src=x onerror="window.__pwned=1">';
const quoted = `"${XSS.replace(/"/g, '""')}"`;
// A column header and a contact name that would run script if the page used innerHTML.
const CSV = [
  `Name,Email,Company,Title,Notes,Salary hopes,${quoted}`,
  'Ada Lovelace,ada@example.com,Northwind Labs,Product Manager,Private thoughts,95k,x',
  `${quoted},x@example.com,Initech,Analyst,,,`,
].join('\n');
const PAGE = join(BUILD, 'ShareDialog.html');

const browser = sharedBrowser();

async function dialog() {
  const app = addOn({ csv: CSV, sheetName: 'Contacts' });
  app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
  app.ss.insertSheet('Old notes').hideSheet();
  const opened = await openPage(browser(), app.bundle, PAGE, { width: 560, height: 900 });
  await opened.page.locator('#column-rows tr').first().waitFor();
  return { ...app, ...opened };
}

const copies = (files: Map<string, EmuSpreadsheet>) => [...files.values()].filter((f) => f.getName().endsWith('coach view'));

describe('Share with coach dialog in Chromium', () => {
  it('lists the columns with the defaults ticked, the private notes locked, contact text as text', async () => {
    const { page, errors } = await dialog();
    const rows = await page.locator('#column-rows tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const [share, priv] = [...tr.querySelectorAll('input')] as HTMLInputElement[];
        return {
          header: tr.querySelector('td')!.textContent,
          share: share.checked,
          shareDisabled: share.disabled,
          priv: priv.checked,
          privDisabled: priv.disabled,
        };
      }),
    );
    const row = (h: string) => rows.find((r) => r.header === h)!;
    expect(row('Name')).toMatchObject({ share: true, priv: false });
    expect(row('Email')).toMatchObject({ share: false, priv: false });
    expect(row('Notes')).toMatchObject({ share: false, shareDisabled: true, priv: true, privDisabled: true });
    expect(row('Contact ID')).toMatchObject({ share: true, shareDisabled: true });
    expect(row('Stage')).toMatchObject({ share: true });
    expect(row(XSS)).toMatchObject({ share: false, priv: false });
    expect(await page.locator('#role').inputValue()).toBe('editor');
    expect(await page.locator('#direct-options').isHidden()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('refuses a bad email in the page, without asking the server', async () => {
    const { page, calls, emu } = await dialog();
    await page.locator('#email').fill('coach@example');
    await page.locator('#share').click();
    await expect.poll(() => page.locator('#alert').innerText()).toMatch(/not an email address/);
    expect(await page.locator('#alert').getAttribute('role')).toBe('alert');
    expect(calls.map((c) => c.name)).toEqual(['getCoachSharing']);
    expect(copies(emu.files)).toHaveLength(0);
  });

  it('shares a coach copy with the ticked columns, keeping a column marked private out', async () => {
    const { page, calls, emu } = await dialog();
    const salary = page.locator('#column-rows tr', { hasText: 'Salary hopes' });
    await salary.locator('input').nth(0).check();
    await salary.locator('input').nth(1).check();
    expect(await salary.locator('input').nth(0).isChecked()).toBe(false);
    await page.locator('#email').fill(' coach@example.com ');
    await page.locator('#share').click();
    await expect.poll(() => page.locator('#status').getAttribute('class')).toBe('message ok');
    expect(await page.locator('#status').innerText()).toContain('Shared “Contacts – coach view” with coach@example.com as an editor');
    expect(await page.locator('#current').innerText()).toContain('Shared with coach@example.com (a coach copy, as editor)');
    expect(await page.locator('#current a').getAttribute('href')).toMatch(/^https:\/\/docs\.google\.com\/spreadsheets\/d\//);
    expect(await page.locator('#update').isVisible()).toBe(true);

    const share = calls.find((c) => c.name === 'shareWithCoachNow')!;
    expect(share.args[0]).toMatchObject({ email: 'coach@example.com', mode: 'copy', role: 'editor', private: ['h:salaryhopes'] });
    expect((share.args[0] as { shared: string[] }).shared).not.toContain('h:salaryhopes'); // ticking Private unticked Share
    const [copy] = copies(emu.files);
    const header = copy.getSheetByName('Progress')!.getDataRange().getValues()[0];
    expect(header).not.toContain('Salary hopes');
    expect(header).not.toContain('Notes');
    expect([...copy._editors]).toEqual(['coach@example.com']);

    // Update, then Stop, from the same dialog.
    await page.locator('#update').click();
    await expect.poll(() => page.locator('#status').innerText()).toContain('Updated the coach view');
    await page.locator('#stop').click();
    await expect.poll(() => page.locator('#status').innerText()).toContain('no longer has the access');
    expect(await page.locator('#current').isHidden()).toBe(true);
    expect([...copy._editors]).toEqual([]);
  });

  it('a tracker whose header row cannot be found: says what to fix instead of listing columns', async () => {
    const app = addOn({ csv: CSV, sheetName: 'Contacts' });
    app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
    const sheet = app.ss.getSheetByName('Contacts')!;
    sheet.getRange(1, 1, 1, sheet.getLastColumn()).clearContent();
    const { page, errors, callsMade } = await openPage(browser(), app.bundle, PAGE, { width: 560, height: 900 });
    const problem = page.locator('#tracker-problem');
    await problem.waitFor();
    expect(await problem.innerText()).toMatch(/could not find the tracker's header row/);
    expect(await page.locator('#alert').innerText()).toBe('');
    expect(await page.locator('#columns').isVisible()).toBe(false);
    expect(await page.locator('#no-tracker').isVisible()).toBe(false);
    // Share of a coach copy says the same, without asking the server.
    await page.locator('#email').fill('coach@example.com');
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    expect(await page.locator('#alert').innerText()).toMatch(/could not find the tracker's header row/);
    expect(await callsMade()).toEqual(['getCoachSharing']);
    expect(errors).toEqual([]);
  });

  it('before sharing the tracker itself, lists what the coach will see and needs "I understand"', async () => {
    const { page, emu, ss } = await dialog();
    await page.locator('#mode-direct').check();
    expect(await page.locator('#role').inputValue()).toBe('viewer');
    expect(await page.locator('#copy-options').isHidden()).toBe(true);
    expect(await page.getByText('Your coach will be able to see:').isVisible()).toBe(true);
    const warning = await page.locator('#warning').innerText();
    expect(warning).toContain('hidden sheet “Old notes”');
    expect(warning).toContain('“Notes”');
    expect(warning).toContain('download, print or copy');
    await page.locator('#role').selectOption('editor');
    expect(await page.locator('#warning').innerText()).toContain('version history');

    await page.locator('#email').fill('coach@example.com');
    await page.locator('#share').click();
    await expect.poll(() => page.locator('#alert').innerText()).toMatch(/I understand/);
    expect([...ss._editors]).toEqual([]);

    await page.locator('#ack').check();
    await page.locator('#share').click();
    await expect.poll(() => page.locator('#status').getAttribute('class')).toBe('message ok');
    expect([...ss._editors]).toEqual(['coach@example.com']);
    expect(copies(emu.files)).toHaveLength(0);
    expect(await page.locator('#update').isHidden()).toBe(true);
  });

  it('when Stop cannot take the access back, says what to do and offers to forget the coach once removed by hand', async () => {
    const { page, emu, errors } = await dialog();
    await page.locator('#email').fill('coach@example.com');
    await page.locator('#share').click();
    await expect.poll(() => page.locator('#status').getAttribute('class')).toBe('message ok');
    const [copy] = copies(emu.files);
    expect(await page.locator('#forget').isHidden()).toBe(true);

    // Whoever deployed the add-on removed the spreadsheets scope: the copy cannot be opened.
    emu.scopes = ['https://www.googleapis.com/auth/spreadsheets.currentonly', 'https://www.googleapis.com/auth/script.container.ui'];
    await page.locator('#stop').click();
    await expect.poll(() => page.locator('#alert').innerText()).toMatch(/click Share and remove coach@example\.com/);
    expect(await page.locator('#alert').getAttribute('class')).toBe('message error');
    expect(await page.locator('#status').innerText()).toBe('');
    expect(await page.locator('#current').innerText()).toContain('Shared with coach@example.com');
    expect([...copy._editors]).toEqual(['coach@example.com']);

    copy._editors.delete('coach@example.com'); // the user, in the copy's Share dialog
    await page.locator('#forget').click();
    await expect.poll(() => page.locator('#status').getAttribute('class')).toBe('message ok');
    expect(await page.locator('#status').innerText()).toMatch(/forgotten coach@example\.com/);
    expect(await page.locator('#current').isHidden()).toBe(true);
    expect(await page.locator('#forget').isHidden()).toBe(true);
    expect(errors).toEqual([]);
  });
});
