// Each layer is type-checked with only its platform's types (tsconfig.core/server/client.json):
// a probe using Apps Script and the DOM is checked under each layer's config, and the compiler
// must refuse exactly what that layer may not use.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers.ts';

const PROBE = `
export const sheet = SpreadsheetApp.getActiveSheet();
export const title = document.title;
export const file = process.cwd();
`;

/** The global names the compiler could not find when the probe is checked under `layer`'s config. */
function missingNames(layer: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), `layer-${layer}-`));
  writeFileSync(join(dir, 'probe.ts'), PROBE);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: join(ROOT, `tsconfig.${layer}.json`),
      include: ['probe.ts'],
      compilerOptions: { typeRoots: [join(ROOT, 'node_modules/@types')] },
    }),
  );
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    return [];
  } catch (e) {
    const out = (e as { stdout: string }).stdout;
    return [...out.matchAll(/Cannot find name '(\w+)'/g)].map((m) => m[1]).sort();
  }
}

describe('the compiler keeps the layers apart', () => {
  it('core sees no Apps Script, no DOM and no Node', () => {
    expect(missingNames('core')).toEqual(['SpreadsheetApp', 'document', 'process']);
  });
  it('server code sees Apps Script, but no DOM and no Node', () => {
    expect(missingNames('server')).toEqual(['document', 'process']);
  });
  it('pages see the DOM, but no Apps Script and no Node', () => {
    expect(missingNames('client')).toEqual(['SpreadsheetApp', 'process']);
  });
});
