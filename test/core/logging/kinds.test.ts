// The event-kind registry: every list of kinds is derived from it, so each kind must come out
// whole everywhere (a menu item, a dialog, a log target, a dashboard row) and no two kinds may
// say the same thing to the user.
import { describe, expect, it } from 'vitest';
import { ACTIVITY_EVENTS, eventWord } from '../../../src/core/dashboard/definitions.ts';
import { COLUMNS_WRITTEN, EVENT_LABELS } from '../../../src/core/logging/events.ts';
import { outcomeKind } from '../../../src/core/logging/input.ts';
import { EVENT_KIND_LIST, EVENT_KINDS, isEventKind, kindOfWire } from '../../../src/core/logging/kinds.ts';
import * as main from '../../../src/server/main.ts';
import { DIALOGS } from '../../../src/server/logging/dialogs.ts';
import { MENU } from '../../../src/server/menu.ts';

const records = EVENT_KIND_LIST.map((kind) => ({ kind, ...EVENT_KINDS[kind] }));

function unique(values: readonly unknown[]): boolean {
  return new Set(values).size === values.length;
}

describe('the event-kind registry', () => {
  it('gives every kind a menu item naming its show* entry point, in registry order, captioned by its dialog title', () => {
    const items = MENU.flat();
    const logging = items.filter((i) => records.some((r) => r.show === i.fn));
    expect(logging).toEqual(records.map((r) => ({ caption: `${r.title}…`, fn: r.show })));
    for (const r of records) expect(typeof (main as Record<string, unknown>)[r.show], r.show).toBe('function');
  });

  it('gives every kind a dialog with its title', () => {
    expect(Object.keys(DIALOGS).sort()).toEqual([...EVENT_KIND_LIST].sort());
    for (const r of records) expect(DIALOGS[r.kind]).toEqual({ title: r.title });
  });

  it('gives every kind a log target that main.ts exports', () => {
    for (const r of records) expect(typeof (main as Record<string, unknown>)[r.log], r.log).toBe('function');
  });

  it('shares a log target only between kinds of the outcome form, told apart by their wire kind', () => {
    for (const r of records) {
      const sharing = records.filter((other) => other.log === r.log);
      if (sharing.length > 1)
        expect(
          sharing.every((k) => k.form === 'outcome'),
          r.log,
        ).toBe(true);
    }
    for (const r of records) {
      if (r.form !== 'outcome') continue;
      expect(kindOfWire(r.wireKind)).toBe(r.kind);
      expect(outcomeKind({ kind: r.wireKind })).toBe(r.kind);
    }
    expect(kindOfWire('jobInterview')).toBeNull();
  });

  it('uses each word for one kind only: log words, titles, show and activity labels and rows', () => {
    expect(unique([...records.map((r) => r.logWord), EVENT_LABELS.referred])).toBe(true);
    expect(unique(records.map((r) => r.title))).toBe(true);
    expect(unique(records.map((r) => r.show))).toBe(true);
    expect(unique(ACTIVITY_EVENTS.map((a) => a.label))).toBe(true);
    expect(unique(records.map((r) => r.activity.row))).toBe(true);
  });

  it('counts every kind on the Dashboard, by its log word', () => {
    expect(ACTIVITY_EVENTS.map((a) => a.kind).sort()).toEqual([...EVENT_KIND_LIST, 'referred'].sort());
    for (const r of records) expect(eventWord(r.kind)).toBe(r.logWord);
  });

  it('derives the lists the rest of the add-on used to keep by hand', () => {
    // As they were written before the registry: the Dashboard's row order and the log's words.
    expect(ACTIVITY_EVENTS.map((a) => a.label)).toEqual([
      'Pitches sent',
      'Follow-ups sent',
      'Replies',
      'Informational interviews',
      'Thank-yous sent',
      'Declines',
      'Referrals (new names)',
      'Job interviews',
      'Offers',
      'Updates sent',
    ]);
    expect(EVENT_LABELS).toEqual({
      pitch: 'Pitch sent',
      reply: 'Reply',
      followUp: 'Follow-up sent',
      interview: 'Informational interview',
      thankYou: 'Thank-you sent',
      declined: 'Declined',
      jobInterview: 'Job interview',
      offer: 'Offer',
      update: 'Update sent',
      referred: 'Referred',
    });
    expect(COLUMNS_WRITTEN.jobInterview).toEqual(['outcome', 'nextFollowUp']);
  });

  it('recognises its own kinds only', () => {
    for (const kind of EVENT_KIND_LIST) expect(isEventKind(kind)).toBe(true);
    for (const other of ['job_interview', 'referred', 'toString', '__proto__', 1, null]) expect(isEventKind(other)).toBe(false);
  });
});
