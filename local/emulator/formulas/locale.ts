// Formula punctuation by spreadsheet locale (File > Settings > Locale), as Sheets reads what a
// script writes with setFormula, and shows it back.
//
// Google does not document this; the rules follow what users and maintainers report (sources in
// /docs/locales.md): formulas written from Apps Script are read with the locale's punctuation
// and English function names. In a locale whose decimal separator is a comma (de_DE, fr_FR,
// pt_BR, nl_NL, tr_TR, ...) arguments are separated by ';', a comma is the decimal point, and an
// array literal separates columns with '\' (https://support.google.com/docs/answer/6208276); a
// comma between arguments there is a parse error (#ERROR!, "Formula parse error"). In the others
// (en_US, ja_JP, ...) arguments take ',', and a ';' between arguments is corrected to ','
// ("Google now accepts semicolons in all locales", mricon/ingress-fieldplan#5).
//
// The engine (HyperFormula) always holds the en_US form, so a change of locale changes how
// formulas are shown, never what they compute, as in Sheets.

/** Whether the locale (Sheets' form: 'de_DE', 'fr', 'en_US') writes decimals with a comma, by ICU's data for it. */
export function usesDecimalComma(locale: string): boolean {
  let known = decimalComma.get(locale);
  if (known === undefined) decimalComma.set(locale, (known = decimalSeparator(locale) === ','));
  return known;
}

const decimalComma = new Map<string, boolean>();

function decimalSeparator(locale: string): string | undefined {
  let tag = locale.replace('_', '-');
  try {
    tag = Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
  return new Intl.NumberFormat(tag).formatToParts(1.5).find((p) => p.type === 'decimal')?.value;
}

/** A formula the locale cannot parse: what the engine is given so that the cell shows #ERROR!. */
const UNPARSABLE = '\u0001';

/**
 * The engine's (en_US) form of `formula` written in `locale`, or a text the engine cannot parse
 * (so the cell shows #ERROR!) that `shownFormula` turns back into what was written.
 */
export function engineFormula(formula: string, locale: string): string {
  // In a decimal-comma locale a number's fraction follows a comma; one after a point is read too, to be refused.
  const converted = usesDecimalComma(locale)
    ? convert(formula, fromDecimalComma, /^[0-9]+(?:[.,][0-9]+)?(?:[eE][+-]?[0-9]+)?/)
    : convert(formula, fromDecimalPoint);
  return converted ?? `=${UNPARSABLE}${formula.slice(1)}`;
}

/** Whether an engine form from `engineFormula` is a formula the locale parses. */
export function parses(engine: string): boolean {
  return !engine.startsWith(`=${UNPARSABLE}`);
}

/** The formula as getFormula gives it in `locale`, from the engine's form. */
export function shownFormula(engine: string, locale: string): string {
  if (!parses(engine)) return `=${engine.slice(2)}`;
  return usesDecimalComma(locale) ? (convert(engine, toDecimalComma) ?? engine) : engine;
}

type Token = { kind: 'number'; text: string } | { kind: 'separator'; char: ',' | ';' | '\\'; inArray: boolean };
/** Rewrites a number or a separator; null: the formula does not parse in this locale. */
type Rule = (token: Token) => string | null;

const fromDecimalPoint: Rule = (t) => (t.kind === 'number' ? t.text : t.char === ';' && !t.inArray ? ',' : t.char);

const fromDecimalComma: Rule = (t) => {
  if (t.kind === 'number') return t.text.includes('.') ? null : t.text.replace(',', '.');
  if (t.char === ',') return null;
  if (t.char === '\\') return t.inArray ? ',' : null;
  return t.inArray ? ';' : ',';
};

const toDecimalComma: Rule = (t) => {
  if (t.kind === 'number') return t.text.replace('.', ',');
  if (t.char === ',') return t.inArray ? '\\' : ';';
  return t.char;
};

/**
 * Walks `formula`, leaving string literals, quoted sheet names, names and cell references alone,
 * and passes each number literal and each separator through `rule`.
 */
function convert(formula: string, rule: Rule, numberPattern = /^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/): string | null {
  let out = '';
  let depth = 0;
  let i = 0;
  while (i < formula.length) {
    const c = formula[i];
    if (c === '"' || c === "'") {
      const end = quotedEnd(formula, i, c);
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') depth = Math.max(0, depth - 1);
    if (/[0-9]/.test(c) && !/[A-Za-z0-9_$.:!]/.test(formula[i - 1] ?? '')) {
      const number = numberPattern.exec(formula.slice(i))![0];
      const rewritten = rule({ kind: 'number', text: number });
      if (rewritten === null) return null;
      out += rewritten;
      i += number.length;
      continue;
    }
    if (c === ',' || c === ';' || c === '\\') {
      const rewritten = rule({ kind: 'separator', char: c, inArray: depth > 0 });
      if (rewritten === null) return null;
      out += rewritten;
      i++;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** The index just past the quoted text starting at `start` (a doubled quote is one quote inside). */
function quotedEnd(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return text.length;
}
