// The pitch sidebar's service calls (issue 17): the menu item, the page's first call for its
// contact and its Next buttons each make at most 12, the same whatever the number of contacts,
// and the sidebar finds the tracker through the active sheet.
import { describe, expect, it } from 'vitest';
import { addOnOnContacts } from '../../../local/bundle.ts';
import { handMadeContacts, toCsv } from '../../../local/generate.ts';
import { BUILD, requireBuild } from '../../helpers.ts';
import type { NextContactResult, PitchContextResult } from '../../../src/shared/pitch.ts';

/** The calls the sidebar's opening and Next buttons make, on a tracker of `contacts` rows. */
function sidebarCalls(contacts: number) {
  const { emu, bundle } = addOnOnContacts(toCsv(handMadeContacts(contacts)), BUILD, { setUp: true });
  emu.active.insertSheet('Notes');
  const menu = bundle.run('showPitchSidebar', [], { select: 'Contacts!A3' });
  const open = bundle.run('getPitchContext', [], { select: 'Contacts!A3' });
  const toContact = bundle.run('nextContact', ['toContact', 3], { select: 'Contacts!A3' });
  const followUp = bundle.run('nextContact', ['followUp', null], { select: 'Contacts!A3' });
  return { menu, open, toContact, followUp, emu, bundle };
}

describe('the pitch sidebar at the floor of service calls', () => {
  requireBuild();

  it('opens on the selected contact without walking every sheet for the tracker', { timeout: 60_000 }, () => {
    const { open } = sidebarCalls(100);
    expect((open.result as PitchContextResult & { ok: true }).contact?.row).toBe(3);
    expect(open.byMethod['Spreadsheet.getSheets'], JSON.stringify(open.byMethod)).toBeUndefined();
  });

  it('still finds the tracker, and says no contact is selected, when another sheet is active', { timeout: 60_000 }, () => {
    const { bundle } = sidebarCalls(100);
    const result = bundle.run('getPitchContext', [], { select: 'Notes!A3' }).result as PitchContextResult & { ok: true };
    expect(result.contact).toBeNull();
    expect(result.note).toMatch(/^No contact selected\. Select a contact's row in "Contacts"/);
  });

  it('costs at most 12 calls each, the same at 100 and 2,000 contacts', { timeout: 120_000 }, () => {
    const small = sidebarCalls(100);
    const large = sidebarCalls(2000);
    expect((large.toContact.result as NextContactResult).ok).toBe(true);
    for (const k of ['menu', 'open', 'toContact', 'followUp'] as const) {
      expect(small[k].calls, `${k}: ${JSON.stringify(small[k].byMethod)}`).toBeLessThanOrEqual(12);
      expect(large[k].calls, k).toBe(small[k].calls);
      expect(large[k].byMethod, k).toEqual(small[k].byMethod);
    }
  });

  it('another sheet active: the selection is not read, and the tracker still found within the budget', { timeout: 60_000 }, () => {
    const { bundle } = sidebarCalls(100);
    const run = bundle.run('getPitchContext', [], { select: 'Notes!A3' });
    expect(run.byMethod['Spreadsheet.getActiveRange'], JSON.stringify(run.byMethod)).toBeUndefined();
    // The tracker's record is read once, then its sheet found by ID.
    expect(run.byMethod['Properties.getProperty'], JSON.stringify(run.byMethod)).toBe(1);
    expect(run.calls).toBeLessThanOrEqual(12);
  });
});
