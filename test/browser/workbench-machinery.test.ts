// The workbench's own machinery, on a small stand-in add-on written for this test (so it does not
// change when the real add-on does): prompts and yes/no alerts that block the script until the
// user answers, toasts, script errors, the selection the script sees, sidebars and dialogs with
// google.script.run and google.script.host, and requests arriving all at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import {
  answer,
  cell,
  cellText,
  editCell,
  idle,
  lastActionText,
  launchBrowser,
  openMenu,
  openPage,
  saveXlsx,
  selectedRange,
  selectRow,
  serverState,
  sidebarFrame,
  startWorkbench,
  type RunningWorkbench,
} from './harness.ts';

const post = (url: string, path: string, body: unknown) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

const CODE = `
function onOpen(e) {
  var ui = SpreadsheetApp.getUi();
  ui.createAddonMenu().addItem('Ask my name', 'askName').addItem('Echo selection', 'echoSelection')
    .addItem('Open helper', 'openHelper').addItem('Open small dialog', 'openDialog').addSeparator().addItem('Fail', 'fail')
    .addItem('Ghost', 'ghost').addItem('Guarded', 'guarded').addToUi();
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
function hidden_() { SpreadsheetApp.getActiveSheet().getRange('F1').setValue('hidden_ ran'); return 'secret'; }
function notOnMenu() { SpreadsheetApp.getActiveSheet().getRange('F1').setValue('notOnMenu ran'); }
// Busy for a while, then waits on a question: whatever arrives meanwhile must not touch the sheet
// under it (B10 is read before the question and after it).
function guarded() {
  var sheet = SpreadsheetApp.getActiveSheet();
  var before = sheet.getRange('B10').getValue();
  var until = Date.now() + 1500;
  while (Date.now() < until) {}
  SpreadsheetApp.getUi().alert('Hold on', 'Waiting', SpreadsheetApp.getUi().ButtonSet.OK);
  sheet.getRange('D10').setValue(sheet.getRange('B10').getValue() === before ? 'untouched' : 'changed under me');
}
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
        const handlers = run
          .withSuccessHandler((value, user) => resolve({ ok: true, value, user }))
          .withFailureHandler((e, user) => resolve({ ok: false, name: e.name, message: e.message, user, isError: e instanceof Error }))
          .withUserObject(userObject);
        handlers[fn as string](...(args as unknown[]));
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
    const busy = await fetch(`${wb.url}/api/edit`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sheet: 'people', row: 9, col: 1, text: 'x' }),
    });
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

  it('when the server refuses a selection, says so and shows the selection the add-on sees', async () => {
    await cell(page, 'B2').click();
    await idle(page);
    await openMenu(page, 'Ask my name');
    await page.locator('.modal.question').waitFor();
    // The question covers the grid; a click that reaches it anyway (racing the menu) is refused (409).
    await cell(page, 'B4').dispatchEvent('mousedown', { button: 0 });
    await cell(page, 'B4').dispatchEvent('mouseup', { button: 0 });
    const notice = page.locator('.modal.notice');
    await notice.waitFor();
    expect(await notice.locator('.prompt').innerText()).toBe(
      'The selection could not be sent: A script is waiting for an answer to its question. The sheet shows the selection the add-on sees.',
    );
    expect(await selectedRange(page)).toBe('B2');
    expect((await serverState(wb.url)).snapshot.selection[0]).toMatchObject({ row: 2, col: 2, numRows: 1, numCols: 1 });
    await notice.locator('button.action').click();
    await answer(page, 'CANCEL');
    expect(await cellText(page, 'A1')).toBe('cancelled');
  });

  it('Save as .xlsx downloads the workbook, and says why when it cannot', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'workbench-save-')), 'saved.xlsx');
    expect(await saveXlsx(page, path)).toBe('people.xlsx');
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK'); // a zip: an .xlsx
    // While a script waits for an answer the workbook cannot be saved (409).
    await openMenu(page, 'Ask my name');
    await page.locator('.modal.question').waitFor();
    await page.locator('#save').dispatchEvent('click');
    const notice = page.locator('.modal.notice');
    await notice.waitFor();
    expect(await notice.locator('h2').innerText()).toBe('Save as .xlsx');
    expect(await notice.locator('.prompt').innerText()).toBe('The workbook could not be saved: A script is waiting for an answer to its question.');
    await notice.locator('button.action').click();
    await answer(page, 'CANCEL');
    // A server error, in its own words.
    await page.route('**/api/save.xlsx', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: 'the disk is full' }) }),
    );
    await page.locator('#save').click();
    await notice.waitFor();
    expect(await notice.locator('.prompt').innerText()).toBe('The workbook could not be saved: the disk is full');
    await notice.locator('button.action').click();
    await page.unroute('**/api/save.xlsx');
  });

  it('runs from the menu only what a menu item names, and a missing function reports no calls', async () => {
    for (const fn of ['notOnMenu', 'hidden_', 'echo']) {
      const res = await post(wb.url, '/api/menu', { fn });
      expect(res.status).toBe(200);
      const outcome = (await res.json()) as { snapshot: { lastAction: { error?: string; calls: number } } };
      expect(outcome.snapshot.lastAction).toMatchObject({ error: `Script function not found: ${fn}`, calls: 0 });
    }
    await page.reload();
    await page.locator('td.cell[data-a1="A1"]').waitFor();
    expect(await cellText(page, 'F1')).toBe('');
    await openMenu(page, 'Echo selection'); // some service calls...
    await idle(page);
    expect(await lastActionText(page)).toMatch(/echoSelection \(menu\): [1-9]\d* service calls/);
    await openMenu(page, 'Ghost'); // ...then none: the script has no ghost()
    await page.locator('#error-bar:not([hidden])').waitFor();
    expect(await page.locator('#error-bar').innerText()).toContain('Script function not found: ghost');
    expect(await lastActionText(page)).toMatch(/ghost \(menu\): 0 service calls/);
    await page.locator('#error-bar button').click();
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

    expect(await callInPanel(frame, 'echo', [{ a: [1, undefined], b: undefined }], 'me')).toEqual({
      ok: true,
      value: { got: { a: [1, null] }, type: 'object' },
      user: 'me',
    });
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
    expect(refused).toEqual([
      'undefined',
      'TypeError: Failed due to illegal value in property: 0',
      'TypeError: Failed due to illegal value in property: when',
      'TypeError: Failed due to illegal value in property: 0',
    ]);
    // The page is sandboxed: it cannot reach into the workbench.
    expect(
      await frame.evaluate(() => {
        try {
          return String(window.parent.document);
        } catch {
          return 'blocked';
        }
      }),
    ).toBe('blocked');

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
      fetch(`${wb.url}/api/edit`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ sheet: 'people', row: 20 + i, col: 2, text: `v${i}` }),
      }),
    );
    const statuses = (await Promise.all(edits)).map((r) => r.status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const after = await serverState(wb.url);
    expect(after.snapshot.version).toBe(before + 50); // each edit, then its onEdit run
    const column = after.snapshot.window.rows.map((r) => r[1]?.text ?? '');
    const top = after.snapshot.window.top;
    for (let i = 0; i < 25; i++) expect(column[20 + i - top]).toBe(`v${i}`);
  });

  it('holds edits and menu actions that arrive while a script runs until it ends, even while it waits on a question', async () => {
    const menu = post(wb.url, '/api/menu', { fn: 'guarded' });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the script is busy now
    const during = [
      ...Array.from({ length: 5 }, (_, i) => post(wb.url, '/api/edit', { sheet: 'people', row: 10, col: 2, text: `edit ${i}` })),
      post(wb.url, '/api/menu', { fn: 'echoSelection' }),
    ];
    const asked = (await (await menu).json()) as { status: string; question: { title: string } };
    expect(asked).toMatchObject({ status: 'question', question: { title: 'Hold on' } });
    // While the script waits, a new request is told so; those already queued wait their turn.
    const late = await post(wb.url, '/api/edit', { sheet: 'people', row: 10, col: 2, text: 'late' });
    expect(late.status).toBe(409);
    const done = (await (await post(wb.url, '/api/answer', { button: 'OK' })).json()) as { status: string };
    expect(done.status).toBe('done');
    const statuses = await Promise.all(during.map(async (r) => (await r).status));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    const rows = (await serverState(wb.url)).snapshot.window;
    const row10 = rows.rows[10 - rows.top];
    expect(row10[3]?.text).toBe('untouched'); // D10: nothing ran under the waiting script
    expect(row10[1]?.text).toBe('edit 4'); // the queued edits ran after it, in order
    await page.reload();
    await page.locator('td.cell[data-a1="A1"]').waitFor();
  });

  it('refuses requests from other sites', async () => {
    const foreign = await fetch(`${wb.url}/api/edit`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://example.com' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    const form = await fetch(`${wb.url}/api/menu`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"fn":"fail"}' });
    expect(form.status).toBe(415);
  });
});
