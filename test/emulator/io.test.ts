// Loading .xlsx workbooks into the emulator.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { Emulator } from '../../local/emulator/index.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCsvInto, loadWorkbookFile, loadXlsxInto, saveXlsx, WorkbookFileError } from '../../local/emulator/io.ts';

async function workbook(fill: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('Contacts'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('loadXlsxInto', () => {
  it('keeps a filled-down (shared) formula in every cell, its references moved down', async () => {
    const data = await workbook((ws) => {
      ws.getCell('A1').value = 'Name';
      ws.getCell('B1').value = 'Letters';
      ['Ada', 'Grace', 'Katherine'].forEach((name, i) => (ws.getCell(`A${i + 2}`).value = name));
      ws.fillFormula('B2:B4', 'LEN(A2)', [3, 5, 9]);
    });
    const emu = new Emulator({ noSheets: true });
    await loadXlsxInto(emu.active, data);
    const sheet = emu.active.getSheetByName('Contacts')!;
    expect(sheet.getRange('B2:B4').getFormulas().flat()).toEqual(['=LEN(A2)', '=LEN(A3)', '=LEN(A4)']);
    expect(sheet.getRange('B2:B4').getValues().flat()).toEqual([3, 5, 9]);
  });
});

describe('loadCsvInto / loadWorkbookFile', () => {
  it("never turns a contact's text into a formula or an error; numbers and dates are still read as Sheets reads them", () => {
    const emu = new Emulator({ noSheets: true });
    const csv = 'Name,Phone,Email,Note,Count,Met\nAnn,+1 555 0100,-6@example.com,=HYPERLINK("http://x.example"),-5,20 Oct 2022\n@handle,-,+,\'quoted,12,\n';
    const sheet = loadCsvInto(emu.active, 'Contacts', csv);
    const range = sheet.getRange('A2:F3');
    expect(range.getFormulas().flat().filter(Boolean)).toEqual([]);
    expect(range.getDisplayValues()).toEqual([
      ['Ann', '+1 555 0100', '-6@example.com', '=HYPERLINK("http://x.example")', '-5', '10/20/2022'],
      ['@handle', '-', '+', "'quoted", '12', ''],
    ]);
    expect(sheet.getRange('E2').getValue()).toBe(-5);
    expect(sheet.getRange('F2').getValue()).toBeInstanceOf(Date);
  });

  it('refuses a cell longer than Sheets holds, saying where, in plain words (CSV and .xlsx)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iit-io-'));
    const long = 'x'.repeat(60_000);
    const csv = join(dir, 'Long.csv');
    writeFileSync(csv, `Name,Notes\nAnn,${long}\n`);
    const message =
      'Long!B2 holds 60,000 characters; a cell in Google Sheets holds at most 50,000 ("Your input contains more than the maximum of 50000 characters in a single cell"). Shorten it and open the file again.';
    await expect(loadWorkbookFile(new Emulator({ noSheets: true }).active, csv)).rejects.toThrow(new WorkbookFileError(message));
    const xlsx = await workbook((ws) => {
      ws.name = 'Long';
      ws.getCell('A2').value = 'Ann';
      ws.getCell('B2').value = long;
    });
    await expect(loadXlsxInto(new Emulator({ noSheets: true }).active, xlsx)).rejects.toThrow(new WorkbookFileError(message));
    // 50,000 characters fit.
    writeFileSync(csv, `Name,Notes\nAnn,${'x'.repeat(50_000)}\n`);
    const emu = new Emulator({ noSheets: true });
    await loadWorkbookFile(emu.active, csv);
    expect(String(emu.active.getSheetByName('Long')!.getRange('B2').getValue())).toHaveLength(50_000);
  });
});

describe('saveXlsx then loadXlsxInto', () => {
  it('keeps every validation and colour rule kind a script can make, and says which in the file', async () => {
    const emu = new Emulator();
    const app = emu.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const sheet = emu.active.getSheets()[0];
    sheet.setName('Rules');
    const dv = () => app.newDataValidation();
    const rules = [
      dv().requireValueInList(['Yes', 'No'], true).setAllowInvalid(false),
      dv().requireValueInRange(sheet.getRange('H1:H3') as never, true),
      dv().requireCheckbox(),
      dv().requireNumberBetween(1, 5).setHelpText('From 1 to 5'),
      dv().requireNumberGreaterThanOrEqualTo(0),
      dv().requireFormulaSatisfied('=A7>0'),
      dv().requireDate(),
    ].map((b) => b.build());
    rules.forEach((rule, i) => sheet.getRange(i + 1, 1).setDataValidation(rule as never));
    const cf = () =>
      app
        .newConditionalFormatRule()
        .setRanges([sheet.getRange('B1:B9') as never])
        .setBackground('#ff0000');
    sheet.setConditionalFormatRules(
      [
        cf().whenFormulaSatisfied('=$B1>3').setFontColor('#00ff00').setBold(true),
        cf().whenTextEqualTo('Pitched'),
        cf().whenTextContains('a"b'),
        cf().whenTextStartsWith('Re'),
        cf().whenCellEmpty(),
        cf().whenCellNotEmpty(),
        cf().whenNumberGreaterThan(10),
        cf().whenNumberBetween(1, 2),
      ].map((b) => b.build()) as never,
    );
    const saved = await saveXlsx(emu.active);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(saved as unknown as ArrayBuffer);
    const ws = book.getWorksheet('Rules')!;
    expect([1, 2, 3, 4, 5, 6, 7].map((r) => [ws.getCell(r, 1).dataValidation?.type, ws.getCell(r, 1).dataValidation?.operator ?? ''])).toEqual([
      ['list', ''],
      ['list', ''],
      ['list', ''],
      ['decimal', 'between'],
      ['decimal', 'greaterThanOrEqual'],
      ['custom', ''],
      ['date', 'greaterThanOrEqual'],
    ]);
    expect(ws.getCell(2, 1).dataValidation?.formulae).toEqual(['Rules!$H$1:$H$3']);
    const formats = (ws as unknown as { conditionalFormattings: { rules: { type: string; operator?: string; formulae?: string[]; priority: number }[] }[] })
      .conditionalFormattings;
    expect(formats.map((f) => [f.rules[0].type, f.rules[0].operator ?? '', f.rules[0].formulae?.[0] ?? '', f.rules[0].priority])).toEqual([
      ['expression', '', '$B1>3', 1],
      ['cellIs', 'equal', '"Pitched"', 2],
      ['expression', '', 'NOT(ISERROR(SEARCH("a""b",B1)))', 3],
      ['expression', '', 'LEFT(B1,LEN("Re"))="Re"', 4],
      ['containsText', 'containsBlanks', 'LEN(TRIM(B1))=0', 5],
      ['containsText', 'notContainsBlanks', 'LEN(TRIM(B1))>0', 6],
      ['cellIs', 'greaterThan', '10', 7],
      ['cellIs', 'between', '1', 8],
    ]);

    const again = new Emulator({ noSheets: true });
    await loadXlsxInto(again.active, saved);
    const back = again.active.getSheetByName('Rules')!;
    const described = (s: typeof back) =>
      s
        .getRange('A1:A7')
        .getDataValidations()
        .map(([rule]) => {
          const values = rule!
            .getCriteriaValues()
            .map((v) => (v && typeof v === 'object' && 'getA1Notation' in v ? (v as { getA1Notation(): string }).getA1Notation() : v));
          return [rule!.getCriteriaType(), values, rule!.getAllowInvalid(), rule!.getHelpText()];
        });
    expect(described(back)).toEqual(described(sheet as never));
    const colours = (s: typeof back) =>
      s.getConditionalFormatRules().map((r) => {
        const c = r.getBooleanCondition();
        return [c.getCriteriaType(), c.getCriteriaValues(), c.getBackground(), c.getFontColor(), c.getBold()];
      });
    expect(colours(back)).toEqual(colours(sheet as never));
  });
});

describe('saveXlsx: formula errors', () => {
  // A blocked array result is #REF! in Sheets (HyperFormula's #SPILL!), so the file keeps the
  // error Sheets shows, as an error Excel reads, not as text.
  it('saves a blocked array result as the #REF! error', async () => {
    const emu = new Emulator();
    const sheet = emu.active.getSheets()[0];
    sheet.getRange('A1:A2').setValues([[1], [2]]);
    sheet.getRange('B2').setValue('mine');
    sheet.getRange('B1').setFormula('=FILTER(A1:A2,A1:A2>0)');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await saveXlsx(emu.active)) as unknown as ArrayBuffer);
    const cell = book.worksheets[0].getCell('B1').value as ExcelJS.CellFormulaValue;
    expect(cell.result).toEqual({ error: '#REF!' });
  });
});
