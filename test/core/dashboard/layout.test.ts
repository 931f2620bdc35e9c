// The dashboard's formulas name the tracker's whole columns as few times as they can: the formula
// engine links a formula to every cell of each whole column it names, so the count of those
// references, not the number of rows, is what the dashboard costs to compute (docs/dashboard.md,
// Speed). A rewrite that went back to one formula per list row or per count fails here.
import { describe, expect, it } from 'vitest';
import { buildLayout } from '../../../src/core/dashboard/layout.ts';
import type { DashboardSources, NameColumns } from '../../../src/core/dashboard/refs.ts';

function layout(names: NameColumns, introductionRows = 50) {
  const sources: DashboardSources = {
    tracker: {
      sheetName: 'Contacts',
      columns: { contactId: 7, relationship: 8, referredBy: 9, stage: 10, nextFollowUp: 12, referralsGiven: 15, outcome: 16 },
      names,
    },
    log: { sheetName: 'Interview log', columns: { eventDate: 2, eventType: 5, contactId: 3, details: 6, eventId: 8 } },
    introductionRows,
  };
  return buildLayout(sources);
}

const formulas = (cells: (string | number)[][]) => cells.flat().filter((c): c is string => typeof c === 'string' && c.startsWith('='));
const trackerColumns = (f: string) => (f.match(/'Contacts'!\$[A-Z]+:\$[A-Z]+/g) ?? []).length;

describe('the dashboard names whole tracker columns a bounded number of times', () => {
  it.each([
    ['a Name column', { full: 1 }, 100],
    ['First and Last Name columns', { first: 1, last: 2 }, 120],
  ])('with %s, whatever the size of the introductions list', (_, names, most) => {
    for (const rows of [10, 50]) {
      const all = formulas(layout(names, rows).cells);
      expect(all.filter((f) => trackerColumns(f) > 0).length).toBeLessThanOrEqual(35);
      expect(all.reduce((n, f) => n + trackerColumns(f), 0)).toBeLessThanOrEqual(most);
    }
  });

  it('fills each list from its first row: no other row of a list has a formula', () => {
    const l = layout({ full: 1 }, 50);
    const titled = (title: string) => l.cells.findIndex((row) => row[0] === title);
    for (const [title, rows] of [
      ['Who opened the most doors', 10],
      ['Introductions: who introduced whom', 50],
    ] as const) {
      const first = titled(title) + 2;
      expect(formulas([l.cells[first]]).length).toBeGreaterThan(0);
      for (let k = first + 1; k < first + rows; k++) expect(formulas([l.cells[k]]), `${title}, row ${k + 1}`).toEqual([]);
    }
  });
});

describe('the rows the build styles', () => {
  it("lie outside the settings rows, which the build writes apart (their values are the user's)", () => {
    for (const rows of [10, 50]) {
      const l = layout({ full: 1 }, rows);
      const { first, last } = l.settingsBlock;
      expect(first).toBeGreaterThan(1);
      expect(l.headerRows.length).toBeGreaterThan(5);
      for (const row of [l.titleRow, ...l.headerRows, ...l.columnRows]) expect(row < first || row > last, `row ${row}`).toBe(true);
    }
  });
});

// Issue 18 item 3: Google documents T and TRIM for one value (answers 3094138, 3094140) and shows
// XLOOKUP with one search key (12405947); the names are computed with them inside MAP's LAMBDA,
// one value at a time, never over a range inside ARRAYFORMULA.
describe('T, TRIM and XLOOKUP take one value in every dashboard formula', () => {
  /** The first argument of each call of `fn` in `formula` (balanced parentheses, quotes skipped). */
  function firstArguments(formula: string, fn: string): string[] {
    const out: string[] = [];
    const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
    for (const m of code.matchAll(new RegExp(`(?<![A-Z_])${fn}\\(`, 'g'))) {
      let depth = 0;
      let arg = '';
      for (const ch of code.slice(m.index + m[0].length)) {
        if (depth === 0 && (ch === ',' || ch === ';' || ch === ')')) break;
        if (ch === '(') depth++;
        if (ch === ')') depth--;
        arg += ch;
      }
      out.push(arg);
    }
    return out;
  }
  /** A range or an array: a reference with ':' outside any call in it, or a call of an array function. */
  const isRange = (arg: string) => {
    let top = arg;
    while (/\([^()]*\)/.test(top)) top = top.replace(/\([^()]*\)/g, '');
    return top.includes(':') || /^(FILTER|MAP|HSTACK|SORT|ARRAY_CONSTRAIN|ARRAYFORMULA)$/.test(top.trim());
  };

  it.each([
    ['a Name column', { full: 1 }],
    ['First, Middle and Last Name columns', { first: 1, middle: 2, last: 3 }],
  ])('with %s', (_, names) => {
    const all = formulas(layout(names, 20).cells);
    const overRanges = ['T', 'TRIM', 'XLOOKUP'].flatMap((fn) =>
      all.flatMap((f) =>
        firstArguments(f, fn)
          .filter(isRange)
          .map((arg) => `${fn}(${arg}`),
      ),
    );
    expect(overRanges).toEqual([]);
    expect(all.some((f) => f.includes('MAP(') && f.includes('LAMBDA('))).toBe(true);
  });
});

describe('What gets replies', () => {
  // A label that moves makes a rebuild take the sheet for rearranged (settings searched for, the
  // funnel chart placed again): the introductions list grows with the data, so nothing labelled
  // may come after it. The block's hidden list, with nothing in column A, is the one row that does.
  it('keeps every label of column A on its row whatever the length of the introductions list', () => {
    // (A formula in column A is no label: what it shows changes with the data.)
    const labels = (rows: number) => layout({ full: 1 }, rows).cells.map((row) => (String(row[0]).startsWith('=') ? '' : row[0]));
    const short = labels(10);
    const long = labels(50);
    const lastIntroduction = short.findIndex((l) => l === 'Introductions: who introduced whom');
    expect(short.indexOf('What gets replies')).toBeGreaterThan(0);
    expect(short.indexOf('What gets replies')).toBe(long.indexOf('What gets replies'));
    expect(short.slice(0, lastIntroduction)).toEqual(long.slice(0, lastIntroduction));
  });

  it('reads the log in one formula, which the first logged event writes when the Dashboard was built before the log', () => {
    const withLog = layout({ full: 1 });
    const { row, column } = withLog.repliesList;
    const cell = withLog.cells[row - 1][column - 1] as string;
    expect(cell).toMatch(/^=ARRAYFORMULA\(.*'Interview log'!\$F:\$F/);
    const readers = formulas(withLog.cells).filter((f) => f.includes("'Interview log'!"));
    // The recent-events list and this one.
    expect(readers).toHaveLength(2);
    const withoutLog = buildLayout({ ...sourcesOf(), log: null });
    expect(withoutLog.cells[row - 1][column - 1]).toBe('');
    // Every row its arrays fill is within the layout's extent, which the server makes room for.
    expect(withLog.bottom).toBeGreaterThanOrEqual(row + 499);
  });

  // What is worked out per first pitch counts in the 500-row list (COUNTIFS, MINIFS): mapped over
  // the list's own rows, that ran 500 times per column whatever the number of first pitches.
  it('counts in the list once per first pitch: the MAPs that count map the first pitches, filtered, not the list', () => {
    const withLog = layout({ full: 1 });
    const { row, column } = withLog.repliesList;
    const worked = withLog.cells[row - 1].slice(column - 1 + 5).filter((f): f is string => typeof f === 'string' && f !== '');
    expect(worked).toHaveLength(5);
    const counting = worked.filter((f) => /COUNTIFS\(|MINIFS\(/.test(f));
    expect(counting.length).toBeGreaterThanOrEqual(3);
    for (const f of worked) expect(f, f).toMatch(/^=ARRAYFORMULA\(IFERROR\(MAP\(FILTER\(FILTER\(/);
  });
});

function sourcesOf(): DashboardSources {
  return {
    tracker: {
      sheetName: 'Contacts',
      columns: { contactId: 7, relationship: 8, referredBy: 9, stage: 10, nextFollowUp: 12, referralsGiven: 15, outcome: 16 },
      names: { full: 1 },
    },
    log: null,
    introductionRows: 50,
  };
}
