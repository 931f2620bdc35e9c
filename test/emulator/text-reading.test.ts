// The engine reads each text it compares as a possible date, and lower-cases it for criteria:
// once per distinct text, not once per comparison, with the same results.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Emulator } from '../../local/emulator/index.ts';
import type { EmuSpreadsheetApp } from '../../local/emulator/spreadsheet/spreadsheet.ts';

function sheet() {
  const emu = new Emulator({ scopes: null });
  const app = emu.globals().SpreadsheetApp as EmuSpreadsheetApp;
  const s = app.getActiveSpreadsheet().getActiveSheet();
  return { s, hf: app.getActiveSpreadsheet()._hf as unknown as { evaluator: { interpreter: { dateTimeHelper: object } } } };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('reading text in comparisons', () => {
  it('parses a text as a date once however many cells hold it', () => {
    const { s, hf } = sheet();
    s.getRange('A1:A200').setValues(Array.from({ length: 200 }, (_, i) => [i % 2 ? 'Pitched' : 'Declined']));
    const helper = Object.getPrototypeOf(hf.evaluator.interpreter.dateTimeHelper) as { parseDateTimeFromConfigFormats(text: string): unknown };
    const parses = vi.spyOn(helper, 'parseDateTimeFromConfigFormats');
    s.getRange('B1').setFormula('=SUM(ARRAYFORMULA(IF(A1:A200<>"Declined",1,0)))');
    expect(s.getRange('B1').getValue()).toBe(100);
    const pitched = parses.mock.calls.filter(([text]) => text === 'Pitched').length;
    expect(pitched).toBe(1);
  });

  it('gives the same answers: dates written as text compare as dates, other text by its letters', () => {
    const { s } = sheet();
    s.getRange('A1:A6').setValues([['2025-01-02'], ['2025-1-10'], ['Éclair'], ['eclair'], ['b'], ['B']]);
    s.getRange('B1:B8').setFormulas([
      ['=A1<A2'], // both dates: 2 January before 10 January, though "2025-01-02" > "2025-1-10" as letters
      ['=A1>A2'],
      ['=A3=A4'], // accents and case aside
      ['=A5=A6'],
      ['=COUNTIF(A1:A6,"eclair")'],
      ['=COUNTIF(A1:A6,"B")'],
      ['=COUNTIF(A1:A6,">="&DATE(2025,1,5))'], // text read as a date: 10 January
      ['=COUNTIF(A1:A6,"<>b")'],
    ]);
    expect(s.getRange('B1:B8').getValues()).toEqual([[true], [false], [true], [true], [2], [2], [1], [4]]);
    // Again after the texts changed: nothing kept from before.
    s.getRange('A1:A2').setValues([['2025-02-01'], ['2025-1-10']]);
    expect(s.getRange('B1:B2').getValues()).toEqual([[false], [true]]);
  });
});
