// The logging menu and its dialogs as the built add-on shows them: the menu section and each
// item's dialog (title, size, mode); the page's per-kind rules are checked in the browser
// (test/browser/log-event-workbench.test.ts). The values are the ones the add-on had before the
// event kinds became a registry (src/core/logging/kinds.ts), so a derived list that drifts fails.
import { describe, expect, it } from 'vitest';
import { open, tracker } from './log-world.ts';

const KINDS: [caption: string, fn: string, mode: string, height: number][] = [
  ['Mark pitch sent…', 'showPitchSentDialog', 'pitch', 420],
  ['Log reply…', 'showReplyDialog', 'reply', 390],
  ['Log follow-up sent…', 'showFollowUpDialog', 'followUp', 380],
  ['Log informational interview…', 'showInterviewDialog', 'interview', 560],
  ['Mark thank-you sent…', 'showThankYouDialog', 'thankYou', 330],
  ['Mark declined…', 'showDeclinedDialog', 'declined', 420],
  ['Log job interview…', 'showJobInterviewDialog', 'jobInterview', 400],
  ['Log offer…', 'showOfferDialog', 'offer', 400],
  ['Log update sent…', 'showUpdateDialog', 'update', 330],
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

  for (const [caption, fn, mode, height] of KINDS) {
    it(`${caption} opens its dialog`, () => {
      const app = tracker();
      const ctx = open(app, fn, 'Contacts!A2');
      expect(ctx.mode).toBe(mode);
      expect(ctx.title).toBe(caption.replace('…', ''));
      expect(app.emu.ui.dialogs.at(-1)).toMatchObject({ modal: true, title: ctx.title, width: 380, height });
    });
  }
});
