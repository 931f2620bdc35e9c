// The workbench page and the google.script shim, bundled with esbuild when the server starts
// (a fraction of a second), and the injection of the shim into the add-on's own page HTML.

import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export interface Assets {
  html: string;
  js: string;
  css: string;
  shim: string;
}

async function bundle(entry: string): Promise<{ js: string; css: string }> {
  const result = await esbuild.build({
    entryPoints: [here(entry)],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    outdir: here('./.out'),
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const find = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: find('.js'), css: find('.css') };
}

export async function buildAssets(): Promise<Assets> {
  const [page, shim] = await Promise.all([bundle('./page/main.ts'), bundle('./shim/google-script.ts')]);
  return { html: readFileSync(here('./page/index.html'), 'utf8'), js: page.js, css: page.css, shim: shim.js };
}

/** What the shim needs to know about the panel it runs in. */
export interface PanelConfig {
  id: string;
  functions: string[];
  origin: string;
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The add-on's page with `google.script` defined before any of its own scripts run: the shim goes
 * right after <head> (or <html>, or at the very start).
 */
export function withShim(html: string, shim: string, config: PanelConfig): string {
  const script = `<script>window.__workbenchPanel=${scriptJson(config)};\n${shim.replace(/<\/(script)/gi, '<\\/$1')}</script>`;
  for (const tag of [/<head(\s[^>]*)?>/i, /<html(\s[^>]*)?>/i]) {
    const m = tag.exec(html);
    if (m) return html.slice(0, m.index + m[0].length) + script + html.slice(m.index + m[0].length);
  }
  return script + html;
}
