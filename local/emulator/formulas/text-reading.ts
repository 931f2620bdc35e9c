// Speed only. HyperFormula reads every text it compares as a possible date (comparing two texts,
// or a text with a number, compares them as dates when both read as one) and lower-cases and
// strips the accents of every text a COUNTIFS criterion tests. A Dashboard recalculation
// compares the same few texts (stages, outcomes, Contact IDs) tens of thousands of times, so each
// engine here remembers what each distinct text read as. Both readings depend only on the text and
// on the engine's settings, which are fixed for the helper objects that do them (HyperFormula
// builds new ones when its settings change), and what they return is never changed in place.

import type { HyperFormula } from 'hyperformula';

/** Distinct texts remembered per helper before starting again (a bound on memory, not a tuning). */
const REMEMBERED = 200_000;

type Reader = (this: object, text: unknown) => unknown;

function rememberReadings(helper: object, method: string): void {
  const proto = Object.getPrototypeOf(helper) as Record<string, Reader | boolean | undefined>;
  const mark = `_remembered_${method}`;
  if (proto[mark]) return;
  const original = proto[method] as Reader;
  const readings = new WeakMap<object, Map<string, unknown>>();
  proto[method] = function (this: object, text: unknown) {
    if (typeof text !== 'string') return original.call(this, text);
    let known = readings.get(this);
    if (!known) readings.set(this, (known = new Map()));
    if (known.has(text)) return known.get(text);
    const reading = original.call(this, text);
    if (known.size >= REMEMBERED) known.clear();
    known.set(text, reading);
    return reading;
  };
  proto[mark] = true;
}

/** Makes every engine of this HyperFormula build read each distinct text once (`hf` is one of them). */
export function rememberTextReadings(hf: HyperFormula): void {
  const interpreter = (hf as unknown as { evaluator: { interpreter: { dateTimeHelper: object; arithmeticHelper: object } } }).evaluator.interpreter;
  rememberReadings(interpreter.dateTimeHelper, 'dateStringToDateNumber');
  rememberReadings(interpreter.arithmeticHelper, 'normalizeString');
}
