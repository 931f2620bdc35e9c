// What pops up over the sheet: the script's alerts and prompts (modal, with Sheets' buttons),
// the workbench's own error messages, toasts in the lower right corner, and the script error bar.
// All text goes in with textContent.

import type { Answer, QuestionView, ToastView } from '../protocol.ts';
import { BUTTON_LABEL, BUTTONS_OF } from '../answers.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A modal box with a title bar and a close (×) button; returns its parts. */
export function modal(title: string, className: string, onClose: () => void): { overlay: HTMLElement; box: HTMLElement; body: HTMLElement } {
  const overlay = el('div', 'overlay');
  const box = el('div', `modal ${className}`);
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-modal', 'true');
  const bar = el('div', 'modal-title');
  const heading = el('h2', undefined, title);
  const id = `m${Math.random().toString(36).slice(2)}`;
  heading.id = id;
  box.setAttribute('aria-labelledby', id);
  const close = el('button', 'close', '×');
  close.type = 'button';
  close.setAttribute('aria-label', 'Close');
  close.addEventListener('click', onClose);
  bar.append(heading, close);
  const body = el('div', 'modal-body');
  box.append(bar, body);
  overlay.append(box);
  document.body.append(overlay);
  return { overlay, box, body };
}

/** Shows an alert or prompt and resolves with the user's answer. */
export function ask(question: QuestionView): Promise<Answer> {
  return new Promise((resolve) => {
    let input: HTMLInputElement | null = null;
    const done = (button: Answer['button']) => {
      overlay.remove();
      resolve(question.kind === 'prompt' ? { button, text: input?.value ?? '' } : { button });
    };
    // Sheets titles an untitled alert with nothing; the box still has its bar and × button.
    const { overlay, box, body } = modal(question.title, `question ${question.kind}`, () => done('CLOSE'));
    box.dataset.kind = question.kind;
    body.append(el('p', 'prompt', question.prompt));
    if (question.kind === 'prompt') {
      input = el('input', 'prompt-input');
      input.type = 'text';
      input.setAttribute('aria-label', question.prompt);
      body.append(input);
    }
    const buttons = el('div', 'buttons');
    for (const b of BUTTONS_OF[question.buttons]) {
      const button = el('button', b === 'OK' || b === 'YES' ? 'action' : undefined, BUTTON_LABEL[b]);
      button.type = 'button';
      button.dataset.button = b;
      button.addEventListener('click', () => done(b));
      buttons.append(button);
    }
    body.append(buttons);
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') done('CLOSE');
      if (e.key === 'Enter' && e.target === input) done(BUTTONS_OF[question.buttons][0]);
    });
    (input ?? (buttons.firstElementChild as HTMLElement)).focus();
  });
}

/** A message from the workbench itself (not the script), e.g. a rejected edit. */
export function notice(title: string, message: string): Promise<void> {
  return new Promise((resolve) => {
    const close = () => {
      overlay.remove();
      resolve();
    };
    const { overlay, box, body } = modal(title, 'notice', close);
    box.setAttribute('role', 'alertdialog');
    body.append(el('p', 'prompt', message));
    const ok = el('button', 'action', 'OK');
    ok.type = 'button';
    ok.addEventListener('click', close);
    const buttons = el('div', 'buttons');
    buttons.append(ok);
    body.append(buttons);
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' || e.key === 'Enter') close();
    });
    ok.focus();
  });
}

/** A toast in the lower right corner; a negative timeout keeps it until closed, as in Sheets. */
export function toast(t: ToastView): void {
  const box = el('div', 'toast');
  box.setAttribute('role', 'status');
  if (t.title) box.append(el('strong', undefined, t.title));
  box.append(el('span', undefined, t.message));
  const close = el('button', 'close', '×');
  close.type = 'button';
  close.setAttribute('aria-label', 'Dismiss');
  close.addEventListener('click', () => box.remove());
  box.append(close);
  document.getElementById('toasts')!.append(box);
  if (t.timeoutSeconds >= 0) setTimeout(() => box.remove(), Math.max(1, t.timeoutSeconds) * 1000);
}

/** The red bar Sheets shows when a script run from the menu fails. */
export function errorBar(message: string | null): void {
  const bar = document.getElementById('error-bar')!;
  bar.replaceChildren();
  bar.hidden = message === null;
  if (message === null) return;
  bar.append(el('span', undefined, message));
  const dismiss = el('button', undefined, 'Dismiss');
  dismiss.type = 'button';
  dismiss.addEventListener('click', () => errorBar(null));
  bar.append(dismiss);
}
