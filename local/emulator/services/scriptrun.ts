// What google.script.run lets through between the page and the server, for the workbench bridge
// and tests.
//
// Pinned behaviours (sources):
// - Legal parameters are primitives (Number, Boolean, String, null) and objects and arrays made of
//   them; a form element is legal only as the only parameter. A Date, Function, DOM element other
//   than a form, or another prohibited type makes the request fail, also when nested; so do circular
//   references; undefined inside arrays becomes null; the server gets a copy.
//   https://developers.google.com/apps-script/guides/html/reference/run#myFunction(...)
//   https://developers.google.com/apps-script/guides/html/communication ("Parameters and return values")
// - The failure happens in the browser, before the call is sent, as
//   "TypeError: Failed due to illegal value in property: <key>", where <key> is the argument's index
//   for a top-level argument and the property name for a nested value; the failure handler is not
//   called. Circular references fail with "Failed due to circular reference." (both strings appear in
//   Google's client code and in reports from scripts that hit them; see README-services.md).
// - Return values have the same restrictions. A return value that contains a Date anywhere reaches
//   the success handler as null, the whole value, not just the Date (reported independently by
//   several Apps Script projects that work around it by converting Dates to strings).
// Not confirmed (see README-services.md): NaN/Infinity, what a return value holding a function or
// class instance becomes (null here, like a Date), and top-level undefined (passed as undefined).

export const ILLEGAL_VALUE = 'Failed due to illegal value in property: ';
export const CIRCULAR = 'Failed due to circular reference.';

// Plain in any realm: the built bundle runs in a node:vm context, whose Object.prototype is not this one.
const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v);
  return proto === null || (Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(v) === '[object Object]');
};

const isForm = (v: unknown): boolean => typeof HTMLFormElement !== 'undefined' && v instanceof HTMLFormElement;

type Verdict = { ok: true } | { ok: false; key: string; circular?: boolean };

function inspect(value: unknown, key: string, seen: Set<object>): Verdict {
  if (value === null || value === undefined) return { ok: true };
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return { ok: true };
    case 'object':
      break;
    default:
      return { ok: false, key }; // function, symbol, bigint
  }
  const obj = value as object;
  if (seen.has(obj)) return { ok: false, key, circular: true };
  if (!Array.isArray(obj) && !isPlainObject(obj)) return { ok: false, key }; // Date, Map, class instance, DOM node
  seen.add(obj);
  const entries: [string, unknown][] = Array.isArray(obj) ? obj.map((v, i) => [String(i), v]) : Object.entries(obj);
  for (const [k, v] of entries) {
    const verdict = inspect(v, k, seen);
    if (!verdict.ok) return verdict;
  }
  seen.delete(obj);
  return { ok: true };
}

/** Throws what the browser throws when google.script.run is given an illegal argument. */
export function checkScriptRunArgs(args: readonly unknown[]): void {
  if (args.length === 1 && isForm(args[0])) return;
  for (let i = 0; i < args.length; i++) {
    const verdict = inspect(args[i], String(i), new Set());
    if (!verdict.ok) {
      if (verdict.circular) throw new Error(CIRCULAR);
      throw new TypeError(ILLEGAL_VALUE + verdict.key);
    }
  }
}

/** A copy as it crosses the wire: undefined in arrays becomes null, undefined properties vanish. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : copy(v)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = copy(v);
    return out;
  }
  return value;
}

/** The arguments the server function receives (after checkScriptRunArgs passed). */
export function serializeScriptRunArgs(args: readonly unknown[]): unknown[] {
  checkScriptRunArgs(args);
  if (args.length === 1 && isForm(args[0])) return [args[0]];
  return args.map((a) => copy(a));
}

/** What the success handler receives for a server function's return value. */
export function serializeScriptRunResult(value: unknown): unknown {
  if (value === undefined) return undefined;
  return inspect(value, '', new Set()).ok ? copy(value) : null;
}
