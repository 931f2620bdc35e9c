// `npm start` as a command: what it says and how it exits when the file, the port or the build is
// not what it needs. (The browser tests cover it running.)
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createServer as createHttpServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROOT, FIXTURES } from '../helpers.ts';
import { startWorkbench } from '../browser/harness.ts';
import { listenNear } from '../../local/workbench/server.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'workbench-cli-'));

function run(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'local/workbench/server.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
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

  it('refuses a folder given as the file, and says that it is a folder', () => {
    const dir = tmp();
    const r = run([dir, '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`cannot read ${dir}: it is a folder, not a file (EISDIR)`);
    expect(r.out).not.toContain('no such file');
    expect(r.out).not.toContain('http://');
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
    const badNow = run(['--now', 'next Tuesday']);
    expect(badNow.code).toBe(2);
    expect(badNow.out).toContain('--now must be an ISO date and time such as 2025-06-02T10:00:00Z');
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

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

describe('the address it listens on', () => {
  it('is 127.0.0.1 only', async () => {
    const server = createHttpServer((_, res) => res.end());
    const port = await listenNear(server, 0, () => {});
    try {
      const address = server.address() as AddressInfo;
      expect(address).toEqual({ address: '127.0.0.1', family: 'IPv4', port });
    } finally {
      server.close();
    }
  });

  it("so the running workbench cannot be reached on this machine's other addresses", async () => {
    const wb = await startWorkbench(join(FIXTURES, 'hand-made.csv'));
    try {
      const port = Number(new URL(wb.url).port);
      expect(await accepts('127.0.0.1', port)).toBe(true);
      // 127.0.0.2 is this machine too (all of 127/8 is loopback on Linux): a server on 0.0.0.0 would answer there.
      const others = [
        '127.0.0.2',
        ...Object.values(networkInterfaces())
          .flat()
          .filter((i) => i && i.family === 'IPv4' && !i.internal)
          .map((i) => i!.address),
      ];
      for (const host of others) expect(await accepts(host, port), host).toBe(false);
    } finally {
      await wb.stop();
    }
  });
});
