// The tracker and its Dashboard in spreadsheets of other locales (issue 18; docs/locales.md): every
// formula the add-on writes must parse where the locale writes decimals with a comma (de_DE,
// fr_FR, pt_BR: ";" between arguments) as in en_US, and compute the same numbers.
import { describe, expect, it, vi } from 'vitest';
import { addOn } from '../../helpers.ts';
import { HAND_MADE, log } from '../logging/log-world.ts';
import { parses } from '../../../local/emulator/formulas/locale.ts';
import type { SetupResult } from '../../../src/shared/types.ts';

const LOCALES = ['en_US', 'de_DE', 'fr_FR', 'pt_BR'];

/** A tracker on hand-made.csv with a pitch, a reply and an interview logged, and its Dashboard, in `locale`. */
function trackerIn(locale: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-01-09T15:00:00Z'));
  try {
    const app = addOn({ csv: HAND_MADE, sheetName: 'Contacts', locale });
    const setup = app.bundle.run('setUpTracker').result as SetupResult;
    if (!setup.ok) throw new Error(setup.message);
    const world = { ...app, sheet: app.ss.getSheetByName('Contacts')! };
    log(world, 'logPitchSent', { eventId: 'locale-pitch', contactIds: ['C-0001', 'C-0002', 'C-0003'], date: '2026-01-05' });
    log(world, 'logReply', { eventId: 'locale-reply', contactIds: ['C-0002'], date: '2026-01-06', conversation: 'scheduled', conversationDate: '2026-01-08' });
    log(world, 'logInterview', {
      eventId: 'locale-interview',
      contactIds: ['C-0002'],
      date: '2026-01-08',
      minutes: 30,
      referrals: [{ name: 'Dana Scully', email: 'dana@fbi.example' }],
    });
    const built = app.bundle.run('refreshDashboard').result as { ok: boolean; message?: string };
    if (!built.ok) throw new Error(built.message);
    return app;
  } finally {
    vi.useRealTimers();
  }
}

/** Every cell of every sheet as getValues gives it, by sheet name. */
function valuesOf(app: ReturnType<typeof addOn>) {
  return Object.fromEntries(
    app.ss.getSheets().map((s) => [
      s.getName(),
      s
        .getDataRange()
        .getValues()
        .map((row) => row.map((v) => (v instanceof Date ? v.toISOString() : v))),
    ]),
  );
}

describe('the tracker and its Dashboard in other locales', () => {
  const results = new Map(LOCALES.map((locale) => [locale, trackerIn(locale)]));
  const expected = valuesOf(results.get('en_US')!);

  it('en_US: the Dashboard has numbers and no formula errors', () => {
    const dashboard = expected.Dashboard.flat();
    expect(dashboard.filter((v) => typeof v === 'string' && /^#[A-Z/0!?]+/.test(v))).toEqual([]);
    expect(dashboard.filter((v) => typeof v === 'number').length).toBeGreaterThan(20);
  });

  for (const locale of LOCALES.slice(1)) {
    it(`${locale}: no formula error anywhere, and the same values as in en_US`, () => {
      const app = results.get(locale)!;
      expect(app.ss.getSpreadsheetLocale()).toBe(locale);
      const got = valuesOf(app);
      for (const [sheet, rows] of Object.entries(got)) {
        const errors = rows.flatMap((row, r) =>
          row.flatMap((v, c) => (typeof v === 'string' && /^#(ERROR!|NAME\?|VALUE!|REF!|N\/A|DIV\/0!)/.test(v) ? [`${sheet} R${r + 1}C${c + 1}: ${v}`] : [])),
        );
        expect(errors, locale).toEqual([]);
      }
      expect(got).toEqual(expected);
    });

    it(`${locale}: the tracker's colour rules parse`, () => {
      const sheet = results.get(locale)!.ss.getSheetByName('Contacts')!;
      const formulas = sheet._cfRules.filter((r) => r.criteria === 'CUSTOM_FORMULA').map((r) => String(r.values[0]));
      expect(formulas.length).toBe(2);
      for (const f of formulas) expect(parses(f), f).toBe(true);
    });
  }
});
