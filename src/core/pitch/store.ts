// The user's own templates: checking them, keeping names unique, export/import text, and
// laying them out in user properties. Google allows 9 KB per property value and 500 KB per
// store, so the list is kept as one JSON text cut into chunks well below 9 KB (measured in
// UTF-8 bytes and never inside a character), plus a small index saying how many chunks count.

import { isPurpose, type MessageTemplate, type TemplatePurpose } from './templates.ts';
import { thousands, utf8Bytes } from '../base/text.ts';

export interface UserTemplate extends MessageTemplate {
  /** ISO timestamp of the last save. */
  updated: string;
}

/** What the page sends to save a template; an `id` of an existing template updates it. */
export interface TemplateInput {
  id?: string;
  name: string;
  purpose: TemplatePurpose;
  subject: string;
  body: string;
}

export const INDEX_KEY = 'iit.templates';
export const CHUNK_PREFIX = 'iit.templates.';
/** Google's limit is 9 KB (9,216 bytes) per value; chunks stop well short of it. */
export const CHUNK_BYTES = 8 * 1024;
export const STORE_BYTES = 500 * 1024;
/** Room kept free in the store for the user's settings and anything else the add-on keeps. */
const RESERVED_BYTES = 8 * 1024;

export const LIMITS = { name: 80, subject: 300, body: 20_000, templates: 200, importChars: 2_000_000 } as const;

/** Cuts `text` into pieces of at most `maxBytes` UTF-8 bytes each, whole characters only. */
export function splitUtf8(text: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new RangeError('maxBytes must leave room for a 4-byte character');
  const chunks: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length;) {
    const pair = i + 1 < text.length && (text.charCodeAt(i) & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const width = pair ? 2 : 1;
    const size = utf8Bytes(text.slice(i, i + width));
    if (bytes + size > maxBytes) {
      chunks.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
    i += width;
  }
  if (start < text.length || chunks.length === 0) chunks.push(text.slice(start));
  return chunks;
}

interface StoreIndex {
  v: 1;
  chunks: number;
}

/** The properties that hold `templates`: the index and chunks 0..n-1. An empty list is just the index. */
export function encodeTemplates(templates: readonly UserTemplate[], chunkBytes = CHUNK_BYTES): Record<string, string> {
  const out: Record<string, string> = {};
  const chunks = templates.length ? splitUtf8(JSON.stringify(templates), chunkBytes) : [];
  chunks.forEach((c, i) => (out[`${CHUNK_PREFIX}${i}`] = c));
  out[INDEX_KEY] = JSON.stringify({ v: 1, chunks: chunks.length } satisfies StoreIndex);
  return out;
}

export interface DecodedTemplates {
  templates: UserTemplate[];
  /** The stored text could not be read (a chunk missing or edited): the list is empty. */
  damaged: boolean;
}

function asUserTemplate(raw: unknown): UserTemplate | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const strings = ['id', 'name', 'subject', 'body', 'updated'].every((k) => typeof r[k] === 'string');
  return strings && isPurpose(r.purpose) ? (r as unknown as UserTemplate) : null;
}

export function decodeTemplates(get: (key: string) => string | null | undefined): DecodedTemplates {
  const indexText = get(INDEX_KEY);
  if (!indexText) return { templates: [], damaged: false };
  try {
    const index = JSON.parse(indexText) as StoreIndex;
    if (!Number.isInteger(index.chunks) || index.chunks < 0) return { templates: [], damaged: true };
    if (index.chunks === 0) return { templates: [], damaged: false };
    let text = '';
    for (let i = 0; i < index.chunks; i++) {
      const chunk = get(`${CHUNK_PREFIX}${i}`);
      if (typeof chunk !== 'string') return { templates: [], damaged: true };
      text += chunk;
    }
    const list = JSON.parse(text) as unknown;
    if (!Array.isArray(list)) return { templates: [], damaged: true };
    const templates = list.map(asUserTemplate);
    return templates.every(Boolean) ? { templates: templates as UserTemplate[], damaged: false } : { templates: [], damaged: true };
  } catch {
    return { templates: [], damaged: true };
  }
}

const isTemplateKey = (key: string) => key === INDEX_KEY || (key.startsWith(CHUNK_PREFIX) && /^\d+$/.test(key.slice(CHUNK_PREFIX.length)));

function storeBytes(props: Readonly<Record<string, string>>): number {
  let n = 0;
  for (const [k, v] of Object.entries(props)) n += utf8Bytes(k) + utf8Bytes(v);
  return n;
}

export interface SavePlan {
  /** Properties to set in one call (all or nothing). */
  set: Record<string, string>;
  /** Chunks of a longer earlier list, to delete afterwards; the index no longer counts them. */
  remove: string[];
  /** Size of the whole store after the save. */
  bytes: number;
  /** The most the store may hold with the room kept free for settings. */
  limit: number;
  fits: boolean;
}

/** How to replace the stored list by `templates`, given the whole user store now. */
export function planSave(current: Readonly<Record<string, string>>, templates: readonly UserTemplate[]): SavePlan {
  const set = encodeTemplates(templates);
  const remove = Object.keys(current).filter((k) => isTemplateKey(k) && !(k in set));
  const after: Record<string, string> = {};
  for (const [k, v] of Object.entries(current)) if (!isTemplateKey(k)) after[k] = v;
  Object.assign(after, set);
  const bytes = storeBytes(after);
  const limit = STORE_BYTES - RESERVED_BYTES;
  return { set, remove, bytes, limit, fits: bytes <= limit };
}

const kb = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;

/** What to tell the user when a save does not fit. */
export function storeFullMessage(plan: SavePlan): string {
  return `Your templates would need ${kb(plan.bytes)}, and Google keeps at most ${kb(plan.limit)} of templates per user for an add-on. Nothing was saved. Delete or shorten some templates (export them first to keep a copy) and try again.`;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Checks a template sent by the page (untrusted JSON). */
export function checkTemplateInput(raw: unknown): Checked<TemplateInput> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, message: 'No template was sent.' };
  const r = raw as Record<string, unknown>;
  for (const k of ['name', 'subject', 'body'] as const)
    if (r[k] !== undefined && typeof r[k] !== 'string') return { ok: false, message: `The template's ${k} must be text.` };
  const name = String(r.name ?? '')
    .trim()
    .replace(/\s+/g, ' ');
  const subject = String(r.subject ?? '')
    .trim()
    .replace(/\s+/g, ' ');
  const body = String(r.body ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/\s+$/, '');
  if (!name) return { ok: false, message: 'Give the template a name.' };
  if (name.length > LIMITS.name) return { ok: false, message: `The name is ${name.length} characters long; keep it to at most ${LIMITS.name}.` };
  if (/^built-?in\b/i.test(name))
    return { ok: false, message: 'Names starting with "Built-in" are kept for the add-on\'s own templates. Choose another name.' };
  if (subject.length > LIMITS.subject) return { ok: false, message: `The subject is ${subject.length} characters long; keep it to at most ${LIMITS.subject}.` };
  if (!body.trim()) return { ok: false, message: 'The message is empty. Write the message you want to keep.' };
  if (body.length > LIMITS.body)
    return { ok: false, message: `The message is ${thousands(body.length)} characters long; keep it to at most ${thousands(LIMITS.body)}.` };
  const purpose = r.purpose === undefined ? 'pitch' : r.purpose;
  if (!isPurpose(purpose))
    return { ok: false, message: 'Choose what the template is for (first pitch, follow-up, ask for a referral, thank-you, keep-in-touch update).' };
  const id = typeof r.id === 'string' && r.id ? r.id : undefined;
  return { ok: true, value: { id, name, purpose, subject, body } };
}

const sameName = (a: string, b: string) => a.toLocaleLowerCase('en') === b.toLocaleLowerCase('en');

export interface Upserted {
  templates: UserTemplate[];
  saved: UserTemplate;
  /** An existing template (same ID, or same name when importing) was replaced. */
  replaced: boolean;
}

/**
 * What a template with the name of another one does: `replace` it (importing an export file), or
 * `refuse`, so that saving or renaming in the sidebar never silently loses another template.
 */
export type NameClash = 'replace' | 'refuse';

/**
 * Adds or updates one template. The input's ID updates that template (a rename included); without
 * an ID, or with the ID of a template deleted meanwhile, the template is new. Names are unique,
 * ignoring case: another template of the same name is replaced or refused, as `onClash` says.
 */
export function upsertTemplate(
  list: readonly UserTemplate[],
  input: TemplateInput,
  now: string,
  newId: () => string,
  onClash: NameClash = 'refuse',
): Checked<Upserted> {
  const byId = input.id ? list.find((t) => t.id === input.id) : undefined;
  const clash = list.find((t) => t !== byId && sameName(t.name, input.name));
  if (clash && (byId || onClash === 'refuse')) {
    return { ok: false, message: `You already have a template named “${clash.name}”. Choose another name, or pick “${clash.name}” in the list to change it.` };
  }
  const target = byId ?? clash;
  if (!target && list.length >= LIMITS.templates)
    return { ok: false, message: `You already have ${LIMITS.templates} templates. Delete some before adding more.` };
  const saved: UserTemplate = { id: target?.id ?? newId(), name: input.name, purpose: input.purpose, subject: input.subject, body: input.body, updated: now };
  const templates = list.map((t) => (t === target ? saved : t));
  if (!target) templates.push(saved);
  return { ok: true, value: { templates, saved, replaced: Boolean(target) } };
}

const EXPORT_FORMAT = 'informational-interview-tracker/templates';

/** The text of an export file: readable JSON that importTemplates reads back. */
export function exportText(list: readonly UserTemplate[]): string {
  const templates = list.map(({ name, purpose, subject, body }) => ({ name, purpose, subject, body }));
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: 1, templates }, null, 2)}\n`;
}

export interface ParsedImport {
  templates: TemplateInput[];
  /** Entries left out, and why. */
  problems: string[];
}

/** Reads an export file (or a bare JSON list of templates). */
export function parseImport(text: unknown): Checked<ParsedImport> {
  if (typeof text !== 'string' || !text.trim()) return { ok: false, message: 'Choose an exported templates file, or paste its text.' };
  if (text.length > LIMITS.importChars) return { ok: false, message: 'That file is too big to be a templates export.' };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, message: 'That is not a templates export: it is not JSON text. Use a file made by Export templates.' };
  }
  const list = Array.isArray(data) ? data : (data as { templates?: unknown } | null)?.templates;
  if (!Array.isArray(list)) return { ok: false, message: 'That is not a templates export: it has no list of templates.' };
  const templates: TemplateInput[] = [];
  const problems: string[] = [];
  list.forEach((raw, i) => {
    const checked = checkTemplateInput(raw && typeof raw === 'object' ? { ...(raw as object), id: undefined } : raw);
    if (!checked.ok) problems.push(`Template ${i + 1}: ${checked.message}`);
    else if (templates.some((t) => sameName(t.name, checked.value.name)))
      problems.push(`Template ${i + 1}: another template in the file is also named “${checked.value.name}”.`);
    else templates.push(checked.value);
  });
  return { ok: true, value: { templates, problems } };
}

/** Adds imported templates; one with the name of an existing template replaces it. */
export function mergeImport(
  list: readonly UserTemplate[],
  incoming: readonly TemplateInput[],
  now: string,
  newId: () => string,
): Checked<{ templates: UserTemplate[]; added: number; replaced: number }> {
  let templates = [...list];
  let added = 0;
  let replaced = 0;
  for (const t of incoming) {
    const result = upsertTemplate(templates, { ...t, id: undefined }, now, newId, 'replace');
    if (!result.ok) return result;
    templates = result.value.templates;
    if (result.value.replaced) replaced++;
    else added++;
  }
  return { ok: true, value: { templates, added, replaced } };
}
