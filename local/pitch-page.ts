// Loads a built page (build/<Page>.html) in Debian's headless Chromium with google.script.run
// bridged to the built bundle running in the emulator, for browser tests and `npm run bench`.
// The page is served from an https origin (a secure context, as Google serves it) and every
// other request is refused, so the test never touches the network; a stand-in for Google's
// add-on stylesheet can be served in its place (`stylesheet`). A failure handler gets what the
// workbench gives it: an Error named ScriptError, "TypeError: …" or "Error: …" as its message.

import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Bundle } from './bundle.ts';
import { serializeScriptRunArgs } from './emulator/services/scriptrun.ts';
import { scriptErrorText } from './workbench/session.ts';

/** Debian's chromium, or the one CHROMIUM_PATH names (the browser tests honour it too). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const ORIGIN = 'https://addon-page.local';
export const ADDON_STYLESHEET = 'https://ssl.gstatic.com/docs/script/css/add-ons1.css';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface ServerCall {
  name: string;
  args: unknown[];
  ok: boolean;
}

export interface OpenedPage {
  page: Page;
  /** Every google.script.run call that reached the server so far, in order. */
  calls: ServerCall[];
  /**
   * The names of every google.script.run call the page has made, counted in the page the moment
   * it calls (a call on its way to the server is counted too, unlike in `calls`).
   */
  callsMade(): Promise<string[]>;
  /** Uncaught errors and console errors of the page. */
  errors: string[];
}

/**
 * The page's google.script.run: each handler-setting method returns a new runner, calls go to
 * the Node side through a binding, and the handlers run asynchronously, as in Google's client.
 */
const SHIM = `(() => {
  const runner = (h) => new Proxy({}, { get(_, prop) {
    if (prop === 'withSuccessHandler') return (f) => runner({ ...h, success: f });
    if (prop === 'withFailureHandler') return (f) => runner({ ...h, failure: f });
    if (prop === 'withUserObject') return (o) => runner({ ...h, userObject: o });
    return (...args) => { window.__gasCalls.push(String(prop)); window.__gasRun(String(prop), args).then((r) => {
      if (r.ok) { if (h.success) h.success(r.value, h.userObject); }
      else { const e = new Error(r.message); e.name = r.name; if (h.failure) h.failure(e, h.userObject); else console.error(e); }
    }); };
  } });
  window.__gasCalls = [];
  window.google = { script: { run: runner({}), host: { close() {}, setHeight() {}, setWidth() {}, editor: { focus() {} } } } };
})();`;

function hasDate(value: unknown): boolean {
  if (value instanceof Date) return true;
  return value !== null && typeof value === 'object' && Object.values(value).some(hasDate);
}

export interface PageOptions {
  width?: number;
  height?: number;
  /** CSS served for Google's add-on stylesheet (refused, as offline, when absent). */
  stylesheet?: string;
  /**
   * The menu function that shows the page (e.g. showPitchSidebar): the page loaded is the HTML it
   * showed, its template evaluated as Google serves it, instead of the file's own text.
   */
  menu?: string;
}

/** The HTML of the sidebar or dialog `menu` showed. */
function shownBy(bundle: Bundle, menu: string): string {
  const ui = bundle.emu.ui;
  const [sidebars, dialogs] = [ui.sidebars.length, ui.dialogs.length];
  bundle.run(menu);
  const shown = ui.sidebars.length > sidebars ? ui.sidebars.at(-1) : ui.dialogs.length > dialogs ? ui.dialogs.at(-1) : undefined;
  if (!shown) throw new Error(`${menu} showed no sidebar or dialog.`);
  return shown.html;
}

export async function openPage(browser: Browser, bundle: Bundle, htmlPath: string, options: PageOptions = {}): Promise<OpenedPage> {
  const html = options.menu ? shownBy(bundle, options.menu) : readFileSync(htmlPath, 'utf8');
  const context = await browser.newContext({ viewport: { width: options.width ?? 300, height: options.height ?? 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const calls: ServerCall[] = [];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  await page.exposeBinding('__gasRun', (_source, name: string, args: unknown[]) => {
    const call: ServerCall = { name, args, ok: false };
    calls.push(call);
    try {
      const result = bundle.run(name, serializeScriptRunArgs(args)).result;
      call.ok = true;
      // A result holding a Date arrives as null; the rest arrives as a copy.
      return { ok: true, value: result === undefined ? undefined : hasDate(result) ? null : JSON.parse(JSON.stringify(result)) };
    } catch (e) {
      return { ok: false, name: 'ScriptError', message: scriptErrorText(e) };
    }
  });
  await page.addInitScript(SHIM);
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === `${ORIGIN}/page.html`) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    if (url === ADDON_STYLESHEET && options.stylesheet !== undefined) return route.fulfill({ status: 200, contentType: 'text/css', body: options.stylesheet });
    return route.abort();
  });
  await page.goto(`${ORIGIN}/page.html`);
  const callsMade = () => page.evaluate(() => [...(window as unknown as { __gasCalls: string[] }).__gasCalls]);
  return { page, calls, callsMade, errors };
}
