// Pins what google.script.run lets through.
// https://developers.google.com/apps-script/guides/html/reference/run#myFunction(...)
// https://developers.google.com/apps-script/guides/html/communication ("Parameters and return values")
import { describe, expect, it } from 'vitest';
import { checkScriptRunArgs, serializeScriptRunArgs, serializeScriptRunResult } from '../../local/emulator/services/scriptrun.ts';

class Contact {
  constructor(readonly name: string) {}
}

describe('parameters', () => {
  it('primitives, null, plain objects and arrays are legal', () => {
    expect(() => checkScriptRunArgs(['a', 1, true, null, { x: [1, { y: 'z' }] }, []])).not.toThrow();
  });

  // "Requests fail if you attempt to pass a Date, Function, DOM element besides a form, or other
  // prohibited type, including prohibited types inside objects or arrays." The browser reports
  // "TypeError: Failed due to illegal value in property: <key>".
  it('a Date fails, naming the argument index or the nested property', () => {
    expect(() => checkScriptRunArgs([new Date()])).toThrow(new TypeError('Failed due to illegal value in property: 0'));
    expect(() => checkScriptRunArgs(['ok', { met: new Date() }])).toThrow('Failed due to illegal value in property: met');
    expect(() => checkScriptRunArgs([[1, 2, new Date()]])).toThrow('Failed due to illegal value in property: 2');
  });

  it('functions and class instances fail', () => {
    expect(() => checkScriptRunArgs([() => 1])).toThrow('Failed due to illegal value in property: 0');
    expect(() => checkScriptRunArgs([{ c: new Contact('Ada') }])).toThrow('Failed due to illegal value in property: c');
    expect(() => checkScriptRunArgs([new Map()])).toThrow(TypeError);
  });

  it('circular references fail', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => checkScriptRunArgs([a])).toThrow('Failed due to circular reference.');
  });

  it('the same object twice (not a cycle) is fine', () => {
    const shared = { k: 1 };
    expect(() => checkScriptRunArgs([{ a: shared, b: shared }])).not.toThrow();
  });

  // "undefined fields within arrays become null"; the server gets a copy.
  it('undefined inside arrays becomes null and the server gets a copy', () => {
    const arg = { list: [1, undefined, 3], gone: undefined };
    const [received] = serializeScriptRunArgs([arg]) as [typeof arg];
    expect(received).toEqual({ list: [1, null, 3] });
    expect('gone' in received).toBe(false);
    expect(received).not.toBe(arg);
  });
});

describe('return values', () => {
  // A return value holding a Date anywhere reaches the success handler as null (the whole value).
  it('a Date anywhere turns the whole result into null', () => {
    expect(serializeScriptRunResult(new Date())).toBeNull();
    expect(serializeScriptRunResult({ rows: [['Ada', new Date('2024-01-01')]], count: 1 })).toBeNull();
  });

  it('ISO strings pass through as a copy', () => {
    const value = { rows: [['Ada', '2024-01-01']], count: 1 };
    const got = serializeScriptRunResult(value);
    expect(got).toEqual(value);
    expect(got).not.toBe(value);
  });

  it('undefined in arrays becomes null; primitives are unchanged', () => {
    expect(serializeScriptRunResult([1, undefined])).toEqual([1, null]);
    expect(serializeScriptRunResult('x')).toBe('x');
    expect(serializeScriptRunResult(null)).toBeNull();
  });
});
