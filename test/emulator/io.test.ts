// Loading .xlsx workbooks into the emulator.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { Emulator } from '../../local/emulator/index.ts';
import { loadXlsxInto } from '../../local/emulator/io.ts';

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
