// The Import, Log event and Share dialogs (the real build/*.html in headless Chromium, bridged to
// the built bundle) when a server call fails in a way nobody planned for: the page says in a fixed
// plain sentence what failed, keeps the raw text under Details, and stays usable; and a call
// already under way is not made again.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { addOn, BUILD } from '../helpers.ts';
import { openPage as open, type OpenedPage, type PageOptions } from '../../local/pitch-page.ts';
import { sharedBrowser } from './harness.ts';

const CSV = [
  'Name,Email,Company,Title',
  'Ada Lovelace,ada@example.com,Northwind Labs,Product Manager',
  'Grace Hopper,grace@example.com,Contoso Health,Engineer',
].join('\n');
const UNEXPECTED = 'something went wrong that the add-on did not expect. Please try again.';
/** What the bundle throws when PropertiesService.getDocumentProperties() gives null (see breakProperties) and it calls `method` on it. */
const raw = (method: 'getProperty' | 'getProperties') => `TypeError: Cannot read properties of null (reading '${method}')`;

const browser = sharedBrowser();

function tracker() {
  const app = addOn({ csv: CSV, sheetName: 'Contacts' });
  app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
  return app;
}

type App = ReturnType<typeof tracker>;

async function openPage(b: Browser, bundle: App['bundle'], file: string, options: PageOptions): Promise<OpenedPage> {
  const opened = await open(b, bundle, file, options);
  opened.page.setDefaultTimeout(10_000); // fail with the step that hung, before the test times out
  return opened;
}

/** Makes every server call that reads the document's properties throw a TypeError, as a bug would; returns the undo. */
function breakProperties(app: App): () => void {
  const real = app.bundle.context.PropertiesService as GoogleAppsScript.Properties.PropertiesService;
  app.bundle.context.PropertiesService = {
    getDocumentProperties: () => null,
    getScriptProperties: () => real.getScriptProperties(),
    getUserProperties: () => real.getUserProperties(),
  };
  return () => (app.bundle.context.PropertiesService = real);
}

/** The failure as the user sees it: `what` and the fixed sentence in the alert region, the raw text only once Details is opened. */
async function expectUnexpected(page: Page, what: string, rawText: string): Promise<void> {
  const alert = page.locator('#alert');
  await alert.filter({ hasText: `${what}: ${UNEXPECTED}` }).waitFor();
  expect(await alert.getAttribute('role')).toBe('alert');
  expect(await alert.innerText()).not.toMatch(/Cannot read|null|TypeError/);
  expect(await page.locator('#status').innerText()).toBe('');
  const details = page.locator('#error-details');
  expect(await details.isVisible()).toBe(true);
  expect(await page.locator('#error-details-text').isVisible()).toBe(false);
  await details.locator('summary').click();
  expect(await page.locator('#error-details-text').innerText()).toBe(rawText);
}

/** Once a call works again, its result replaces the error and its details. */
async function expectRecovered(page: Page, result: RegExp): Promise<void> {
  await page.locator('#status', { hasText: result }).waitFor();
  expect(await page.locator('#alert').innerText()).toBe('');
  expect(await page.locator('#error-details').isVisible()).toBe(false);
}

const consoleError = (name: string, rawText: string) => `google.script.run.${name} failed: ${rawText}`;

describe('Import contacts dialog, unexpected failure', () => {
  it('says the import failed in plain words, the raw text under Details, and imports on the next try', async () => {
    const app = tracker();
    const { page, errors, calls } = await openPage(browser(), app.bundle, join(BUILD, 'ImportDialog.html'), { width: 520, height: 560 });
    await page.locator('#csv').fill('First Name,Last Name,Email Address\nNadia,Hussain,nadia@example.com\n');
    const restore = breakProperties(app);
    await page.getByRole('button', { name: 'Import' }).click();
    await expectUnexpected(page, 'Could not import the contacts', raw('getProperties'));
    expect(errors).toEqual([consoleError('importContacts', raw('getProperties'))]);
    expect(await page.getByRole('button', { name: 'Import' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Preview' }).isEnabled()).toBe(true);

    restore();
    await page.getByRole('button', { name: 'Import' }).click();
    await expectRecovered(page, /^Added 1 contact, updated 0, skipped 0/);
    expect(calls.map((c) => [c.name, c.ok])).toEqual([
      ['importContacts', false],
      ['importContacts', true],
    ]);
    expect(app.ss.getSheetByName('Contacts')!.getRange('A4').getValue()).toBe('Nadia Hussain');
  });
});

describe('Log event dialog, unexpected failure', () => {
  async function logDialog(app: App): Promise<OpenedPage> {
    app.bundle.run('showPitchSentDialog', [], { select: 'Contacts!A2' });
    const dialog = app.emu.ui.dialogs.at(-1)!;
    // The page as the server made it (its context printed in), served like the built pages.
    const file = join(mkdtempSync(join(tmpdir(), 'log-dialog-')), 'LogEventDialog.html');
    writeFileSync(file, dialog.html);
    const opened = await openPage(browser(), app.bundle, file, { width: dialog.width ?? undefined, height: dialog.height ?? undefined });
    await opened.page.locator('#who:not(:empty)').waitFor();
    return opened;
  }

  it('says the save failed in plain words, the raw text under Details, and saves once on the next try', async () => {
    const app = tracker();
    const { page, errors } = await logDialog(app);
    const restore = breakProperties(app);
    await page.getByRole('button', { name: 'Save' }).click();
    await expectUnexpected(page, 'Could not save', raw('getProperties'));
    expect(errors).toEqual([consoleError('logPitchSent', raw('getProperties'))]);
    expect(await page.getByRole('button', { name: 'Save' }).isEnabled()).toBe(true);
    expect(app.ss.getSheetByName('Interview log')).toBeNull();

    restore();
    await page.getByRole('button', { name: 'Save' }).click();
    await expectRecovered(page, /^Logged “Pitch sent” for 1 contact/);
    expect(await page.getByRole('button', { name: 'Close' }).isVisible()).toBe(true);
    expect(app.ss.getSheetByName('Interview log')!.getDataRange().getValues()).toHaveLength(2);
  });

  it('sends once when the form is submitted twice in a row (Ctrl+Enter submits even while Save is disabled)', async () => {
    const app = tracker();
    const { page, callsMade } = await logDialog(app);
    await page.evaluate(() => {
      const form = document.getElementById('form') as HTMLFormElement;
      form.requestSubmit();
      form.requestSubmit();
    });
    await page.locator('#status', { hasText: /^Logged “Pitch sent” for 1 contact/ }).waitFor();
    expect(await callsMade()).toEqual(['logPitchSent']);
  });
});

describe('Share with coach dialog, unexpected failure', () => {
  const SHARE = join(BUILD, 'ShareDialog.html');

  it('says the share failed in plain words, the raw text under Details, and shares on the next try', async () => {
    const app = tracker();
    const { page, errors } = await openPage(browser(), app.bundle, SHARE, { width: 560, height: 900 });
    await page.locator('#column-rows tr').first().waitFor();
    await page.locator('#email').fill('coach@example.com');
    const restore = breakProperties(app);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expectUnexpected(page, 'Could not share with your coach', raw('getProperties'));
    expect(errors).toEqual([consoleError('shareWithCoachNow', raw('getProperties'))]);
    expect(await page.getByRole('button', { name: 'Share', exact: true }).isEnabled()).toBe(true);

    restore();
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expectRecovered(page, /^Shared “Contacts – coach view” with coach@example\.com as an editor/);
    expect(await page.locator('#current').innerText()).toContain('Shared with coach@example.com (a coach copy, as editor)');
  });

  it('when its state cannot be read, says so and keeps Share disabled: it cannot send empty column choices', async () => {
    const app = tracker();
    breakProperties(app);
    const { page, errors, callsMade } = await openPage(browser(), app.bundle, SHARE, { width: 560, height: 900 });
    await expectUnexpected(page, 'Could not read who the tracker is shared with', raw('getProperties'));
    expect(errors).toEqual([consoleError('getCoachSharing', raw('getProperties'))]);
    const share = page.getByRole('button', { name: 'Share', exact: true });
    expect(await share.isDisabled()).toBe(true);
    // No empty table of columns, and no "your coach will be able to see" over an empty list.
    expect(await page.locator('#columns').isVisible()).toBe(false);
    await page.locator('#mode-direct').check();
    expect(await page.getByText('Your coach will be able to see').isVisible()).toBe(false);
    // Enter in the email field does not submit either (the form's default button is disabled).
    await page.locator('#email').fill('coach@example.com');
    await page.locator('#email').press('Enter');
    await page.getByRole('button', { name: 'Close' }).click();
    expect(await share.isDisabled()).toBe(true);
    expect(await callsMade()).toEqual(['getCoachSharing']);
  });
});
