// The built bundle as Apps Script meets it: a plain script whose top-level functions are the
// entry points, an onOpen that only builds the menu in AuthMode.NONE, and a least-privilege manifest.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import vm from 'node:vm';
import { addOn, BUILD, ROOT, requireBuild } from '../helpers.ts';

describe('build/Code.js', () => {
  requireBuild();
  const code = readFileSync(join(BUILD, 'Code.js'), 'utf8');

  it('is a plain script: no import or export, parses as a classic script', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(() => new vm.Script(code)).not.toThrow();
  });

  it('declares a top-level function for every export of src/server/main.ts', async () => {
    const main = await import('../../src/server/main.ts');
    const { bundle } = addOn();
    expect(bundle.functions().sort()).toEqual(Object.keys(main).sort());
  });

  it('onOpen in AuthMode.NONE builds the menu and calls nothing that needs authorisation', () => {
    const { emu, bundle } = addOn();
    const run = bundle.run('onOpen', [{ authMode: 'NONE' }], { authMode: 'NONE' });
    expect(Object.keys(run.byMethod).every((m) => /^(SpreadsheetApp\.getUi|Ui\.create(Addon)?Menu|Menu\.)/.test(m))).toBe(true);
    const items = emu.ui.menus.flatMap((m) => m.items).filter((i) => i.type === 'item');
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(bundle.has((item as { functionName: string }).functionName)).toBe(true);
    // Issue 17's goal for onOpen: every item and separator is a call, so the menu's shape is its cost.
    expect(run.calls).toBeLessThanOrEqual(25);
  });

  it('in AuthMode.NONE the emulator refuses every method of every service that needs authorisation', () => {
    const { bundle } = addOn();
    const ctx = bundle.context as Record<string, object>;
    // What an add-on may do in AuthMode.NONE: build its menu, and read the time zone and locale
    // (https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle).
    const allowed = new Set(['SpreadsheetApp.getUi', 'Ui.createMenu', 'Ui.createAddonMenu', 'Session.getScriptTimeZone', 'Session.getActiveUserLocale']);
    const services: [string, object][] = [
      ['SpreadsheetApp', ctx.SpreadsheetApp],
      ['PropertiesService', ctx.PropertiesService],
      ['LockService', ctx.LockService],
      ['Session', ctx.Session],
      ['Ui', (ctx.SpreadsheetApp as { getUi(): object }).getUi()],
    ];
    let checked = 0;
    bundle.emu.rt.authMode = 'NONE';
    try {
      for (const [name, service] of services) {
        const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(service)).filter(
          (m) => m !== 'constructor' && !m.startsWith('_') && typeof (service as Record<string, unknown>)[m] === 'function',
        );
        expect(methods.length, name).toBeGreaterThan(0);
        for (const method of methods) {
          if (allowed.has(`${name}.${method}`)) continue;
          expect(() => (service as Record<string, () => unknown>)[method](), `${name}.${method}`).toThrow(/Authorization is required/);
          checked++;
        }
      }
    } finally {
      bundle.emu.rt.authMode = 'FULL';
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('onInstall builds the same menu as onOpen', () => {
    const a = addOn();
    a.bundle.run('onOpen', [{ authMode: 'FULL' }]);
    const b = addOn();
    b.bundle.run('onInstall', [{ authMode: 'FULL' }]);
    expect(b.emu.ui.menus).toEqual(a.emu.ui.menus);
  });
});

describe('build/appsscript.json', () => {
  const manifest = JSON.parse(readFileSync(join(BUILD, 'appsscript.json'), 'utf8'));
  it('runs on V8 with explicit least-privilege scopes', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    // Exactly these, each said why in the README's "Scopes and privacy": any scope added (say
    // drive.readonly or script.external_request) fails here until it is listed with its reason.
    const allowed = [
      'https://www.googleapis.com/auth/script.container.ui', // menus, dialogs, sidebar
      'https://www.googleapis.com/auth/spreadsheets', // the coach copy: SpreadsheetApp.create, openById
      'https://www.googleapis.com/auth/spreadsheets.currentonly', // the tracker it runs in
      'https://www.googleapis.com/auth/script.send_mail', // reminders: MailApp.sendEmail to the user
      'https://www.googleapis.com/auth/script.scriptapp', // reminders: the hourly trigger
      'https://www.googleapis.com/auth/userinfo.email', // reminders: the user's own address
    ];
    expect([...manifest.oauthScopes].sort()).toEqual([...allowed].sort());
    expect(manifest.timeZone).toBeTruthy();
  });
});

describe('the shared Apps Script contract checker', () => {
  const tool = join(ROOT, '../shared/tools/apps-script-contract.mjs');
  it.runIf(existsSync(tool))('passes on the built bundle', () => {
    const out = execFileSync('node', [tool, 'onOpen', 'onInstall'], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!).menuItems.length).toBeGreaterThan(0);
  });
});
