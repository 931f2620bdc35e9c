// The repeatable "Referral" fieldsets of the interview dialog: name (required), email, company,
// role and relationship. Every field has its own label; new rows take the focus.

import type { ReferralEntry } from '../../../shared/types.ts';
import { el } from '../../lib/dom.ts';

let serial = 0;

function field(container: HTMLElement, label: string, input: HTMLInputElement | HTMLSelectElement): void {
  const id = `ref-${++serial}`;
  input.id = id;
  const wrap = el('div');
  const l = el('label', label);
  l.setAttribute('for', id);
  wrap.append(l, input);
  container.appendChild(wrap);
}

function input(type: string, name: string, autocomplete: string): HTMLInputElement {
  const i = el('input');
  i.type = type;
  i.name = name;
  i.setAttribute('autocomplete', autocomplete);
  return i;
}

export class ReferralRows {
  constructor(
    private readonly list: HTMLElement,
    private readonly relationships: readonly string[],
  ) {}

  add(): void {
    const box = el('fieldset', undefined, 'referral');
    const legend = el('legend');
    box.appendChild(legend);
    const name = input('text', 'name', 'off');
    name.required = true;
    field(box, 'Name', name);
    const row1 = el('div', undefined, 'row');
    field(row1, 'Email (optional)', input('email', 'email', 'off'));
    field(row1, 'Company (optional)', input('text', 'company', 'off'));
    box.appendChild(row1);
    const row2 = el('div', undefined, 'row');
    field(row2, 'Role (optional)', input('text', 'role', 'off'));
    const rel = el('select');
    rel.name = 'relationship';
    for (const r of this.relationships) rel.appendChild(el('option', r));
    rel.value = this.relationships.includes('Referral') ? 'Referral' : (this.relationships[0] ?? '');
    field(row2, 'Relationship', rel);
    box.appendChild(row2);
    const remove = el('button', 'Remove');
    remove.type = 'button';
    remove.addEventListener('click', () => {
      box.remove();
      this.renumber();
    });
    box.appendChild(remove);
    this.list.appendChild(box);
    this.renumber();
    name.focus();
  }

  private renumber(): void {
    this.list.querySelectorAll('fieldset.referral').forEach((box, i) => {
      box.querySelector('legend')!.textContent = `Referral ${i + 1}`;
      box.querySelector('button')!.setAttribute('aria-label', `Remove referral ${i + 1}`);
    });
  }

  /** The referrals entered, without rows left entirely blank; or the first problem found. */
  read(): { ok: true; referrals: ReferralEntry[] } | { ok: false; message: string; focus: HTMLElement } {
    const referrals: ReferralEntry[] = [];
    const boxes = [...this.list.querySelectorAll<HTMLFieldSetElement>('fieldset.referral')];
    for (const [i, box] of boxes.entries()) {
      const value = (name: string) => (box.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)?.value ?? '').trim();
      const entry: ReferralEntry = {
        name: value('name'),
        email: value('email'),
        company: value('company'),
        role: value('role'),
        relationship: value('relationship'),
      };
      if (!entry.name && !entry.email && !entry.company && !entry.role) continue;
      if (!entry.name) return { ok: false, message: `Referral ${i + 1} has no name.`, focus: box.querySelector<HTMLInputElement>('[name="name"]')! };
      referrals.push(entry);
    }
    return { ok: true, referrals };
  }

  disable(): void {
    this.list.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>('input, select, button').forEach((x) => (x.disabled = true));
  }
}
