// An array result blocked by a value in its way expands again, in Sheets, as soon as the way is
// clear (the value deleted or moved). HyperFormula cuts a blocked array formula down to its own
// cell for good: emptying the cells in its way leaves it #SPILL!. Writing its formula again makes
// the engine measure the room afresh, as Sheets does whenever the sheet changes.

import type { HyperFormula } from 'hyperformula';

/** The parts of HyperFormula's dependency graph read here (not in its public typings). */
interface ArrayVertex {
  cellAddress: { sheet: number; row: number; col: number };
  array: { error?: { type?: string } };
}
interface Engine {
  dependencyGraph: { arrayMapping: { arrayMapping: Map<string, ArrayVertex> } };
}

/**
 * Writes again the formula of every array the engine found blocked (#SPILL!), so that each one
 * with room now expands; one still blocked stays so. Call with evaluation suspended, after writes
 * that emptied cells.
 */
export function retryBlockedArrays(hf: HyperFormula): void {
  const arrays = (hf as unknown as Engine).dependencyGraph.arrayMapping.arrayMapping;
  const blocked = [...arrays.values()].filter((v) => v.array.error?.type === 'SPILL').map((v) => ({ ...v.cellAddress }));
  for (const at of blocked) {
    const formula = hf.getCellFormula(at);
    if (formula) hf.setCellContents(at, [[formula]]);
  }
}
