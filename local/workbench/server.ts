// `npm start [-- <contacts.csv|tracker.xlsx>] [--port N] [--tz Zone] [--locale de_DE] [--now Time]`: the local workbench.
// Opens the workbook in a worker thread running the built add-on (build/Code.js), serves the
// page on 127.0.0.1 only, prints its address, and stops cleanly on Ctrl-C.

import { createServer, type Server } from 'node:http';
import { existsSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildAssets, type Assets } from './assets.ts';
import { StartError, WorkbenchHost } from './host.ts';
import { router } from './routes.ts';
import { isValidTimeZone } from '../emulator/spreadsheet/tz.ts';
import { isLocaleCode } from '../emulator/spreadsheet/spreadsheet.ts';

const USAGE = 'usage: npm start [-- <contacts.csv|tracker.xlsx>] [--port <number>] [--tz <time zone>] [--locale <locale, e.g. de_DE>] [--now <date and time>]';
export const DEFAULT_PORT = 5173;
/** How many ports after the asked one are tried when it is taken. */
const PORT_TRIES = 20;

class UsageError extends Error {}

interface Options {
  file?: string;
  label?: string;
  port: number;
  timeZone: string;
  locale?: string;
  now?: number;
  buildDir: string;
}

function readOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string' },
        tz: { type: 'string' },
        locale: { type: 'string' },
        now: { type: 'string' },
        build: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) throw new UsageError('');
  if (positionals.length > 1) throw new UsageError(`give one workbook file, not ${positionals.length}: ${positionals.join(' ')}`);
  const portText = values.port ?? process.env.PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${portText}"`);
  const timeZone = values.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'Etc/UTC';
  if (!isValidTimeZone(timeZone)) throw new UsageError(`unknown time zone "${timeZone}" (use an IANA name such as Europe/Paris)`);
  if (values.locale !== undefined && !isLocaleCode(values.locale))
    throw new UsageError(`--locale must be a locale code as in File > Settings, such as en_US, de_DE or fr, not "${values.locale}"`);
  // The clock starts at --now and runs on (the same screenshot every day; a demo on a given date).
  const now = values.now === undefined ? undefined : Date.parse(values.now);
  if (now !== undefined && (Number.isNaN(now) || !/^\d{4}-\d\d-\d\d/.test(values.now!)))
    throw new UsageError(`--now must be an ISO date and time such as 2025-06-02T10:00:00Z, not "${values.now}"`);
  const file = positionals[0] ? resolve(positionals[0]) : undefined;
  if (file && !existsSync(file)) throw new StartError(`cannot open ${positionals[0]}: no such file`);
  return {
    file,
    label: positionals[0],
    port,
    timeZone,
    locale: values.locale,
    now,
    buildDir: values.build ? resolve(values.build) : join(process.cwd(), 'build'),
  };
}

function listen(server: Server, port: number): Promise<number> {
  // 127.0.0.1 only: the workbench runs the user's workbook and add-on, for this machine alone.
  return new Promise((resolvePort, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolvePort(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/** Listens on 127.0.0.1 at `port`, or the next free one (saying so); port 0 lets the system choose. */
export async function listenNear(server: Server, port: number, log: (line: string) => void): Promise<number> {
  for (let p = port; ; p++) {
    try {
      const bound = await listen(server, p);
      if (p !== port) log(`Port ${port} is in use; using ${bound} instead.`);
      return bound;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' || port === 0 || p >= port + PORT_TRIES || p >= 65535) {
        throw new StartError(
          code === 'EADDRINUSE'
            ? `ports ${port} to ${p} are all in use: choose another with --port`
            : `cannot listen on 127.0.0.1:${p}: ${(e as Error).message}`,
        );
      }
    }
  }
}

export async function main(argv: string[]): Promise<number> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  let options: Options;
  try {
    options = readOptions(argv);
    if (!existsSync(join(options.buildDir, 'Code.js')))
      throw new StartError(`${join(options.buildDir, 'Code.js')} is missing: run \`npm run build\` (npm start does it first)`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(e.message ? `workbench: ${e.message}\n${USAGE}\n` : `${USAGE}\n`);
      return e.message ? 2 : 0;
    }
    process.stderr.write(`workbench: ${(e as Error).message}\n`);
    return 1;
  }

  let host: WorkbenchHost;
  let assets: Assets;
  try {
    const fatal = (message: string) => {
      process.stderr.write(`workbench: ${message}\n`);
      process.exit(1);
    };
    [host, assets] = await Promise.all([WorkbenchHost.start(options, fatal), buildAssets()]);
  } catch (e) {
    process.stderr.write(`workbench: ${e instanceof StartError ? e.message : ((e as Error).stack ?? String(e))}\n`);
    return 1;
  }
  let origin = '';
  const server = createServer(router(host, assets, () => origin));
  let port: number;
  try {
    port = await listenNear(server, options.port, log);
  } catch (e) {
    process.stderr.write(`workbench: ${(e as Error).message}\n`);
    await host.stop();
    return 1;
  }
  origin = `http://127.0.0.1:${port}`;
  log('Informational Interview Tracker: local workbench');
  log(`  Workbook: ${host.description}`);
  log(`  Open ${origin}/`);
  log('  Press Ctrl-C to stop.');

  return new Promise((done) => {
    const stop = (signal: string) => {
      log(`\nStopping (${signal}).`);
      server.close();
      server.closeAllConnections();
      void host.stop().then(() => done(0));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

// Run as a command (`npm start`), not when a test imports this module.
const isCommand = () => !!process.argv[1] && existsSync(process.argv[1]) && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (isCommand()) void main(process.argv.slice(2)).then((code) => process.exit(code));
