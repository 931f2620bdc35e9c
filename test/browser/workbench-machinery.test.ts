// The workbench's own machinery, on a small stand-in add-on written for this test (so it does not
// change when the real add-on does): prompts and yes/no alerts that block the script until the
// user answers, toasts, script errors, the selection the script sees, sidebars and dialogs with
// google.script.run and google.script.host, and requests arriving all at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { answer, cell, cellText, editCell, idle, launchBrowser, openMenu, openPage, selectRow, serverState, sidebarFrame, startWorkbench, type RunningWorkbench } from './harness.ts';

const CODE = `
function onOpen(e) {
  var ui = SpreadsheetApp.getUi();
  ui.createAddonMenu().addItem('Ask my name', 'askName').addItem('Echo selection', 'echoSelection')
    .addItem('Open helper', 'openHelper').addItem('Open small dialog', 'openDialog').addSeparator().addItem('Fail', 'fail').addToUi();
  ui.createMenu('Tools').addItem('Toast', 'toastMe').addToUi();
}
function askName() {
  var ui = SpreadsheetApp.getUi();
  var sheet = SpreadsheetApp.getActiveSheet();
  sheet.getRange('B1').setValue('asking');
  var r = ui.prompt('Name', 'Who are you?', ui.ButtonSet.OK_CANCEL);
  if (r.getSelectedButton() !== ui.Button.OK) { sheet.getRange('A1').setValue('cancelled'); return; }
  sheet.getRange('A1').setValue(r.getResponseText());
  var keep = ui.alert('Sure?', 'Keep ' + r.getResponseText() + '?', ui.ButtonSet.YES_NO);
  sheet.getRange('C1').setValue(keep === ui.Button.YES ? 'kept' : 'dropped');
}
function echoSelection() { SpreadsheetApp.getActiveSheet().getRange('D1').setValue(SpreadsheetApp.getActiveRange().getA1Notation()); }
function openHelper() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Helper').setTitle('Helper')); }
function openDialog() { SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutputFromFile('Helper').setWidth(320).setHeight(200), 'Small dialog'); }
function toastMe() { SpreadsheetApp.getActiveSpreadsheet().toast('Saved 3 rows', 'Tracker', 30); }
function fail() { throw new Error('kaput'); }
function echo(x) { return { got: x, type: typeof x }; }
function withDate() { return { when: new Date(), n: 1 }; }
function boom() { throw new Error('boom'); }
function write(a1, text) { SpreadsheetApp.getActiveSheet().getRange(a1).setValue(text); return 'ok'; }
function hidden_() { return 'secret'; }
function onEdit(e) {
  if (e.range.getColumn() === 1) e.range.offset(0, 2).setValue('onEdit: ' + e.value + ' (was ' + (e.oldValue === undefined ? 'empty' : e.oldValue) + ')');
}
`;

const HELPER = `<!DOCTYPE html><html><head><base target="_top"></head><body>
<p id="who"></p><button id="close" onclick="google.script.host.close()">Close</button>
<script>google.script.run.withSuccessHandler(function (v) { document.getElementById('who').textContent = JSON.stringify(v); }).echo('hi');</script>
</body></html>`;

function standInBuild(): { dir: string; csv: string } {
  const dir = mkdtempSync(join(tmpdir(), 'workbench-addon-'));
  writeFileSync(join(dir, 'Code.js'), CODE);
  writeFileSync(join(dir, 'Helper.html'), HELPER);
  const csv = join(dir, 'people.csv');
  writeFileSync(csv, 'Name,Email\nAda Lovelace,ada@example.com\nAlan Turing,alan@example.com\nGrace Hopper,grace@example.com\n');
  return { dir, csv };
}

type Run = Record<string, (...a: unknown[]) => void> & {
  withSuccessHandler(f: (v: unknown, u?: unknown) => void): Run;
  withFailureHandler(f: (e: Error, u?: unknown) => void): Run;
  withUserObject(o: unknown): Run;
};

/** Calls google.script.run inside a panel and returns what the handlers received. */
function callInPanel(frame: Frame, fn: string, args: unknown[], userObject?: unknown) {
  return frame.evaluate(
    ([fn, args, userObject]) =>
      new Promise<{ ok: boolean; value?: unknown; name?: string; message?: string; user?: unknown; isError?: boolean }>((resolve) => {
        const run = (window as unknown as { google: { script: { run: Run } } }).google.script.run;
        run
          .withSuccessHandler((value, user) => resolve({ ok: true, value, user }))
          .withFailureHandler((e, user) => resolve({ ok: false, name: e.name, message: e.message, user, isError: e instanceof Error }))
          .withUserObject(userObject)
          [fn as string](...(args as unknown[]));
      }),
    [fn, args, userObject] as const,
  );
}

describe('workbench machinery, on a stand-in add-on', () => {
  let browser: Browser;
  let wb: RunningWorkbench;
  let page: Page;

  beforeAll(async () => {
    const { dir, csv } = standInBuild();
    browser = await launchBrowser();
    wb = await startWorkbench(csv, { buildDir: dir });
    page = await openPage(browser, wb.url);
  });
  afterAll(async () => {
    await browser?.close();
    await wb?.stop();
  });

  it('shows add-on menus under Extensions and createMenu menus in the bar', async () => {
    await page.locator('.menubar > button', { hasText: 'Tools' }).click();
    expect(await page.locator('.menu .item').allInnerTexts()).toEqual(['Toast']);
    await page.keyboard.press('Escape');
    await openMenu(page, 'Toast', 'Tools');
    const toast = page.locator('.toast');
    await toast.waitFor();
    expect(await toast.innerText()).toContain('Tracker');
    expect(await toast.innerText()).toContain('Saved 3 rows');
    await toast.locator('.close').click();
  });

  it('blocks the script on a prompt and a yes/no alert until the user answers', async () => {
    await openMenu(page, 'Ask my name');
    await page.locator('.modal.question').waitFor();
    expect(await cellText(page, 'B1')).toBe('asking'); // written before the script asked
    // While the script waits, other requests are told so, with the question.
    const busy = await fetch(`${wb.url}/api/edit`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sheet: 'people', row: 9, col: 1, text: 'x' }) });
    expect(busy.status).toBe(409);
    expect(((await busy.json()) as { outcome: { question: { prompt: string } } }).outcome.question.prompt).toBe('Who are you?');
    // Reloading the page shows the same question again.
    await page.reload();
    const asked = await answer(page, 'OK', 'Ada <b>');
    expect(asked).toEqual({ kind: 'prompt', title: 'Name', prompt: 'Who are you?' });
    const sure = await answer(page, 'YES');
    expect(sure).toEqual({ kind: 'alert', title: 'Sure?', prompt: 'Keep Ada <b>?' });
    expect(await cellText(page, 'A1')).toBe('Ada <b>');
    expect(await cellText(page, 'C1')).toBe('kept');
    expect(await page.locator('#calls summary').innerText()).toMatch(/askName \(menu\): \d+ service calls/);

    await openMenu(page, 'Ask my name');
    await answer(page, 'CLOSE'); // the × of the prompt: not OK
    expect(await cellText(page, 'A1')).toBe('cancelled');
  });

  it('runs menu items on the selection the user made', async () => {
    await selectRow(page, 2);
    await selectRow(page, 4, true);
    await openMenu(page, 'Echo selection');
    await idle(page);
    expect(await cellText(page, 'D1')).toBe('A2:Z4');
    await cell(page, 'B3').click();
    await openMenu(page, 'Echo selection');
    await idle(page);
    expect(await cellText(page, 'D1')).toBe('B3');
  });

  it('runs the onEdit simple trigger after the user types into a cell', async () => {
    await editCell(page, 'A6', 'Hedy');
    expect(await cellText(page, 'C6')).toBe('onEdit: Hedy (was empty)');
    await editCell(page, 'A6', 'Hedy Lamarr');
    expect(await cellText(page, 'C6')).toBe('onEdit: Hedy Lamarr (was Hedy)');
    expect(await page.locator('#calls summary').innerText()).toMatch(/Last action: onEdit: \d+ service calls/);
  });

  it('shows a script error as Sheets does, in a bar', async () => {
    await openMenu(page, 'Fail');
    await page.locator('#error-bar:not([hidden])').waitFor();
    expect(await page.locator('#error-bar').innerText()).toContain('Error: kaput');
    await page.locator('#error-bar button').click();
  });

  it('opens a sidebar whose page calls the server through google.script.run', async () => {
    await openMenu(page, 'Open helper');
    await page.locator('#sidebar:not([hidden])').waitFor();
    expect(await page.locator('#sidebar .sidebar-title').innerText()).toBe('Helper');
    expect(await page.locator('#sidebar iframe').evaluate((f) => f.clientWidth)).toBe(300);
    await expect.poll(() => sidebarFrame(page).locator('#who').innerText()).toBe('{"got":"hi","type":"string"}');
    const frame = page.frames().find((f) => f.url().includes('/panel/s'))!;

    expect(await callInPanel(frame, 'echo', [{ a: [1, undefined], b: undefined }], 'me')).toEqual({ ok: true, value: { got: { a: [1, null] }, type: 'object' }, user: 'me' });
    expect(await callInPanel(frame, 'echo', [undefined])).toEqual({ ok: true, value: { type: 'undefined' } });
    expect(await callInPanel(frame, 'withDate', [])).toEqual({ ok: true, value: null }); // a Date anywhere: null
    expect(await callInPanel(frame, 'boom', [], 7)).toEqual({ ok: false, name: 'ScriptError', message: 'Error: boom', user: 7, isError: true });
    expect(await callInPanel(frame, 'write', ['E1', '<img src=x onerror=alert(1)>'])).toMatchObject({ ok: true, value: 'ok' });
    expect(await cellText(page, 'E1')).toBe('<img src=x onerror=alert(1)>');
    const refused = await frame.evaluate(() => {
      const run = (window as unknown as { google: { script: { run: Record<string, unknown> } } }).google.script.run;
      const errors: string[] = [String(typeof run.hidden_)];
      for (const arg of [new Date(), { nested: { when: new Date() } }, () => 1]) {
        try {
          (run.echo as (a: unknown) => void)(arg);
          errors.push('sent');
        } catch (e) {
          errors.push(String(e));
        }
      }
      return errors;
    });
    expect(refused).toEqual(['undefined', 'TypeError: Failed due to illegal value in property: 0', 'TypeError: Failed due to illegal value in property: when', 'TypeError: Failed due to illegal value in property: 0']);
    // The page is sandboxed: it cannot reach into the workbench.
    expect(await frame.evaluate(() => { try { return String(window.parent.document); } catch { return 'blocked'; } })).toBe('blocked');

    await sidebarFrame(page).locator('#close').click(); // google.script.host.close()
    await page.locator('#sidebar').waitFor({ state: 'hidden' });
    await expect.poll(async () => (await serverState(wb.url)).snapshot.sidebar).toBeNull();
  });

  it('opens a modal dialog at its size; google.script.host resizes and closes it', async () => {
    await openMenu(page, 'Open small dialog');
    const box = page.locator('.panel-dialog');
    await box.waitFor();
    expect(await box.locator('h2').innerText()).toBe('Small dialog');
    const iframe = box.locator('iframe');
    expect(await iframe.evaluate((f) => [f.clientWidth, f.clientHeight])).toEqual([320, 200]);
    const frame = page.frames().find((f) => f.url().includes('/panel/d'))!;
    await frame.evaluate(() => (window as unknown as { google: { script: { host: { setHeight(h: number): void } } } }).google.script.host.setHeight(260));
    await expect.poll(() => iframe.evaluate((f) => f.clientHeight)).toBe(260);
    await box.locator('.modal-title .close').click();
    await box.waitFor({ state: 'detached' });
    await expect.poll(async () => (await serverState(wb.url)).snapshot.dialog).toBeNull();
  });

  it('applies requests that arrive together one at a time, none lost', async () => {
    const before = (await serverState(wb.url)).snapshot.version;
    const edits = Array.from({ length: 25 }, (_, i) =>
      fetch(`${wb.url}/api/edit`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sheet: 'people', row: 20 + i, col: 2, text: `v${i}` }) }),
    );
    const statuses = (await Promise.all(edits)).map((r) => r.status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const after = await serverState(wb.url);
    expect(after.snapshot.version).toBe(before + 50); // each edit, then its onEdit run
    const column = after.snapshot.window.rows.map((r) => r[1]?.text ?? '');
    const top = after.snapshot.window.top;
    for (let i = 0; i < 25; i++) expect(column[20 + i - top]).toBe(`v${i}`);
  });

  it('refuses requests from other sites', async () => {
    const foreign = await fetch(`${wb.url}/api/edit`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'https://example.com' }, body: '{}' });
    expect(foreign.status).toBe(403);
    const form = await fetch(`${wb.url}/api/menu`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"fn":"fail"}' });
    expect(form.status).toBe(415);
  });
});
