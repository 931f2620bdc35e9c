// How the tracker's rows look: date formats, drop-downs and colour rules of its columns. Setup
// applies them to the columns it adds; import and logging to the rows they add.

import { CLOSED_STAGES, TRACKER_COLUMNS, type TrackerKey } from '../../core/tracker/schema.ts';
import { columnLetters } from '../../core/base/a1.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The number format of the tracker's date columns. */
export const DATE_FORMAT = 'yyyy-mm-dd';

/** 0-based tracker columns (as a TrackerView has them) as the 1-based ones formatTrackerRows takes. */
export function oneBasedColumns(columns: Partial<Record<TrackerKey, number>>): Partial<Record<TrackerKey, number>> {
  return Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v + 1]));
}

/** Date formats and drop-downs for tracker columns (1-based) over the given rows. */
export function formatTrackerRows(
  sheet: Sheet,
  columns: Partial<Record<TrackerKey, number>>,
  firstRow: number,
  numRows: number,
  only?: ReadonlySet<TrackerKey>,
): void {
  if (numRows < 1) return;
  for (const def of TRACKER_COLUMNS) {
    const at = columns[def.key];
    if (at === undefined || (only && !only.has(def.key))) continue;
    const range = sheet.getRange(firstRow, at, numRows, 1);
    if (def.kind === 'date') range.setNumberFormat(DATE_FORMAT);
    if (def.kind === 'number') range.setNumberFormat('0');
    if (def.kind === 'list' && def.values) {
      // Relationship accepts the user's own words (with a warning mark); Stage and Outcome drive
      // the add-on's logic, so Sheets rejects other values typed into them.
      const rule = SpreadsheetApp.newDataValidation()
        .requireValueInList([...def.values], true)
        .setAllowInvalid(def.key === 'relationship')
        .setHelpText(`Choose one of: ${def.values.join(', ')}`)
        .build();
      range.setDataValidation(rule);
    }
  }
}

/**
 * The tracker's colour rules: those it finds on its Stage and Next follow-up columns are
 * stretched to the last row of the grid (rows added below the grid since, by import or by the
 * user, get the colours too); those for columns in `add` are created. Run again, it changes
 * nothing. `columns` are 1-based. Rules of the user's own on other columns are kept as they are.
 */
export function coverTrackerRows(
  sheet: Sheet,
  columns: Partial<Record<TrackerKey, number>>,
  headerRow: number,
  add: ReadonlySet<TrackerKey> = new Set(),
): void {
  const first = headerRow + 1;
  const lastRow = sheet.getMaxRows();
  if (lastRow < first || columns.stage === undefined || columns.nextFollowUp === undefined) return;
  const column = (at: number) => sheet.getRange(first, at, lastRow - headerRow, 1);
  const ours = new Set([columns.stage, columns.nextFollowUp]);
  // Rebuilt whether or not they already reach the last row, so the calls do not depend on it.
  let found = false;
  const rules = sheet.getConditionalFormatRules().map((rule) => {
    const ranges = rule.getRanges();
    if (ranges.length !== 1) return rule;
    const r = ranges[0];
    if (r.getNumColumns() !== 1 || !ours.has(r.getColumn()) || r.getRow() !== first) return rule;
    found = true;
    return rule
      .copy()
      .setRanges([column(r.getColumn())])
      .build();
  });
  const stage = columnLetters(columns.stage);
  const followUp = columnLetters(columns.nextFollowUp);
  const open = `AND(${CLOSED_STAGES.map((s) => `$${stage}${first}<>"${s}"`).join(',')})`;
  if (add.has('nextFollowUp')) {
    rules.push(
      SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(`=AND(ISNUMBER($${followUp}${first}),$${followUp}${first}<TODAY(),${open})`)
        .setBackground('#f4c7c3')
        .setFontColor('#a50e0e')
        .setRanges([column(columns.nextFollowUp)])
        .build(),
      SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(`=AND(ISNUMBER($${followUp}${first}),$${followUp}${first}=TODAY(),${open})`)
        .setBackground('#fce8b2')
        .setRanges([column(columns.nextFollowUp)])
        .build(),
    );
  }
  if (add.has('stage')) {
    const colours: [string, string][] = [
      ['Scheduled', '#d2e3fc'],
      ['Interviewed', '#ceead6'],
      ['Thanked', '#ceead6'],
      ['Declined', '#e8eaed'],
      ['No response', '#e8eaed'],
    ];
    for (const [text, colour] of colours) {
      rules.push(
        SpreadsheetApp.newConditionalFormatRule()
          .whenTextEqualTo(text)
          .setBackground(colour)
          .setRanges([column(columns.stage)])
          .build(),
      );
    }
  }
  if (found || add.has('nextFollowUp') || add.has('stage')) sheet.setConditionalFormatRules(rules);
}
