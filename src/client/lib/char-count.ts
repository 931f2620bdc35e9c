// A count of the characters a field holds against its limit, shown in a line after the field.
// Fields have no maxlength: the browser would cut pasted text without a word, and what was left
// could still be refused (text starting with "=" fits one character less). Over the limit, the
// line says by how much and the field is marked invalid; the server refuses it in words.

import { MAX_CELL_CHARS, needsTextPrefix, thousands } from '../../core/base/text.ts';
import { el } from './dom.ts';

export interface CharCount {
  /** Counts again, after the page set the field's value itself (no input event then). */
  update(): void;
}

/** `limit` gives the limit for the text the field holds (trimmed, as it is sent). */
export function charCount(field: HTMLInputElement | HTMLTextAreaElement, limit: (text: string) => number): CharCount {
  const line = el('p', '', 'char-count secondary');
  line.id = `${field.id}-count`;
  field.insertAdjacentElement('afterend', line);
  field.setAttribute('aria-describedby', [field.getAttribute('aria-describedby'), line.id].filter(Boolean).join(' '));
  const update = () => {
    const text = field.value.trim();
    const max = limit(text);
    const over = text.length - max;
    line.textContent = `${thousands(text.length)} / ${thousands(max)} characters${over > 0 ? `: ${thousands(over)} too many` : ''}`;
    line.classList.toggle('over', over > 0);
    if (over > 0) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
  };
  field.addEventListener('input', update);
  update();
  return { update };
}

/** The limit of text that becomes one cell: one character less when it is stored with an apostrophe. */
export function cellLimit(text: string): number {
  return needsTextPrefix(text) ? MAX_CELL_CHARS - 1 : MAX_CELL_CHARS;
}
