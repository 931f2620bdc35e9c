// A copy of spreadsheets as they are now, and what puts them back: what another execution sees
// while an execution's writes wait for a flush (Runtime.pending, Emulator.isolateExecutions).
//
// Put back in place: every object the spreadsheets held when copied (sheets, cell formats, rules,
// protections, metadata...) gets its own contents back, so the Sheet and Range objects a script
// holds stay valid; objects made since (a sheet inserted by a waiting write) are dropped. The
// formula engine is copied as each sheet's contents (formulas and values as written).

import { HyperFormula, type RawCellContent } from 'hyperformula';
import { Runtime } from '../runtime.ts';
import type { EmuSpreadsheet } from './spreadsheet.ts';

type Restore = () => void;

export function captureFiles(files: Iterable<EmuSpreadsheet>): Restore {
  const restores = [...files].map((ss) => {
    const engine = captureEngine(ss._engine, ss);
    const objects = captureGraph(ss);
    return () => {
      objects();
      engine();
    };
  });
  return () => restores.forEach((restore) => restore());
}

function captureEngine(engine: HyperFormula, ss: EmuSpreadsheet): Restore {
  ss._recalculate();
  const sheets = new Map<string, RawCellContent[][]>(engine.getSheetNames().map((name) => [name, written(engine, engine.getSheetId(name)!)]));
  return () => {
    ss._recalculate();
    for (const name of engine.getSheetNames()) if (!sheets.has(name)) engine.removeSheet(engine.getSheetId(name)!);
    for (const [name, contents] of sheets) {
      if (engine.getSheetId(name) === undefined) engine.addSheet(name);
      engine.setSheetContent(engine.getSheetId(name)!, contents);
    }
  };
}

/** A sheet's contents as written: an array formula's result is left out (written back, it would block the array). */
function written(engine: HyperFormula, sheet: number): RawCellContent[][] {
  return engine.getSheetSerialized(sheet).map((cells, row) =>
    cells.map((content, col) => {
      const address = { sheet, row, col };
      return engine.isCellPartOfArray(address) && !engine.doesCellHaveFormula(address) ? null : content;
    }),
  );
}

/** Everything reachable from `root` through data fields, but the engine, the runtime and the user's screen (`_host`). */
function captureGraph(root: object): Restore {
  const saved = new Map<object, () => void>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || saved.has(value)) return;
    if (value instanceof HyperFormula || value instanceof Runtime) return;
    if (Array.isArray(value)) {
      const items = value.slice();
      saved.set(value, () => {
        value.length = 0;
        for (const item of items) value.push(item);
      });
      items.forEach(visit);
    } else if (value instanceof Map) {
      const entries = [...value.entries()];
      saved.set(value, () => {
        value.clear();
        for (const [k, v] of entries) value.set(k, v);
      });
      entries.forEach(([k, v]) => (visit(k), visit(v)));
    } else if (value instanceof Set) {
      const items = [...value];
      saved.set(value, () => {
        value.clear();
        for (const v of items) value.add(v);
      });
      items.forEach(visit);
    } else if (value instanceof Date) {
      const time = value.getTime();
      saved.set(value, () => void value.setTime(time));
    } else {
      const values = Object.entries(Object.getOwnPropertyDescriptors(value))
        .filter(([key, d]) => key !== '_host' && 'value' in d && d.writable && typeof d.value !== 'function')
        .map(([key, d]) => [key, d.value as unknown] as const);
      const keys = new Set(Object.keys(value));
      const object = value as Record<string, unknown>;
      saved.set(value, () => {
        for (const key of Object.keys(object)) if (!keys.has(key)) delete object[key];
        for (const [key, v] of values) object[key] = v;
      });
      values.forEach(([, v]) => visit(v));
    }
  };
  visit(root);
  return () => saved.forEach((restore) => restore());
}
