// Formulas in other spreadsheet locales (local/emulator/formulas/locale.ts): what a script writes
// with setFormula is read with the locale's punctuation, and getFormula shows it that way.
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../local/emulator/index.ts';
import { engineFormula, parses, shownFormula, usesDecimalComma } from '../../local/emulator/formulas/locale.ts';

function sheetIn(locale: string) {
  const emu = new Emulator({ scopes: null, locale });
  const sheet = emu.active.getSheets()[0];
  sheet.getRange('A1:A2').setValues([['x'], [2]]);
  return { emu, sheet };
}

function computed(locale: string, formula: string) {
  const { sheet } = sheetIn(locale);
  sheet.getRange('B1').setFormula(formula);
  return { value: sheet.getRange('B1').getValue(), formula: sheet.getRange('B1').getFormula() };
}

describe('formulas by spreadsheet locale', () => {
  it('knows which locales write decimals with a comma (by ICU), and so separate arguments with ";"', () => {
    for (const locale of ['de_DE', 'fr_FR', 'pt_BR', 'nl_NL', 'tr_TR', 'es_ES', 'it_IT', 'ru_RU', 'de', 'fr'])
      expect(usesDecimalComma(locale), locale).toBe(true);
    for (const locale of ['en_US', 'en_GB', 'en', 'ja_JP', 'zh_CN', 'de_CH', 'es_MX', 'en_IN']) expect(usesDecimalComma(locale), locale).toBe(false);
  });

  it('en_US: commas between arguments; a semicolon is taken and shown as a comma', () => {
    expect(computed('en_US', '=IF(A1="x",1,2)')).toEqual({ value: 1, formula: '=IF(A1="x",1,2)' });
    expect(computed('en_US', '=IF(A1="x";1;2)')).toEqual({ value: 1, formula: '=IF(A1="x",1,2)' });
    expect(computed('en_US', '=A2*0.5')).toEqual({ value: 1, formula: '=A2*0.5' });
  });

  it('de_DE: semicolons between arguments, a decimal comma; a comma between arguments is a parse error', () => {
    expect(computed('de_DE', '=IF(A1="x";1;2)')).toEqual({ value: 1, formula: '=IF(A1="x";1;2)' });
    expect(computed('de_DE', '=A2*0,5')).toEqual({ value: 1, formula: '=A2*0,5' });
    expect(computed('de_DE', '=IF(A1="x",1,2)')).toEqual({ value: '#ERROR!', formula: '=IF(A1="x",1,2)' });
    expect(computed('de_DE', '=A2*0.5').value).toBe('#ERROR!');
    // A comma between two digits is a decimal comma there: SUM(1,5) is one and a half.
    expect(computed('de_DE', '=SUM(1,5)').value).toBe(1.5);
  });

  it('leaves text in quotes and quoted sheet names alone', () => {
    expect(computed('de_DE', '=CONCATENATE("a,b";"c;d")')).toEqual({ value: 'a,bc;d', formula: '=CONCATENATE("a,b";"c;d")' });
    expect(engineFormula("=SUM('Q1, Q2'!A1;2)", 'fr_FR')).toBe("=SUM('Q1, Q2'!A1,2)");
    expect(shownFormula("=SUM('Q1, Q2'!A1,2.5)", 'fr_FR')).toBe("=SUM('Q1, Q2'!A1;2,5)");
  });

  it('array literals: "\\" between columns in a decimal-comma locale, "," in en_US', () => {
    expect(computed('de_DE', '=SUM({1\\2;3\\4})').value).toBe(10);
    expect(computed('en_US', '=SUM({1,2;3,4})').value).toBe(10);
  });

  it('a change of locale changes how formulas are shown, not what they compute', () => {
    const { emu, sheet } = sheetIn('en_US');
    sheet.getRange('B1').setFormula('=IF(A1="x",A2*1.5,0)');
    emu.active.setSpreadsheetLocale('fr_FR');
    expect(emu.active.getSpreadsheetLocale()).toBe('fr_FR');
    expect(sheet.getRange('B1').getFormula()).toBe('=IF(A1="x";A2*1,5;0)');
    expect(sheet.getRange('B1').getValue()).toBe(3);
  });

  it('refuses a locale code that is no language', () => {
    const { emu } = sheetIn('en_US');
    expect(() => emu.active.setSpreadsheetLocale('german')).toThrow('Invalid argument: german');
  });

  it("a colour rule's formula is read as a cell's: en_US gives a semicolon back as a comma; de_DE refuses commas between arguments", () => {
    for (const [locale, written, shown] of [
      ['en_US', '=AND(ISNUMBER($A2);$A2<TODAY())', '=AND(ISNUMBER($A2),$A2<TODAY())'],
      ['de_DE', '=AND(ISNUMBER($A2);$A2<TODAY())', '=AND(ISNUMBER($A2);$A2<TODAY())'],
      ['de_DE', '=AND(ISNUMBER($A2),$A2<TODAY())', '=AND(ISNUMBER($A2),$A2<TODAY())'],
    ]) {
      const { emu, sheet } = sheetIn(locale);
      const app = emu.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
      const rule = app
        .newConditionalFormatRule()
        .whenFormulaSatisfied(written)
        .setBackground('#f4c7c3')
        .setRanges([sheet.getRange('A2:A9') as never])
        .build();
      sheet.setConditionalFormatRules([rule as never]);
      const back = sheet.getConditionalFormatRules()[0].getBooleanCondition()!.getCriteriaValues();
      expect(back, `${locale} ${written}`).toEqual([shown]);
      expect(parses(sheet._cfRules[0].values[0] as string), `${locale} ${written}`).toBe(locale === 'en_US' || written.includes(';'));
    }
  });
});
