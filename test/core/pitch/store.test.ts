import { describe, expect, it } from 'vitest';
import {
  CHUNK_BYTES,
  CHUNK_PREFIX,
  checkTemplateInput,
  decodeTemplates,
  encodeTemplates,
  exportText,
  INDEX_KEY,
  LIMITS,
  mergeImport,
  parseImport,
  planSave,
  splitUtf8,
  STORE_BYTES,
  storeFullMessage,
  upsertTemplate,
  type UserTemplate,
} from '../../../src/core/pitch/store.ts';
import { utf8Bytes } from '../../../src/core/base/text.ts';

const tpl = (name: string, body = 'Hello {{First Name}}?', id = `user:${name}`): UserTemplate => ({
  id,
  name,
  purpose: 'pitch',
  subject: `About ${name}`,
  body,
  updated: '2026-01-01T00:00:00.000Z',
});
let n = 0;
const ids = () => `user:${++n}`;

describe('UTF-8 sizes and chunks', () => {
  it('counts bytes like an encoder does', () => {
    for (const s of ['', 'abc', 'é', '€', '😀', 'a😀é€', '李小龙', '\ud800x']) expect(utf8Bytes(s)).toBe(Buffer.byteLength(s, 'utf8'));
  });

  it('cuts at the byte limit without splitting a character, and joins back exactly', () => {
    const text = 'ab€😀'.repeat(1000) + 'é';
    for (const max of [4, 5, 7, 9216, CHUNK_BYTES]) {
      const chunks = splitUtf8(text, max);
      expect(chunks.join('')).toBe(text);
      for (const c of chunks) {
        expect(Buffer.byteLength(c, 'utf8')).toBeLessThanOrEqual(max);
        expect(c).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/); // no half of a surrogate pair at either end
      }
    }
  });

  it('puts exactly CHUNK_BYTES in one chunk and one byte more in two', () => {
    expect(splitUtf8('x'.repeat(CHUNK_BYTES), CHUNK_BYTES)).toHaveLength(1);
    expect(splitUtf8('x'.repeat(CHUNK_BYTES + 1), CHUNK_BYTES)).toHaveLength(2);
    // A 3-byte character that would straddle the boundary moves to the next chunk whole.
    const chunks = splitUtf8(`${'x'.repeat(CHUNK_BYTES - 1)}€`, CHUNK_BYTES);
    expect(chunks.map((c) => Buffer.byteLength(c))).toEqual([CHUNK_BYTES - 1, 3]);
  });

  it("keeps every stored value under Google's 9 KB per value", () => {
    const big = [tpl('a', '😀é'.repeat(9000)), tpl('b', 'x'.repeat(19_000))];
    const props = encodeTemplates(big);
    for (const v of Object.values(props)) expect(Buffer.byteLength(v, 'utf8')).toBeLessThan(9 * 1024);
    expect(Object.keys(props).filter((k) => k.startsWith(CHUNK_PREFIX)).length).toBeGreaterThan(5);
    expect(decodeTemplates((k) => props[k])).toEqual({ templates: big, damaged: false });
  });
});

describe('template store layout', () => {
  it('reads back nothing from an empty store, and an empty list as just the index', () => {
    expect(decodeTemplates(() => null)).toEqual({ templates: [], damaged: false });
    expect(encodeTemplates([])).toEqual({ [INDEX_KEY]: '{"v":1,"chunks":0}' });
  });

  it('marks a store with a missing or edited chunk as damaged instead of throwing', () => {
    const props = encodeTemplates([tpl('a', 'x'.repeat(20_000))]);
    expect(decodeTemplates((k) => (k === `${CHUNK_PREFIX}1` ? null : props[k])).damaged).toBe(true);
    expect(decodeTemplates((k) => (k === `${CHUNK_PREFIX}0` ? 'garbage' : props[k])).damaged).toBe(true);
    expect(decodeTemplates((k) => (k === INDEX_KEY ? '{' : props[k])).damaged).toBe(true);
  });

  it('plans a save that removes chunks of a longer list and keeps other properties', () => {
    const before = { ...encodeTemplates([tpl('a', 'x'.repeat(30_000))]), 'iit.pitch.settings': '{"myName":"Sam"}' };
    const plan = planSave(before, [tpl('b')]);
    expect(plan.set[INDEX_KEY]).toBe('{"v":1,"chunks":1}');
    expect(plan.remove.sort()).toEqual([`${CHUNK_PREFIX}1`, `${CHUNK_PREFIX}2`, `${CHUNK_PREFIX}3`]);
    expect(plan.remove).not.toContain('iit.pitch.settings');
    expect(plan.fits).toBe(true);
  });

  it('says the store is full before Google would refuse, counting keys and multi-byte text', () => {
    const many = Array.from({ length: 30 }, (_, i) => tpl(`t${i}`, '€'.repeat(6000))); // ~18 KB each
    const plan = planSave({}, many);
    expect(plan.bytes).toBeGreaterThan(STORE_BYTES - 8 * 1024);
    expect(plan.fits).toBe(false);
    expect(storeFullMessage(plan)).toMatch(/Nothing was saved\. Delete or shorten some templates/);
    expect(planSave({}, many.slice(0, 20)).fits).toBe(true);
  });
});

describe('template input, names and import', () => {
  it('checks what the page sends', () => {
    expect(checkTemplateInput({ name: ' My  pitch ', subject: 'Hi\nthere', body: 'Body\r\n' })).toEqual({
      ok: true,
      value: { id: undefined, name: 'My pitch', purpose: 'pitch', subject: 'Hi there', body: 'Body' },
    });
    const refused = [
      null,
      [],
      { name: '', body: 'x' },
      { name: 'x', body: ' ' },
      { name: 'x'.repeat(81), body: 'x' },
      { name: 'x', body: 'x', purpose: 'job' },
      { name: 'x', body: 42 },
      { name: 'Built-in copy', body: 'x' },
      { name: 'x', body: 'x'.repeat(LIMITS.body + 1) },
    ];
    for (const raw of refused) expect(checkTemplateInput(raw).ok).toBe(false);
  });

  it('takes each field at its limit and says the limit is the most a field may hold', () => {
    expect(checkTemplateInput({ name: 'x'.repeat(LIMITS.name), subject: 's'.repeat(LIMITS.subject), body: 'b'.repeat(LIMITS.body) }).ok).toBe(true);
    expect(checkTemplateInput({ name: 'x'.repeat(81), body: 'x' })).toEqual({ ok: false, message: 'The name is 81 characters long; keep it to at most 80.' });
    expect(checkTemplateInput({ name: 'x', subject: 's'.repeat(301), body: 'x' })).toEqual({
      ok: false,
      message: 'The subject is 301 characters long; keep it to at most 300.',
    });
    expect(checkTemplateInput({ name: 'x', body: 'x'.repeat(20_001) })).toEqual({
      ok: false,
      message: 'The message is 20,001 characters long; keep it to at most 20,000.',
    });
  });

  it('updates the template with the ID (renaming it too), adds one without, and never loses another of the same name', () => {
    const list = [tpl('Alpha'), tpl('Beta')];
    const renamed = upsertTemplate(list, { id: 'user:Alpha', name: 'Alpha 2', purpose: 'followUp', subject: 's', body: 'new' }, 'now', ids);
    if (!renamed.ok) throw new Error(renamed.message);
    expect(renamed.value.replaced).toBe(true);
    expect(renamed.value.templates.map((t) => [t.id, t.name, t.body])).toEqual([
      ['user:Alpha', 'Alpha 2', 'new'],
      ['user:Beta', 'Beta', 'Hello {{First Name}}?'],
    ]);
    const recased = upsertTemplate(list, { id: 'user:Alpha', name: 'ALPHA', purpose: 'pitch', subject: 's', body: 'b' }, 'now', ids);
    expect(recased.ok && recased.value.templates.map((t) => t.name)).toEqual(['ALPHA', 'Beta']);
    // Renaming onto another template's name, or a new template with a used name, is refused.
    const onto = upsertTemplate(list, { id: 'user:Alpha', name: 'beta', purpose: 'pitch', subject: 's', body: 'b' }, 'now', ids);
    expect(onto).toEqual({ ok: false, message: 'You already have a template named “Beta”. Choose another name, or pick “Beta” in the list to change it.' });
    expect(upsertTemplate(list, { name: 'ALPHA', purpose: 'pitch', subject: 's', body: 'b' }, 'now', ids).ok).toBe(false);
    // Importing replaces a template of the same name.
    const imported = upsertTemplate(list, { name: 'ALPHA', purpose: 'pitch', subject: 's', body: 'b' }, 'now', ids, 'replace');
    expect(imported.ok && imported.value.templates.map((t) => [t.id, t.name])).toEqual([
      ['user:Alpha', 'ALPHA'],
      ['user:Beta', 'Beta'],
    ]);
    // The ID of a template deleted meanwhile makes a new one.
    const gone = upsertTemplate(list, { id: 'user:gone', name: 'Gamma', purpose: 'pitch', subject: 's', body: 'b' }, 'now', () => 'user:new');
    expect(gone.ok && [gone.value.replaced, gone.value.saved.id, gone.value.templates.length]).toEqual([false, 'user:new', 3]);
  });

  it('refuses a new template past the maximum count', () => {
    const full = Array.from({ length: LIMITS.templates }, (_, i) => tpl(`t${i}`));
    expect(upsertTemplate(full, { name: 'one more', purpose: 'pitch', subject: '', body: 'b' }, 'now', ids).ok).toBe(false);
    expect(upsertTemplate(full, { id: 'user:t3', name: 't3', purpose: 'pitch', subject: '', body: 'b' }, 'now', ids).ok).toBe(true);
  });

  it('exports and imports back the same templates, with emoji and accents', () => {
    const list = [tpl('Café ☕', 'Bonjour {{First Name|toi}} 😀?'), tpl('Second')];
    const parsed = parseImport(exportText(list));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.value.problems).toEqual([]);
    const merged = mergeImport([tpl('Second', 'old')], parsed.value.templates, 'now', ids);
    if (!merged.ok) throw new Error(merged.message);
    expect(merged.value).toMatchObject({ added: 1, replaced: 1 });
    expect(merged.value.templates.map((t) => [t.name, t.body])).toEqual([
      ['Second', 'Hello {{First Name}}?'],
      ['Café ☕', 'Bonjour {{First Name|toi}} 😀?'],
    ]);
  });

  it('imports what it can and says what it left out', () => {
    const parsed = parseImport(
      JSON.stringify([
        { name: 'ok', body: 'b' },
        { name: '', body: 'b' },
        { name: 'OK', body: 'dup' },
      ]),
    );
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.value.templates.map((t) => t.name)).toEqual(['ok']);
    expect(parsed.value.problems).toEqual(['Template 2: Give the template a name.', 'Template 3: another template in the file is also named “OK”.']);
    for (const bad of ['', 'not json', '{"templates": 3}', '42']) expect(parseImport(bad).ok).toBe(false);
  });
});
