// The logging menu and its dialogs as the built add-on shows them: the menu section and each
// item's dialog (title, mode, shown without a size: the page sizes itself); the page's per-kind
// rules and its size are checked in the browser (test/browser/log-event-workbench.test.ts). The
// values are the ones the add-on had before the event kinds became a registry
// (src/core/logging/kinds.ts), so a derived list that drifts fails.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DIALOG_HEIGHT, DEFAULT_DIALOG_WIDTH } from '../../../local/emulator/services/html.ts';
import type { SetupResult } from '../../../src/shared/types.ts';
import { addOn, BUILD } from '../../helpers.ts';
import { HAND_MADE, open, tracker } from './log-world.ts';

const KINDS: [caption: string, fn: string, mode: string][] = [
  ['Mark pitch sent…', 'showPitchSentDialog', 'pitch'],
  ['Log reply…', 'showReplyDialog', 'reply'],
  ['Log follow-up sent…', 'showFollowUpDialog', 'followUp'],
  ['Log informational interview…', 'showInterviewDialog', 'interview'],
  ['Mark thank-you sent…', 'showThankYouDialog', 'thankYou'],
  ['Mark declined…', 'showDeclinedDialog', 'declined'],
  ['Log job interview…', 'showJobInterviewDialog', 'jobInterview'],
  ['Log offer…', 'showOfferDialog', 'offer'],
  ['Log update sent…', 'showUpdateDialog', 'update'],
];

describe('the logging menu section', () => {
  it('lists every event kind, then Show follow-ups due and Reminders…, between separators', () => {
    const app = tracker();
    app.bundle.run('onOpen', [{ authMode: 'FULL' }]);
    const items = app.emu.ui.menus[0].items;
    const start = items.findIndex((i) => i.type === 'item' && i.caption === KINDS[0][0]);
    const section = items.slice(start - 1, start + KINDS.length + 3);
    expect(section).toEqual([
      { type: 'separator' },
      ...KINDS.map(([caption, fn]) => ({ type: 'item', caption, functionName: fn })),
      { type: 'item', caption: 'Show follow-ups due', functionName: 'showFollowUpsDue' },
      { type: 'item', caption: 'Reminders…', functionName: 'showReminders' },
      { type: 'separator' },
    ]);
  });

  for (const [caption, fn, mode] of KINDS) {
    it(`${caption} opens its dialog`, () => {
      const app = tracker();
      const ctx = open(app, fn, 'Contacts!A2');
      expect(ctx.mode).toBe(mode);
      expect(ctx.title).toBe(caption.replace('…', ''));
      expect(app.emu.ui.dialogs.at(-1)).toMatchObject({ modal: true, title: ctx.title, width: DEFAULT_DIALOG_WIDTH, height: DEFAULT_DIALOG_HEIGHT });
    });
  }

  // README (Scopes): with the `spreadsheets` scope removed from the manifest, everything but the
  // coach copy keeps working. SpreadsheetApp.getActiveRangeList is refused under
  // `spreadsheets.currentonly` alone (see the emulator's SpreadsheetApp); the sheet's is not.
  it('a dialog opens on a ctrl-click selection with spreadsheets.currentonly alone (the spreadsheets scope removed)', () => {
    const manifest = JSON.parse(readFileSync(join(BUILD, 'appsscript.json'), 'utf8')) as { oauthScopes: string[] };
    const scopes = manifest.oauthScopes.filter((s) => s !== 'https://www.googleapis.com/auth/spreadsheets');
    expect(scopes).toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
    const app = addOn({ csv: HAND_MADE, sheetName: 'Contacts', scopes });
    const setup = app.bundle.run('setUpTracker').result as SetupResult;
    if (!setup.ok) throw new Error(setup.message);
    const ctx = open({ ...app, sheet: app.ss.getSheetByName('Contacts')! }, 'showInterviewDialog', 'Contacts!A2:A3,A5');
    expect(ctx.contacts.map((c) => c.id)).toEqual(['C-0001', 'C-0002', 'C-0004']);
  });
});
