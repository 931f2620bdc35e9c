// Formulas in a form every spreadsheet locale parses (docs/locales.md): Sheets reads a formula
// a script writes with the locale's punctuation, so a comma between arguments is a parse error
// where the locale writes decimals with a comma (de_DE, fr_FR, pt_BR...), while a semicolon is
// taken everywhere (as a comma where the locale writes decimals with a point). The add-on's
// formulas are written with commas, for reading; each is turned into this form on its way out.

/**
 * `formula` with a semicolon between arguments. Text in double quotes and quoted sheet names are
 * left alone. A decimal literal or an array literal has no form every locale parses: such a
 * formula is a mistake in the add-on, and throws.
 */
export function localeNeutral(formula: string): string {
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const c = formula[i];
    if (c === '"' || c === "'") {
      const end = quotedEnd(formula, i, c);
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    if (c === '{') throw new Error(`An array literal is read differently by locale; use a range or HSTACK/VSTACK: ${formula}`);
    if (c === '.' && /[0-9]/.test(formula[i + 1] ?? '') && /(^|[^A-Za-z0-9_$])[0-9]*$/.test(formula.slice(0, i))) {
      throw new Error(`A decimal literal is read differently by locale; write a fraction (1/2): ${formula}`);
    }
    out += c === ',' ? ';' : c;
    i++;
  }
  return out;
}

/** The index just past the quoted text that starts at `start` (a doubled quote stays inside). */
function quotedEnd(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] !== quote) {
      i++;
      continue;
    }
    if (text[i + 1] !== quote) return i + 1;
    i += 2;
  }
  return text.length;
}
