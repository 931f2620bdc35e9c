// Shared test helpers: an emulator with the built bundle loaded, and fixture paths.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Emulator, type EmulatorOptions } from '../local/emulator/index.ts';
import { Bundle } from '../local/bundle.ts';
import { loadCsvInto } from '../local/emulator/io.ts';

export const ROOT = resolve(import.meta.dirname, '..');
export const BUILD = join(ROOT, 'build');
export const FIXTURES = join(ROOT, 'test/fixtures');

export function requireBuild(): void {
  if (!existsSync(join(BUILD, 'Code.js'))) throw new Error('build/Code.js is missing: run `npm run build` (npm test does it first)');
}

/** An emulator running the built add-on, optionally on a sheet loaded from CSV text. */
export function addOn(options: EmulatorOptions & { csv?: string; sheetName?: string } = {}) {
  requireBuild();
  const emu = new Emulator({ buildDir: BUILD, noSheets: options.csv !== undefined, ...options });
  if (options.csv !== undefined) loadCsvInto(emu.active, options.sheetName ?? 'Contacts', options.csv);
  const bundle = new Bundle(emu);
  return { emu, bundle, ss: emu.active };
}

/** Reads of cell values in `byMethod` (a run's calls by method): Range.getValues and Sheet.getSheetValues, one table each. */
export function valueReads(byMethod: Record<string, number>): number {
  return (byMethod['Range.getValues'] ?? 0) + (byMethod['Sheet.getSheetValues'] ?? 0);
}
