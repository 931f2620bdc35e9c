// The outbox: every email the add-on sent (MailApp), newest first, and the time-driven trigger
// runs that failed, so a digest can be seen arriving after "Next day". Text goes in with
// textContent; an HTML body is shown in a frame sandboxed with no permissions at all (no scripts,
// no forms, no navigation of this page, an origin of its own), as a mail client shows it.

import type { MailView, Snapshot, TriggerRunView } from '../protocol.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** "Tue 3 Mar 2026, 08:00" in the spreadsheet's time zone. */
function when(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

function mailItem(mail: MailView, timeZone: string): HTMLElement {
  const item = el('details', 'mail');
  const summary = el('summary');
  summary.append(el('span', 'mail-subject', mail.subject || '(no subject)'), el('span', 'mail-when', when(mail.sentAt, timeZone)));
  item.append(summary);
  const head = el('dl', 'mail-head');
  const fields: [string, string][] = [
    ['From', mail.name ? `${mail.name} <${mail.from}>` : mail.from],
    ['To', mail.to],
    ['Cc', mail.cc],
    ['Bcc', mail.bcc],
    ['Reply-To', mail.replyTo],
  ];
  for (const [label, value] of fields) if (value) head.append(el('dt', undefined, label), el('dd', undefined, value));
  item.append(head);
  if (mail.htmlBody) {
    const frame = el('iframe', 'mail-html');
    frame.setAttribute('sandbox', '');
    frame.title = `HTML body of "${mail.subject}"`;
    frame.srcdoc = mail.htmlBody;
    item.append(el('h4', undefined, 'HTML'), frame);
  }
  item.append(el('h4', undefined, 'Plain text'), el('pre', 'mail-text', mail.body));
  return item;
}

function runItem(run: TriggerRunView, timeZone: string): HTMLElement {
  return el('li', `run run-${run.status}`, `${when(run.at, timeZone)}: ${run.handler} ${run.status}${run.error ? `: ${run.error}` : ''}`);
}

export class Outbox {
  private drawn = '';

  constructor(
    private readonly panel: HTMLElement,
    private readonly toggle: HTMLButtonElement,
  ) {
    toggle.addEventListener('click', () => this.setOpen(panel.hidden));
    panel.querySelector<HTMLButtonElement>('.close')!.addEventListener('click', () => this.setOpen(false));
  }

  setOpen(open: boolean): void {
    this.panel.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
  }

  show(s: Snapshot): void {
    this.toggle.textContent = `Outbox (${s.outbox.length})`;
    // Redrawn only when something was sent or run: a redraw would reload the frames and close what the user opened.
    const key = JSON.stringify([s.outbox.length, s.triggerRuns, s.clock.timeZone]);
    if (key === this.drawn) return;
    this.drawn = key;
    const list = this.panel.querySelector('.mail-list')!;
    list.replaceChildren(...s.outbox.map((m) => mailItem(m, s.clock.timeZone)).reverse());
    if (!s.outbox.length) list.append(el('p', 'empty', 'No email sent yet.'));
    const problems = s.triggerRuns.filter((r) => r.status !== 'completed');
    const runs = this.panel.querySelector('.runs')!;
    runs.replaceChildren();
    if (problems.length) runs.append(el('h3', undefined, 'Trigger runs that did not complete'), el('ul'));
    runs.querySelector('ul')?.append(...problems.map((r) => runItem(r, s.clock.timeZone)).reverse());
  }
}

/** The clock as the footer shows it. */
export function clockText(s: Snapshot): string {
  return `Clock: ${when(s.clock.now, s.clock.timeZone)} (${s.clock.timeZone})`;
}
