// `npm start` as a command: what it says and how it exits when the file, the port or the build is
// not what it needs. (The browser tests cover it running.)
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { ROOT, FIXTURES } from '../helpers.ts';
import { startWorkbench } from '../browser/harness.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'workbench-cli-'));

function run(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'local/workbench/server.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('npm start', () => {
  it('refuses a missing file with a clear message, and does not open the sample instead', () => {
    const r = run(['no-such-contacts.csv', '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('cannot open no-such-contacts.csv: no such file');
    expect(r.out).not.toContain('http://');
  });

  it('refuses a file that is not a workbook, and a broken .xlsx', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    writeFileSync(join(dir, 'broken.xlsx'), 'not a zip');
    const txt = run([join(dir, 'notes.txt'), '--port', '0']);
    expect(txt.code).toBe(1);
    expect(txt.out).toContain('only .csv and .xlsx files can be opened');
    const xlsx = run([join(dir, 'broken.xlsx'), '--port', '0']);
    expect(xlsx.code).toBe(1);
    expect(xlsx.out).toContain('not a readable .xlsx file');
    expect(xlsx.out).not.toContain('http://');
  });

  it('says how to build when build/Code.js is missing, and explains bad options', () => {
    const noBuild = run([join(FIXTURES, 'hand-made.csv'), '--build', tmp()]);
    expect(noBuild.code).toBe(1);
    expect(noBuild.out).toMatch(/Code\.js is missing: run `npm run build`/);
    const badPort = run(['--port', 'eighty']);
    expect(badPort.code).toBe(2);
    expect(badPort.out).toContain('--port must be a number');
    expect(badPort.out).toContain('usage: npm start');
    const two = run(['a.csv', 'b.csv']);
    expect(two.code).toBe(2);
    expect(two.out).toContain('give one workbook file');
  });

  it('takes the next port when the one asked for is in use, and says so', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const wb = await startWorkbench(join(FIXTURES, 'hand-made.csv'), { args: ['--port', String(taken)] });
      expect(wb.output()).toContain(`Port ${taken} is in use; using `);
      expect(wb.url).not.toBe(`http://127.0.0.1:${taken}`);
      const page = await fetch(`${wb.url}/`);
      expect(page.status).toBe(200);
      // Only this server's own name is accepted (no DNS rebinding).
      const status = await new Promise<number | undefined>((resolve, reject) => {
        request(`${wb.url}/api/state`, { headers: { Host: 'evil.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
          .on('error', reject)
          .end();
      });
      expect(status).toBe(403);
      expect(await wb.stop()).toBe(0);
      expect(wb.output()).toContain('Stopping (SIGINT)');
    } finally {
      blocker.close();
    }
  });
});
