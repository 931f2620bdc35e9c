// The question bank: one fieldset per group, a checkbox per question.

import { QUESTION_BANK } from '../../../core/pitch/questions.ts';
import { el } from '../../lib/dom.ts';

/** Builds the checkboxes into `host` and returns a reader of the questions picked, in bank order. */
export function buildQuestions(host: HTMLElement): () => string[] {
  const boxes: { box: HTMLInputElement; text: string }[] = [];
  QUESTION_BANK.forEach((group) => {
    const fieldset = el('fieldset');
    fieldset.appendChild(el('legend', group.title));
    group.questions.forEach((q, i) => {
      const id = `q-${group.id}-${i}`;
      const row = el('div', undefined, 'question');
      const box = el('input');
      box.type = 'checkbox';
      box.id = id;
      const label = el('label', q);
      label.htmlFor = id;
      row.append(box, label);
      fieldset.appendChild(row);
      boxes.push({ box, text: q });
    });
    host.appendChild(fieldset);
  });
  return () => boxes.filter((b) => b.box.checked).map((b) => b.text);
}
