// The coach features, through the built bundle, where the emulator behaves as Google does for files
// and stores the other tests never meet: document properties per document (the coach view has a
// store of its own), a tracker in a shared drive (no owner), and a consumer (gmail.com) account.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, FIXTURES } from '../../helpers.ts';
import { accessOf, PROTECTED } from '../../../local/emulator/services/drive.ts';
import type { EmuSpreadsheet } from '../../../local/emulator/spreadsheet/spreadsheet.ts';
import type { SetupResult } from '../../../src/shared/types.ts';
import type { CoachResult, ShareWithCoachInput } from '../../../src/shared/coach.ts';
import type { TemplatesResult } from '../../../src/shared/pitch.ts';

const COACH = 'coach@example.com';

function tracker(options: { user?: string; coach?: string } = {}) {
  const app = addOn({ csv: readFileSync(join(FIXTURES, 'hand-made.csv'), 'utf8'), sheetName: 'Contacts', ...(options.user ? { user: options.user } : {}) });
  const setup = app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as SetupResult;
  if (!setup.ok) throw new Error(setup.message);
  const run = (fn: string, ...args: unknown[]) => app.bundle.run(fn, args).result as CoachResult;
  const share = (input: Partial<ShareWithCoachInput> = {}) => run('shareWithCoachNow', { email: options.coach ?? COACH, mode: 'copy', ...input });
  return { ...app, run, share };
}

function ok(result: CoachResult): Extract<CoachResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok: ${result.message}`);
  return result;
}

function copyOf(emu: { files: Map<string, EmuSpreadsheet> }): EmuSpreadsheet {
  const copies = [...emu.files.values()].filter((f) => f.getName().endsWith('– coach view'));
  expect(copies).toHaveLength(1);
  return copies[0];
}

describe('document properties belong to one document', () => {
  it("the coach, running the add-on in the coach view, sees none of the tracker's records and cannot stop its sharing", () => {
    const t = tracker();
    ok(t.share());
    const copy = copyOf(t.emu);
    const trackerStore = new Map(t.emu.properties.document);
    expect(trackerStore.get('iit.coach')).toBeTruthy();

    // The coach opens the coach view, where the add-on is installed for them too.
    t.emu.active = copy;
    const stopped = t.emu.actAs(COACH, () => t.run('stopSharingWithCoachNow'));
    expect(stopped).toMatchObject({ ok: true, changed: false, message: 'The tracker is not shared with a coach: there is nothing to stop.' });
    expect(t.emu.properties.document.size).toBe(0);
    expect(accessOf(copy, COACH)).toBe('editor');

    t.emu.active = t.ss;
    expect(new Map(t.emu.properties.document)).toEqual(trackerStore);
    expect(ok(t.run('updateCoachViewNow')).message).toMatch(/^Updated the coach view for coach@example.com/);
  });
});

describe('the add-on’s user properties follow the user from one spreadsheet to the next', () => {
  it('a template saved in the tracker is listed in another spreadsheet, whose tracker records are its own', () => {
    const t = tracker();
    const saved = t.bundle.run('saveTemplate', [{ name: 'Warm intro', purpose: 'pitch', subject: 'Hello', body: 'Ten minutes?' }]).result as TemplatesResult;
    expect(saved.ok).toBe(true);
    const other = t.emu.createSpreadsheet('Another tracker');
    t.emu.active = other;
    const listed = t.bundle.run('listTemplates').result as TemplatesResult;
    expect(listed.ok && listed.templates.map((x) => x.name)).toContain('Warm intro');
    expect(t.emu.properties.document.get('iit.tracker')).toBeUndefined();
    t.emu.active = t.ss;
    expect(t.emu.properties.document.get('iit.tracker')).toBeTruthy();
  });
});

describe('a tracker in a shared drive (getOwner() is null)', () => {
  it('shares with a coach by copy, updates the copy and stops, naming no owner', () => {
    const t = tracker();
    t.ss._moveToSharedDrive();
    const shared = ok(t.share());
    expect(shared.message).toContain(COACH);
    const copy = copyOf(t.emu);
    expect(accessOf(copy, COACH)).not.toBeNull();
    const note = copy.getSheetByName('Progress')!.getRange(1, 1, 1, copy.getSheetByName('Progress')!.getLastColumn()).getNotes()[0].join('');
    expect(note).toContain("The tracker's owner brings it back");
    ok(t.run('updateCoachViewNow'));
    ok(t.run('stopSharingWithCoachNow'));
    expect(accessOf(copy, COACH)).toBeNull();
  });

  it('shares the tracker itself with a coach and stops', () => {
    const t = tracker();
    t.ss._moveToSharedDrive();
    ok(t.share({ mode: 'direct', acknowledged: true }));
    expect(accessOf(t.ss, COACH)).not.toBeNull();
    ok(t.run('stopSharingWithCoachNow'));
    expect(accessOf(t.ss, COACH)).toBeNull();
    expect(accessOf(t.ss, 'me@example.com')).toBe('editor');
  });
});

/** Types `text` as `user` into the Progress sheet of the coach view: the first contact's column `header`. */
function typeInCopy(t: ReturnType<typeof tracker>, copy: EmuSpreadsheet, user: string, header: string, text: string): void {
  t.emu.actAs(user, () => {
    const progress = copy.getSheetByName('Progress')!;
    const col = (progress.getRange(1, 1, 1, progress.getLastColumn()).getValues()[0] as unknown[]).indexOf(header) + 1;
    progress.getRange(2, col).setValue(text);
  });
}

describe('protecting the coach view, by kind of account', () => {
  // Protection.setDomainEdit throws for a gmail.com account's file (Google's reference); the add-on
  // calls it only where canDomainEdit() is true, as Google's own sample does.
  it('a consumer (gmail.com) account shares a coach view, updates it and the coach types only feedback', () => {
    const t = tracker({ user: 'me@gmail.com', coach: 'coach@gmail.com' });
    ok(t.share());
    const copy = copyOf(t.emu);
    ok(t.run('updateCoachViewNow'));
    typeInCopy(t, copy, 'coach@gmail.com', 'Coach feedback', 'Ask about the team');
    expect(() => typeInCopy(t, copy, 'coach@gmail.com', 'Contact ID', 'X')).toThrow(PROTECTED);
  });
});
