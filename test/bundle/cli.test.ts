// The headless CLI: `npm run --silent local -- ...` runs the built bundle on a workbook.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ROOT, requireBuild } from '../helpers.ts';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'local/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('local CLI', () => {
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), 'iit-cli-'));
  const csv = join(dir, 'contacts.csv');
  writeFileSync(csv, 'Name,Email,Company\nAda Lovelace,ada@example.com,Analytical Engines\n');

  it('runs onOpen on a CSV and reports the menu and the call count', () => {
    const r = cli('--in', csv, '--call', 'onOpen');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.results).toEqual([null]);
    expect(out.calls[0]).toBeGreaterThan(0);
    expect(out.ui.menus[0].items.length).toBeGreaterThan(0);
  });

  it('runs steps and saves the workbook as .xlsx, the CSV becoming a sheet named after the file', async () => {
    const steps = join(dir, 'steps.json');
    writeFileSync(
      steps,
      JSON.stringify([
        { call: 'onOpen', args: [{ authMode: 'LIMITED' }] },
        { call: 'showAbout', select: 'contacts!A2' },
      ]),
    );
    const out = join(dir, 'out.xlsx');
    const r = cli('--in', csv, '--steps', steps, '--out', out);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).ui.alerts).toHaveLength(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['contacts']);
    expect(wb.worksheets[0].getCell('A2').value).toBe('Ada Lovelace');
  });

  it('fails clearly on a missing file, an unknown function, and bad arguments, writing nothing', () => {
    const out = join(dir, 'never.xlsx');
    let r = cli('--in', join(dir, 'missing.csv'), '--call', 'onOpen', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read .*missing\.csv/);
    r = cli('--in', csv, '--call', 'noSuchFunction', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no function "noSuchFunction"/);
    r = cli('--in', csv, '--call', 'onOpen', '--args', '{not json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--args must be a JSON array/);
    expect(existsSync(out)).toBe(false);
  });

  it('says plainly that a cell is longer than Sheets holds (no stack trace), writing nothing', () => {
    const long = join(dir, 'long.csv');
    writeFileSync(long, `Name,Notes\nAnn,${'x'.repeat(60_000)}\n`);
    const out = join(dir, 'long.xlsx');
    const r = cli('--in', long, '--call', 'onOpen', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'local: long!B2 holds 60,000 characters; a cell in Google Sheets holds at most 50,000 ("Your input contains more than the maximum of 50000 characters in a single cell"). Shorten it and open the file again.\n',
    );
    expect(existsSync(out)).toBe(false);
  });

  it("selects on a sheet whose name has an apostrophe, quoted as Sheets quotes it ('O''Brien''s'!A3)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("O'Brien's").addRows([['Name'], ['Ann'], ['Bo']]);
    const book = join(dir, 'obrien.xlsx');
    writeFileSync(book, Buffer.from(await wb.xlsx.writeBuffer()));
    const r = cli('--in', book, '--call', 'setUpTracker', '--select', "'O''Brien''s'!A3");
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0]).toMatchObject({ ok: true, sheetName: "O'Brien's" });
  });

  it('fails a step at its k-th service call with "failAt", goes on, and dumps the state with --state', () => {
    const steps = join(dir, 'fault-steps.json');
    const state = join(dir, 'state.json');
    writeFileSync(
      steps,
      JSON.stringify([
        { call: 'setUpTracker', select: 'contacts!A2', failAt: 12 },
        { call: 'setUpTracker', select: 'contacts!A2' },
      ]),
    );
    const r = cli('--in', csv, '--steps', steps, '--state', state);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.results[0]).toMatchObject({ failedAt: 12, error: expect.stringContaining('Service Spreadsheets failed') });
    expect(out.results[0].call).toMatch(/^[A-Za-z]+\.[a-zA-Z]+$/);
    expect(out.calls[0]).toBe(11);
    expect(out.results[1]).toMatchObject({ ok: true, sheetName: 'contacts' });
    const dump = JSON.parse(readFileSync(state, 'utf8'));
    const sheets = dump.files[0].sheets.map((s: { name: string }) => s.name);
    expect([...sheets].sort()).toEqual(['Dashboard', 'contacts']);
    expect(dump.files[0].sheets[sheets.indexOf('contacts')].values[0]).toEqual(expect.arrayContaining(['Name', 'Email', 'Company', 'Contact ID']));
    expect(Object.keys(dump.properties.document).length).toBeGreaterThan(0);
  });

  // A stand-in script (its own build folder): the CLI's clock, triggers and outbox do not depend on
  // what the add-on does with them.
  it('"now" on a step moves the clock, running the triggers due on the way; prints the mail and the runs; --state lists the triggers', () => {
    const build = mkdtempSync(join(tmpdir(), 'iit-cli-build-'));
    writeFileSync(
      join(build, 'Code.js'),
      `function install() { ScriptApp.newTrigger('digest').timeBased().everyDays(1).atHour(8).inTimezone('Europe/Paris').create(); }
       function digest(e) {
         if (e['day-of-month'] === 4) throw new Error('nothing to send today');
         MailApp.sendEmail(Session.getEffectiveUser().getEmail(), 'Digest ' + new Date().toISOString().slice(0, 16), 'Due: 1', { htmlBody: '<p>Due: <b>1</b></p>' });
       }
       function quota() { return MailApp.getRemainingDailyQuota(); }`,
    );
    writeFileSync(
      join(build, 'appsscript.json'),
      JSON.stringify({
        oauthScopes: [
          'https://www.googleapis.com/auth/script.scriptapp',
          'https://www.googleapis.com/auth/script.send_mail',
          'https://www.googleapis.com/auth/userinfo.email',
        ],
      }),
    );
    const steps = join(dir, 'clock-steps.json');
    const state = join(dir, 'clock-state.json');
    writeFileSync(steps, JSON.stringify([{ call: 'install' }, { now: '2026-03-05T07:10:00Z' }, { call: 'quota', now: '2026-03-05T07:30:00Z' }]));
    const r = cli('--build', build, '--now', '2026-03-02T10:00:00Z', '--steps', steps, '--state', state);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.mail).toEqual([
      { to: 'me@example.com', subject: 'Digest 2026-03-03T07:00', body: 'Due: 1', htmlBody: '<p>Due: <b>1</b></p>' },
      { to: 'me@example.com', subject: 'Digest 2026-03-05T07:00', body: 'Due: 1', htmlBody: '<p>Due: <b>1</b></p>' },
    ]);
    expect(out.triggerRuns.map((run: { step: number; at: string; status: string; error?: string }) => [run.step, run.at, run.status, run.error])).toEqual([
      [2, '2026-03-03T07:00:00.000Z', 'completed', undefined],
      [2, '2026-03-04T07:00:00.000Z', 'failed', 'nothing to send today'],
      [2, '2026-03-05T07:00:00.000Z', 'completed', undefined],
    ]);
    // The quota's 24 hours began with the email at 07:00Z on 3 March and ended before the one of the 5th.
    expect(out.results).toEqual([null, null, 99]);
    expect(JSON.parse(readFileSync(state, 'utf8')).triggers).toEqual([
      { handler: 'digest', type: 'CLOCK', schedule: 'every day at 08:00 (Europe/Paris)', user: 'me@example.com', file: 'file-1' },
    ]);
  });

  it('refuses a "now" that is not an ISO time', () => {
    const steps = join(dir, 'bad-now.json');
    writeFileSync(steps, JSON.stringify([{ now: 'tomorrow' }]));
    const r = cli('--in', csv, '--steps', steps);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('step 1: "now" must be an ISO date and time');
  });

  it('refuses a "failAt" that is not a call number', () => {
    const steps = join(dir, 'bad-fault.json');
    writeFileSync(steps, JSON.stringify([{ call: 'onOpen', failAt: 0 }]));
    const r = cli('--in', csv, '--steps', steps);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('step 1: "failAt" must be a whole number from 1');
  });
});
