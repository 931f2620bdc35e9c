// The Your details panel: your name, links and word limit, which fill the preview as you type
// and are saved for every message.
import { DEFAULT_SETTINGS, USER_FIELDS, WORD_LIMIT_MAX, WORD_LIMIT_MIN, type PitchSettings } from '../../../core/pitch/settings.ts';
import { callServer } from '../../lib/server.ts';
import { el } from '../../lib/dom.ts';
import { charCount } from '../../lib/char-count.ts';
import { $, busy, counts, notes, render, state } from './page.ts';

const detailInputs = new Map<string, HTMLInputElement>();

function buildDetails(): void {
  for (const f of USER_FIELDS) {
    const id = `me-${f.key}`;
    const label = el('label', `${f.label} — {{${f.merge}}}`);
    label.htmlFor = id;
    const input = el('input');
    input.type = 'text';
    input.id = id;
    input.placeholder = `e.g. ${f.example}`;
    input.addEventListener('input', () => {
      state.settings = { ...state.settings, [f.key]: input.value.trim() };
      state.detailsDirty = true;
      render();
    });
    detailInputs.set(f.key, input);
    $.detailsFields.append(label, input);
    counts.push(charCount(input, () => f.max));
  }
  $.wordLimit.addEventListener('input', () => {
    const n = Number($.wordLimit.value);
    state.detailsDirty = true;
    if (Number.isInteger(n) && n >= WORD_LIMIT_MIN && n <= WORD_LIMIT_MAX) {
      state.settings = { ...state.settings, wordLimit: n };
      render();
    }
  });
}

export function fillDetails(): void {
  for (const f of USER_FIELDS) detailInputs.get(f.key)!.value = state.settings[f.key];
  $.wordLimit.value = String(state.settings.wordLimit);
  for (const count of counts) count.update();
}

function detailsFromForm(): PitchSettings {
  const s = { ...DEFAULT_SETTINGS };
  for (const f of USER_FIELDS) s[f.key] = detailInputs.get(f.key)!.value;
  return { ...s, wordLimit: Number($.wordLimit.value) };
}

/** Builds the fields, fills them from the state, and wires saving. */
export function initDetails(): void {
  buildDetails();
  fillDetails();
  $.detailsForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy($.saveDetails, 'Saving your details…', 'Could not save your details', () => callServer('saveUserSettings', detailsFromForm())).then((r) => {
      if (!r) return;
      if (!r.ok) return notes.error(r.message);
      state.settings = r.settings;
      state.detailsDirty = false;
      fillDetails();
      render();
      notes.say('Saved your details.', 'ok');
    });
  });
}
