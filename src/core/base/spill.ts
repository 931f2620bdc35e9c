// Whether a formula may spill an array into the cells beside or below it. A cell a spilled array
// fills has a value and no formula (getFormulas gives ''), so it cannot be told from a value the
// user typed; writing a value into it breaks the array (Sheets then shows #REF! in the formula's
// cell: "Array result was not expanded because it would overwrite data"). Code that writes a
// cell back as it was read asks this of the formulas that could reach that cell.

/** Functions that can return more than one cell (Google Sheets' function list, array and import families). */
const ARRAY_FUNCTIONS = new Set([
  'ARRAYFORMULA',
  'ARRAY_CONSTRAIN',
  'BYCOL',
  'BYROW',
  'CHOOSECOLS',
  'CHOOSEROWS',
  'FILTER',
  'FLATTEN',
  'FREQUENCY',
  'GOOGLEFINANCE',
  'GROWTH',
  'HSTACK',
  'IMPORTDATA',
  'IMPORTFEED',
  'IMPORTHTML',
  'IMPORTRANGE',
  'IMPORTXML',
  'INDIRECT',
  'LINEST',
  'LOGEST',
  'MAKEARRAY',
  'MAP',
  'MINVERSE',
  'MMULT',
  'MUNIT',
  'OFFSET',
  'QUERY',
  'SCAN',
  'SEQUENCE',
  'SORT',
  'SORTN',
  'SPARKLINE',
  'SPLIT',
  'TOCOL',
  'TOROW',
  'TRANSPOSE',
  'TREND',
  'UNIQUE',
  'VSTACK',
  'WRAPCOLS',
  'WRAPROWS',
  'XLOOKUP',
  'REGEXEXTRACT',
  'LAMBDA',
  'LET',
]);

/**
 * False only for a formula that cannot return an array: no range (A1:B2, A:A), no array literal
 * ({…}), no array function, and no bare name (a named range may be many cells). Deliberately
 * broad: a needless "may" costs a write, a missed one breaks the user's formula.
 */
export function mayReturnArray(formula: string): boolean {
  if (!formula.startsWith('=')) return false;
  // Text in quotes is not a reference.
  const code = formula
    .slice(1)
    .replace(/"(?:[^"]|"")*"/g, '""')
    .replace(/\$/g, '');
  if (/[:{]/.test(code)) return true;
  // Quoted sheet names ('My sheet'!A1) hold no names either.
  const bare = code.replace(/'(?:[^']|'')*'!/g, '');
  for (const m of bare.matchAll(/[A-Za-z_][A-Za-z0-9_.]*/g)) {
    const word = m[0];
    const next = bare.slice(m.index + word.length).trimStart();
    if (next.startsWith('(')) {
      if (ARRAY_FUNCTIONS.has(word.toUpperCase())) return true;
      continue;
    }
    // A cell reference (B2, $B$2, Sheet1!B2) or TRUE/FALSE is one cell; any other name may be a named range.
    if (/^[A-Za-z]{1,3}\d+$/.test(word) || /^(TRUE|FALSE)$/i.test(word) || next.startsWith('!')) continue;
    return true;
  }
  return false;
}
