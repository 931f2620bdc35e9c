// HtmlService: HTML outputs, templates with scriptlets, and HTML files from the build folder.
//
// Pinned behaviours (sources):
// - Scriptlets <? ?>, <?= ?> (printed with contextual escaping), <?!= ?> (printed raw); template
//   variables are properties set on the template object.
//   https://developers.google.com/apps-script/guides/html/templates
// - Contextual escaping tracks whether output lands in an HTML attribute, a client-side <script>, or
//   elsewhere (same page). In a <script>, a printed value becomes a JavaScript literal, which is why
//   the common idiom `JSON.parse(<?= JSON.stringify(data) ?>)` works.
// - A missing file throws "No HTML file named X was found." (message as reported by users, e.g.
//   "Exception: No HTML file named Index was found."; see README-services.md).
// - appendUntrusted escapes contextually; append does not.
//   https://developers.google.com/apps-script/reference/html/html-output
// Everything here needs no authorization, so it is callable in AuthMode.NONE (see README-services.md).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmulatorError, GasException, RT, instrument, type GasShape, type Runtime } from '../runtime.ts';

export const SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' } as const;
export const XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const;
export type SandboxModeName = keyof typeof SandboxMode;
export type XFrameOptionsModeName = keyof typeof XFrameOptionsMode;

// Not documented by Google; the values gas-fakes uses (tanaikech/gas-fakes src/services/html/htmloutput.js).
export const DEFAULT_DIALOG_WIDTH = 600;
export const DEFAULT_DIALOG_HEIGHT = 450;

const NO_AUTH = [
  'createHtmlOutput',
  'createHtmlOutputFromFile',
  'createTemplate',
  'createTemplateFromFile',
  'getContent',
  'setContent',
  'append',
  'appendUntrusted',
  'clear',
  'setTitle',
  'getTitle',
  'setWidth',
  'getWidth',
  'setHeight',
  'getHeight',
  'setSandboxMode',
  'setXFrameOptionsMode',
  'addMetaTag',
  'getMetaTags',
  'setFaviconUrl',
  'getFaviconUrl',
  'asTemplate',
  'evaluate',
  'getCode',
  'getCodeWithComments',
  'getRawContent',
  'getName',
];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A value as a JavaScript literal that is safe inside <script>…</script>. */
export function escapeJsLiteral(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) return 'undefined';
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

type HtmlState = 'text' | 'tagName' | 'tag' | 'attrStart' | 'attrDq' | 'attrSq' | 'attrUnq' | 'raw' | 'comment';
const RAW_TEXT_TAGS = new Set(['script', 'style', 'textarea', 'title']);

/**
 * Follows the HTML written so far, incrementally, to know where the next printed value lands. A
 * token cut at the end of the buffer (e.g. "</scr") is left for the next scan.
 */
export class HtmlContext {
  private out = '';
  private pos = 0;
  private state: HtmlState = 'text';
  private tagName = '';
  private closing = false;
  private rawTag = '';

  constructor(initial = '') {
    this.out = initial;
  }

  get content(): string {
    return this.out;
  }

  append(text: string): void {
    this.out += text;
  }

  /** Appends `value` escaped for the current position. */
  print(value: unknown): void {
    this.scan();
    if (this.state === 'raw' && this.rawTag === 'script') this.out += escapeJsLiteral(value);
    else this.out += escapeHtml(String(value));
  }

  private scan(): void {
    const s = this.out;
    let i = this.pos;
    while (i < s.length) {
      const c = s[i];
      switch (this.state) {
        case 'text':
          if (c !== '<') {
            i++;
            break;
          }
          if (i + 1 >= s.length) return this.stop(i);
          if (s[i + 1] === '!') {
            if (s.length - i < 4 && '<!--'.startsWith(s.slice(i))) return this.stop(i);
            if (s.startsWith('<!--', i)) {
              this.state = 'comment';
              i += 4;
            } else {
              this.enterTag('', false);
              i += 2;
            }
          } else if (s[i + 1] === '/' || /[A-Za-z]/.test(s[i + 1])) {
            const closing = s[i + 1] === '/';
            this.enterTag('', closing);
            this.state = 'tagName';
            i += closing ? 2 : 1;
          } else i++;
          break;
        case 'tagName':
          if (/[A-Za-z0-9-]/.test(c)) {
            this.tagName += c.toLowerCase();
            i++;
          } else this.state = 'tag';
          break;
        case 'tag':
          if (c === '>') {
            this.state = !this.closing && RAW_TEXT_TAGS.has(this.tagName) ? 'raw' : 'text';
            this.rawTag = this.state === 'raw' ? this.tagName : '';
          } else if (c === '=') this.state = 'attrStart';
          i++;
          break;
        case 'attrStart':
          if (c === '"') this.state = 'attrDq';
          else if (c === "'") this.state = 'attrSq';
          else if (c === '>') {
            this.state = 'tag';
            break;
          } else if (!/\s/.test(c)) {
            this.state = 'attrUnq';
            break;
          }
          i++;
          break;
        case 'attrDq':
        case 'attrSq':
          if (c === (this.state === 'attrDq' ? '"' : "'")) this.state = 'tag';
          i++;
          break;
        case 'attrUnq':
          if (/\s/.test(c) || c === '>') this.state = 'tag';
          else i++;
          break;
        case 'raw': {
          const end = `</${this.rawTag}`;
          if (c !== '<') {
            i++;
            break;
          }
          const ahead = s.slice(i, i + end.length).toLowerCase();
          if (ahead.length < end.length && end.startsWith(ahead)) return this.stop(i);
          if (ahead === end) {
            this.enterTag(this.rawTag, true);
            this.state = 'tag';
            i += end.length;
          } else i++;
          break;
        }
        case 'comment':
          if (c !== '-') {
            i++;
            break;
          }
          if (s.length - i < 3 && '-->'.startsWith(s.slice(i))) return this.stop(i);
          if (s.startsWith('-->', i)) {
            this.state = 'text';
            i += 3;
          } else i++;
          break;
      }
    }
    this.pos = i;
  }

  private stop(i: number): void {
    this.pos = i;
  }

  private enterTag(name: string, closing: boolean): void {
    this.state = 'tag';
    this.tagName = name;
    this.closing = closing;
  }
}

export class EmuHtmlOutputMetaTag implements GoogleAppsScript.HTML.HtmlOutputMetaTag {
  readonly [RT]: Runtime;
  constructor(
    rt: Runtime,
    private readonly name: string,
    private readonly content: string,
  ) {
    this[RT] = rt;
  }
  getName(): string {
    return this.name;
  }
  getContent(): string {
    return this.content;
  }
}

type OutputMembers = Exclude<keyof GoogleAppsScript.HTML.HtmlOutput, 'getAs' | 'getBlob' | 'setSandboxMode' | 'setXFrameOptionsMode'>;

// getAs/getBlob are not emulated; the sandbox and X-Frame modes are the emulator's string enums.
export class EmuHtmlOutput implements GasShape<GoogleAppsScript.HTML.HtmlOutput, OutputMembers> {
  readonly [RT]: Runtime;
  private content: string;
  private title = '';
  private width = DEFAULT_DIALOG_WIDTH;
  private height = DEFAULT_DIALOG_HEIGHT;
  private faviconUrl = '';
  private metaTags: EmuHtmlOutputMetaTag[] = [];
  sandboxMode: SandboxModeName = 'IFRAME';
  xFrameOptionsMode: XFrameOptionsModeName = 'DEFAULT';

  constructor(rt: Runtime, content = '') {
    this[RT] = rt;
    this.content = content;
  }

  getContent(): string {
    return this.content;
  }
  setContent(content: string): this {
    this.content = String(content);
    return this;
  }
  append(addedContent: string): this {
    this.content += String(addedContent);
    return this;
  }
  appendUntrusted(addedContent: string): this {
    const ctx = new HtmlContext(this.content);
    ctx.print(String(addedContent));
    this.content = ctx.content;
    return this;
  }
  clear(): this {
    this.content = '';
    return this;
  }
  setTitle(title: string): this {
    this.title = String(title);
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setWidth(width: number): this {
    this.width = width;
    return this;
  }
  getWidth(): number {
    return this.width;
  }
  setHeight(height: number): this {
    this.height = height;
    return this;
  }
  getHeight(): number {
    return this.height;
  }
  /** Has no effect in Apps Script any more: only IFRAME exists (reference page for SandboxMode). */
  setSandboxMode(mode: SandboxModeName): this {
    this.sandboxMode = mode;
    return this;
  }
  setXFrameOptionsMode(mode: XFrameOptionsModeName): this {
    this.xFrameOptionsMode = mode;
    return this;
  }
  addMetaTag(name: string, content: string): this {
    this.metaTags.push(new EmuHtmlOutputMetaTag(this[RT], name, content));
    return this;
  }
  getMetaTags(): EmuHtmlOutputMetaTag[] {
    return [...this.metaTags];
  }
  setFaviconUrl(iconUrl: string): this {
    this.faviconUrl = iconUrl;
    return this;
  }
  getFaviconUrl(): string {
    return this.faviconUrl;
  }
  asTemplate(): EmuHtmlTemplate {
    return new EmuHtmlTemplate(this[RT], this.content);
  }
}

type Segment = { kind: 'text' | 'code' | 'print' | 'raw'; text: string };

function parseScriptlets(source: string): Segment[] {
  const segments: Segment[] = [];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('<?', i);
    if (open < 0) {
      segments.push({ kind: 'text', text: source.slice(i) });
      break;
    }
    if (open > i) segments.push({ kind: 'text', text: source.slice(i, open) });
    const close = source.indexOf('?>', open + 2);
    if (close < 0) throw new EmulatorError(`Unterminated scriptlet at character ${open} of the template (Google's wording for this error is not emulated).`);
    let body = source.slice(open + 2, close);
    let kind: Segment['kind'] = 'code';
    if (body.startsWith('!=')) {
      kind = 'raw';
      body = body.slice(2);
    } else if (body.startsWith('=')) {
      kind = 'print';
      body = body.slice(1);
    }
    // Printing scriptlets hold an expression; tolerate a trailing semicolon.
    if (kind !== 'code') body = body.trim().replace(/;+$/, '');
    segments.push({ kind, text: body });
    i = close + 2;
  }
  return segments;
}

function compile(source: string, withComments: boolean): string {
  return parseScriptlets(source)
    .map((s) => {
      const comment = withComments && s.kind !== 'text' ? `/* <?${s.kind === 'print' ? '=' : s.kind === 'raw' ? '!=' : ''}${s.text}?> */ ` : '';
      switch (s.kind) {
        case 'text':
          return `__output__._text(${JSON.stringify(s.text)});`;
        case 'print':
          return `${comment}__output__._print((${s.text}));`;
        case 'raw':
          return `${comment}__output__._raw((${s.text}));`;
        default:
          return `${comment}${s.text}`;
      }
    })
    .join('\n');
}

/** The `output` object the compiled template writes to (not a service: never counted). */
class TemplateOutput {
  readonly ctx = new HtmlContext();
  _text(text: string): void {
    this.ctx.append(text);
  }
  _print(value: unknown): void {
    this.ctx.print(value);
  }
  _raw(value: unknown): void {
    this.ctx.append(String(value));
  }
}

const templateSources = new WeakMap<EmuHtmlTemplate, string>();
const templateScopes = new WeakMap<EmuHtmlTemplate, (() => object) | undefined>();

/**
 * Template variables are the template's own enumerable properties (`t.contacts = [...]`), looked up
 * before the script's globals (given by `scope`, e.g. the emulator's global object).
 */
export class EmuHtmlTemplate implements GasShape<GoogleAppsScript.HTML.HtmlTemplate, 'evaluate' | 'getCode' | 'getCodeWithComments' | 'getRawContent'> {
  declare readonly [RT]: Runtime;
  [variable: string]: unknown;

  constructor(rt: Runtime, source: string, scope?: () => object) {
    Object.defineProperty(this, RT, { value: rt, enumerable: false });
    templateSources.set(this, source);
    templateScopes.set(this, scope);
  }

  evaluate(): EmuHtmlOutput {
    const output = new TemplateOutput();
    const scope = Object.assign(Object.create(templateScopes.get(this)?.() ?? null) as object, { ...this });
    // Sloppy-mode function so that `with` can expose template variables and globals by name.
    const run = new Function('__output__', '__scope', `with (__scope) {\n${this.getCode()}\n}`) as (o: TemplateOutput, s: object) => void;
    // Scriptlets are script code: their own service calls are round trips too.
    this[RT].asScriptCode(() => run(output, scope));
    return new EmuHtmlOutput(this[RT], output.ctx.content);
  }
  getCode(): string {
    return compile(templateSources.get(this)!, false);
  }
  getCodeWithComments(): string {
    return compile(templateSources.get(this)!, true);
  }
  getRawContent(): string {
    return templateSources.get(this)!;
  }
}

interface BlobLike {
  getDataAsString(): string;
}

export class EmuHtmlService implements GasShape<
  GoogleAppsScript.HTML.HtmlService,
  'createHtmlOutput' | 'createHtmlOutputFromFile' | 'createTemplate' | 'createTemplateFromFile'
> {
  readonly [RT]: Runtime;
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  /**
   * @param dir folder holding the pages, as built for clasp (build/<name>.html)
   * @param scope globals visible to template scriptlets (e.g. the emulator's global object)
   */
  constructor(
    rt: Runtime,
    private readonly dir: string,
    private readonly scope?: () => object,
  ) {
    this[RT] = rt;
  }

  createHtmlOutput(html: string | BlobLike = ''): EmuHtmlOutput {
    return new EmuHtmlOutput(this[RT], typeof html === 'string' ? html : html.getDataAsString());
  }
  createHtmlOutputFromFile(filename: string): EmuHtmlOutput {
    return new EmuHtmlOutput(this[RT], this._readFile(filename));
  }
  createTemplate(html: string | BlobLike): EmuHtmlTemplate {
    return new EmuHtmlTemplate(this[RT], typeof html === 'string' ? html : html.getDataAsString(), this.scope);
  }
  createTemplateFromFile(filename: string): EmuHtmlTemplate {
    return new EmuHtmlTemplate(this[RT], this._readFile(filename), this.scope);
  }

  /** Apps Script accepts the file name with or without ".html". */
  _readFile(filename: string): string {
    if (typeof filename !== 'string') throw new EmulatorError(`createHtmlOutputFromFile needs a file name, got ${typeof filename}.`);
    const base = filename.replace(/\.html$/i, '');
    const root = path.resolve(this.dir);
    const file = path.resolve(root, `${base}.html`);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file)) {
      throw new GasException(`No HTML file named ${filename} was found.`);
    }
    return fs.readFileSync(file, 'utf8');
  }
}

instrument(EmuHtmlService, 'HtmlService', NO_AUTH);
instrument(EmuHtmlOutput, 'HtmlOutput', NO_AUTH);
instrument(EmuHtmlOutputMetaTag, 'HtmlOutputMetaTag', NO_AUTH);
instrument(EmuHtmlTemplate, 'HtmlTemplate', NO_AUTH);
