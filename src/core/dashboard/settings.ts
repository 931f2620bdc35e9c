// Where the user's settings are on a Dashboard sheet as it stands, read from its column A alone:
// the add-on writes every label there, and a user who inserts or deletes rows on the sheet moves
// the labels with the settings. (Per-row developer metadata cost three service calls a setting
// to read; one read of the column costs none more.)

import type { SettingKey } from './definitions.ts';
import type { DashboardLayout } from './layout.ts';

export interface SettingsFound {
  /** 1-based sheet row of each setting found; a setting not in it was deleted with its row. */
  rows: Map<SettingKey, number>;
  /** True when every label of the layout's column A is where the layout puts it. */
  inPlace: boolean;
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/**
 * `columnA`: the sheet's column A from row 1. A setting is at the row holding its label, when
 * that label is there once. One whose label the user changed is placed by the nearest labels
 * the layout has once, above and below it: when as many rows lie between them on the sheet as
 * in the layout, the rows between are the layout's rows; otherwise its row was deleted.
 */
export function locateSettings(layout: DashboardLayout, columnA: readonly unknown[]): SettingsFound {
  // A formula in column A (a list's first cell) is no label: what it shows changes with the data.
  const labels = layout.cells.map((row) => (typeof row[0] === 'string' && row[0].startsWith('=') ? '' : text(row[0])));
  const inPlace = labels.every((label, i) => label === '' || text(columnA[i]) === label);
  const rows = new Map<SettingKey, number>();
  if (inPlace) {
    for (const s of layout.settings) rows.set(s.key, s.row);
    return { rows, inPlace };
  }
  const onSheet = new Map<string, number[]>();
  columnA.forEach((v, i) => {
    const label = text(v);
    if (label) onSheet.set(label, [...(onSheet.get(label) ?? []), i + 1]);
  });
  const inLayout = new Map<string, number>();
  for (const label of labels) if (label) inLayout.set(label, (inLayout.get(label) ?? 0) + 1);
  /** The sheet row of the layout's row `row` when its label is once in the layout and once on the sheet. */
  const anchor = (row: number): number | null => {
    const label = labels[row - 1];
    if (!label || inLayout.get(label) !== 1) return null;
    const found = onSheet.get(label);
    return found?.length === 1 ? found[0] : null;
  };
  for (const s of layout.settings) {
    const own = anchor(s.row);
    if (own !== null) {
      rows.set(s.key, own);
      continue;
    }
    let above = s.row - 1;
    while (above >= 1 && anchor(above) === null) above--;
    let below = s.row + 1;
    while (below <= labels.length && anchor(below) === null) below++;
    if (above < 1 || below > labels.length) continue;
    const top = anchor(above)!;
    const bottom = anchor(below)!;
    if (bottom - top === below - above) rows.set(s.key, top + (s.row - above));
  }
  return { rows, inPlace };
}
