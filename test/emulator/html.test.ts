// Pins HtmlService behaviour: files, outputs and templates with contextual escaping.
// Template rules: https://developers.google.com/apps-script/guides/html/templates
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Runtime } from '../../local/emulator/runtime.ts';
import { EmuHtmlService, EmuHtmlTemplate, HtmlContext } from '../../local/emulator/services/html.ts';
import { EmuUtilities } from '../../local/emulator/services/utilities.ts';
import { EmuPropertiesService, PropertyStores } from '../../local/emulator/services/properties.ts';

function setup(files: Record<string, string> = {}, scope?: () => object) {
  const dir = mkdtempSync(join(tmpdir(), 'html-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const rt = new Runtime();
  return { rt, html: new EmuHtmlService(rt, dir, scope) };
}

const XSS = '<img src=x onerror=alert(1)>';

describe('files', () => {
  it('createHtmlOutputFromFile accepts the name with or without .html', () => {
    const { html } = setup({ 'Sidebar.html': '<b>side</b>' });
    expect(html.createHtmlOutputFromFile('Sidebar').getContent()).toBe('<b>side</b>');
    expect(html.createHtmlOutputFromFile('Sidebar.html').getContent()).toBe('<b>side</b>');
  });

  // Message reported by users, e.g. "Exception: No HTML file named Index was found."
  it("a missing file throws Google's message", () => {
    const { html } = setup();
    expect(() => html.createHtmlOutputFromFile('Index')).toThrow('No HTML file named Index was found.');
    expect(() => html.createTemplateFromFile('../secrets')).toThrow(/No HTML file named/);
  });
});

describe('HtmlOutput', () => {
  it('content, title and size setters chain', () => {
    const { html } = setup();
    const out = html.createHtmlOutput('<p>a</p>').append('<p>b</p>').setTitle('T').setWidth(400).setHeight(300);
    expect([out.getContent(), out.getTitle(), out.getWidth(), out.getHeight()]).toEqual(['<p>a</p><p>b</p>', 'T', 400, 300]);
    expect(out.setContent('x').getContent()).toBe('x');
    expect(out.clear().getContent()).toBe('');
  });

  // https://developers.google.com/apps-script/reference/html/html-output#appendUntrusted(String)
  it('appendUntrusted escapes, append does not', () => {
    const { html } = setup();
    const out = html.createHtmlOutput('<div>').appendUntrusted(XSS).append('</div>');
    expect(out.getContent()).toBe('<div>&lt;img src=x onerror=alert(1)&gt;</div>');
  });

  it('is usable in AuthMode.NONE (no authorization needed)', () => {
    const { rt, html } = setup();
    rt.authMode = 'NONE';
    expect(html.createHtmlOutput('x').setTitle('t').getTitle()).toBe('t');
  });
});

describe('templates', () => {
  it('<?= ?> escapes HTML, <?!= ?> prints raw', () => {
    const { html } = setup();
    const t = html.createTemplate('<p><?= name ?></p><div><?!= name ?></div>');
    t.name = XSS;
    expect(t.evaluate().getContent()).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p><div><img src=x onerror=alert(1)></div>');
  });

  it('escapes quotes and ampersands inside attributes', () => {
    const { html } = setup();
    const t = html.createTemplate('<input value="<?= v ?>" title=\'<?= v ?>\'>');
    t.v = `a"b'c&d`;
    expect(t.evaluate().getContent()).toBe('<input value="a&quot;b&#39;c&amp;d" title=\'a&quot;b&#39;c&amp;d\'>');
  });

  it('prints a JavaScript literal inside <script>, so JSON.parse(<?= JSON.stringify(x) ?>) works', () => {
    const { html } = setup();
    const t = html.createTemplate('<script>var data = JSON.parse(<?= JSON.stringify(rows) ?>); var n = <?= count ?>;</script><p><?= count ?></p>');
    t.rows = [{ name: '</script><script>alert(1)</script>' }];
    t.count = 2;
    const page = t.evaluate().getContent();
    expect(page).not.toContain('</script><script>alert(1)');
    const script = /<script>(.*)<\/script>/s.exec(page)![1];
    const sandbox: { data?: unknown; n?: unknown } = {};
    new Function('sandbox', `${script.replace(/var (\w+) =/g, 'sandbox.$1 =')}`)(sandbox);
    expect(sandbox.data).toEqual([{ name: '</script><script>alert(1)</script>' }]);
    expect(sandbox.n).toBe(2);
    expect(page.endsWith('<p>2</p>')).toBe(true);
  });

  it('loops may span scriptlets', () => {
    const { html } = setup();
    const t = html.createTemplate('<ul><? for (const c of contacts) { ?><li><?= c.name ?></li><? } ?></ul>');
    t.contacts = [{ name: 'Ada' }, { name: 'B&B <Ltd>' }];
    expect(t.evaluate().getContent()).toBe('<ul><li>Ada</li><li>B&amp;B &lt;Ltd&gt;</li></ul>');
  });

  it("scriptlets see the script's globals and can include other files", () => {
    const files = { 'Page.html': '<head><?!= include("Css") ?></head><?= greet() ?>', 'Css.html': '<style>p{}</style>' };
    // eslint-disable-next-line prefer-const -- assigned after the globals that read it are made
    let html!: EmuHtmlService;
    const globals = { include: (n: string) => html.createHtmlOutputFromFile(n).getContent(), greet: () => 'hi' };
    html = setup(files, () => globals).html;
    expect(html.createTemplateFromFile('Page').evaluate().getContent()).toBe('<head><style>p{}</style></head>hi');
  });

  it('service calls made by scriptlets are counted and checked like script code', () => {
    const rt = new Runtime();
    const Utilities = new EmuUtilities(rt);
    const PropertiesService = new EmuPropertiesService(rt, new PropertyStores());
    const html = new EmuHtmlService(rt, tmpdir(), () => ({ Utilities, PropertiesService }));
    const t = html.createTemplate('<?= Utilities.formatDate(new Date(0), "UTC", "yyyy") ?>');
    expect(t.evaluate().getContent()).toBe('1970');
    expect(rt.calls.get('Utilities.formatDate')).toBe(1);
    rt.authMode = 'NONE';
    expect(() => html.createTemplate('<?= PropertiesService.getUserProperties() ?>').evaluate()).toThrow(/permission/);
  });

  it('getRawContent returns the source; getCode returns runnable code', () => {
    const { html } = setup();
    const t = html.createTemplate('a<?= 1 + 1 ?>');
    expect(t.getRawContent()).toBe('a<?= 1 + 1 ?>');
    expect(t.getCode()).toContain('1 + 1');
    expect(t.evaluate().getContent()).toBe('a2');
  });

  it('template variables are only the properties set on it', () => {
    const { rt } = setup();
    const t = new EmuHtmlTemplate(rt, '<?= typeof evaluate ?>|<?= x ?>');
    t.x = 'set';
    expect(t.evaluate().getContent()).toBe('undefined|set');
  });
});

describe('HtmlContext', () => {
  it('switches from JavaScript to HTML escaping after </script>, even when written in pieces', () => {
    const ctx = new HtmlContext();
    ctx.append('<script>var a = ');
    ctx.print('<b>');
    ctx.append(';</scr');
    ctx.append('ipt><p>');
    ctx.print('<b>');
    expect(ctx.content).toBe('<script>var a = "\\u003cb\\u003e";</script><p>&lt;b&gt;');
  });

  it('a value that breaks up an end tag leaves the script open, as in a browser', () => {
    const ctx = new HtmlContext('<script>x</scr');
    ctx.print('y');
    ctx.append('ipt>');
    ctx.print('<');
    expect(ctx.content).toBe('<script>x</scr"y"ipt>"\\u003c"');
  });

  it('comments and style blocks are escaped as HTML', () => {
    const ctx = new HtmlContext('<!-- ');
    ctx.print('-->');
    ctx.append(' --><style>');
    ctx.print('</style>');
    expect(ctx.content).toBe('<!-- --&gt; --><style>&lt;/style&gt;');
  });
});
