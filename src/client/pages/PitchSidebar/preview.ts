// What the preview shows for a template and a contact: the filled message, the checker's
// findings, and the mail links. Pure apart from writing text into the given elements.

import { checkPitch, type CheckResult } from '../../../core/pitch/checker.ts';
import { gmailComposeUrl, mailtoUrl, MAILTO_SAFE_LENGTH } from '../../../core/pitch/links.ts';
import { mergeValues, renderMessage, type RenderedMessage } from '../../../core/pitch/merge.ts';
import type { PitchSettings } from '../../../core/pitch/settings.ts';
import type { TemplatePurpose } from '../../../core/pitch/templates.ts';
import type { PitchContact } from '../../../shared/pitch.ts';
import { clear, el } from '../../lib/dom.ts';

export interface Draft {
  subject: string;
  body: string;
  purpose: TemplatePurpose;
}

export interface Preview {
  message: RenderedMessage;
  check: CheckResult;
  gmail: string;
  mailto: string;
}

/** The contact's row as merge-field input: every column by header, in column order. */
function fields(headers: readonly string[], contact: PitchContact | null): { header: string; value: string }[] {
  const names = headers.length ? headers : Object.keys(contact?.values ?? {});
  return names.filter(Boolean).map((header) => ({ header, value: contact ? String(contact.values[header] ?? '') : '' }));
}

/** `extra`: merge values that are not in the contact's row (an "It worked" update's part in the chain). */
export function computePreview(
  draft: Draft,
  contact: PitchContact | null,
  headers: readonly string[],
  settings: PitchSettings,
  extra?: readonly { name: string; value: string }[],
): Preview {
  const values = mergeValues({
    fields: fields(headers, contact),
    referrer: contact ? { name: contact.referrerName, header: contact.referredByHeader } : undefined,
    settings,
    extra,
  });
  const message = renderMessage(draft, values);
  const check = checkPitch({ subject: message.subject, body: message.body, purpose: draft.purpose, wordLimit: settings.wordLimit, missing: message.missing });
  const mail = { to: contact?.email ?? '', subject: message.subject, body: message.body };
  return { message, check, gmail: gmailComposeUrl(mail), mailto: mailtoUrl(mail) };
}

export interface PreviewView {
  subject: HTMLElement;
  body: HTMLElement;
  words: HTMLElement;
  warnings: HTMLUListElement;
  gmail: HTMLAnchorElement;
  mailto: HTMLAnchorElement;
}

export function setLink(a: HTMLAnchorElement, href: string | null): void {
  if (href) {
    a.setAttribute('href', href);
    a.removeAttribute('aria-disabled');
  } else {
    // Without an href the link is out of the tab order and cannot open anything.
    a.removeAttribute('href');
    a.setAttribute('aria-disabled', 'true');
  }
}

export function showPreview(view: PreviewView, p: Preview, wordLimit: number): void {
  view.subject.textContent = p.message.subject;
  view.body.textContent = p.message.body;
  view.words.textContent = `${p.check.words} of ${wordLimit} words`;
  clear(view.warnings);
  for (const w of p.check.warnings) {
    const li = el('li', w.message);
    li.dataset.code = w.code;
    view.warnings.appendChild(li);
  }
  if (!p.check.warnings.length) view.warnings.appendChild(el('li', 'No problems found: short, about them, with a clear question.', 'good'));
  const empty = !p.message.body.trim();
  setLink(view.gmail, empty ? null : p.gmail);
  setLink(view.mailto, empty ? null : p.mailto);
  view.mailto.title =
    p.mailto.length > MAILTO_SAFE_LENGTH ? 'A long message: some mail apps cut it short. Copy the message instead if it arrives incomplete.' : '';
}
