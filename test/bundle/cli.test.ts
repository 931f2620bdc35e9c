// The headless CLI: `npm run --silent local -- ...` runs the built bundle on a workbook.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
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
    writeFileSync(steps, JSON.stringify([{ call: 'onOpen', args: [{ authMode: 'LIMITED' }] }, { call: 'showAbout', select: 'contacts!A2' }]));
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
});
