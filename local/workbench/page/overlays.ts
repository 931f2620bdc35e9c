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

export interface ModalOptions {
  /** A modeless dialog (showModelessDialog): no backdrop, and the keyboard may leave it. */
  modeless?: boolean;
  /** Puts the keyboard on the first or last control of a page framed in the box. */
  enterFrame?: (frame: HTMLIFrameElement, edge: 'first' | 'last') => void;
}

export interface Modal {
  overlay: HTMLElement;
  box: HTMLElement;
  body: HTMLElement;
  /** Takes the box away and gives the keyboard back to what had it before the box opened. */
  remove(): void;
}

/** Overlays of the modal boxes open, the newest (the one the keyboard is kept in) last. */
const trapping: HTMLElement[] = [];

/** While a modal box is open everything else on the page is inert: no focus, no clicks. */
function updateInert(): void {
  const top = trapping[trapping.length - 1];
  for (const child of Array.from(document.body.children) as HTMLElement[]) if (child.tagName !== 'SCRIPT') child.inert = !!top && child !== top;
}

const FOCUSABLE = 'button, input, select, textarea, a[href], iframe, [tabindex]:not([tabindex="-1"])';

function focusEdge(box: HTMLElement, edge: 'first' | 'last', options: ModalOptions): void {
  const all = Array.from(box.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((e) => !(e as HTMLButtonElement).disabled && e.getClientRects().length > 0);
  const target = edge === 'first' ? all[0] : all[all.length - 1];
  if (target instanceof HTMLIFrameElement && options.enterFrame) options.enterFrame(target, edge);
  else target?.focus();
}

/**
 * A modal box with a title bar and a close (×) button; returns its parts. Esc closes it as × does.
 * Unless modeless it keeps the keyboard: Tab past its last control comes back to its first (through
 * a framed page's controls too), and Shift+Tab the other way round.
 */
export function modal(title: string, className: string, onClose: () => void, options: ModalOptions = {}): Modal {
  const previous = document.activeElement as HTMLElement | null;
  const overlay = el('div', options.modeless ? 'overlay modeless' : 'overlay');
  const box = el('div', `modal ${className}`);
  box.setAttribute('role', 'dialog');
  if (!options.modeless) box.setAttribute('aria-modal', 'true');
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
  box.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    onClose();
  });
  overlay.append(box);
  if (!options.modeless) {
    // Focus guards: Tab out of the box lands on one, which sends the keyboard to the other end.
    const guard = (edge: 'first' | 'last') => {
      const g = el('div', 'focus-guard');
      g.tabIndex = 0;
      g.setAttribute('aria-hidden', 'true');
      g.addEventListener('focus', () => focusEdge(box, edge, options));
      return g;
    };
    overlay.prepend(guard('last'));
    overlay.append(guard('first'));
    trapping.push(overlay);
  }
  document.body.append(overlay);
  updateInert();
  close.focus();
  const remove = () => {
    if (!overlay.isConnected) return;
    const active = document.activeElement;
    const hadKeyboard = !active || active === document.body || overlay.contains(active);
    overlay.remove();
    const at = trapping.indexOf(overlay);
    if (at >= 0) trapping.splice(at, 1);
    updateInert();
    if (hadKeyboard && previous?.isConnected && previous !== document.body) previous.focus({ preventScroll: true });
  };
  return { overlay, box, body, remove };
}

/** Shows an alert or prompt and resolves with the user's answer. */
export function ask(question: QuestionView): Promise<Answer> {
  return new Promise((resolve) => {
    let input: HTMLInputElement | null = null;
    const done = (button: Answer['button']) => {
      remove();
      resolve(question.kind === 'prompt' ? { button, text: input?.value ?? '' } : { button });
    };
    // Sheets titles an untitled alert with nothing; the box still has its bar and × button.
    const { remove, box, body } = modal(question.title, `question ${question.kind}`, () => done('CLOSE'));
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
      if (e.key === 'Enter' && e.target === input) done(BUTTONS_OF[question.buttons][0]);
    });
    (input ?? (buttons.firstElementChild as HTMLElement)).focus();
  });
}

/** A message from the workbench itself (not the script), e.g. a rejected edit. */
export function notice(title: string, message: string): Promise<void> {
  return new Promise((resolve) => {
    const close = () => {
      remove();
      resolve();
    };
    const { remove, box, body } = modal(title, 'notice', close);
    box.setAttribute('role', 'alertdialog');
    body.append(el('p', 'prompt', message));
    const ok = el('button', 'action', 'OK');
    ok.type = 'button';
    ok.addEventListener('click', close);
    const buttons = el('div', 'buttons');
    buttons.append(ok);
    body.append(buttons);
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault(); // not also a click on the button that has the keyboard
        close();
      }
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
