// The emulator's Drive: the spreadsheets it holds (the tracker, the coach copy the add-on made)
// and the people each is shared with. Any of them can be opened as one of those people sees it;
// the server then sends that file's sheets, drawn by the same grid. A bar says whose view is on
// screen and leads back to the tracker. Names and addresses go in with textContent.

import type { Snapshot } from '../protocol.ts';

export interface DriveActions {
  open(id: string, as: string): void;
  back(): void;
}

const ACCESS_WORDS = { owner: 'owner', editor: 'editor', commenter: 'commenter', viewer: 'viewer' } as const;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class Drive {
  private drawn = '';

  constructor(
    private readonly list: HTMLDetailsElement,
    private readonly bar: HTMLElement,
    private readonly actions: DriveActions,
  ) {
    bar.querySelector('button')!.addEventListener('click', () => actions.back());
  }

  show(s: Snapshot): void {
    const key = JSON.stringify([s.files, s.other]);
    if (key === this.drawn) return;
    this.drawn = key;
    this.list.querySelector('summary')!.textContent = `Drive (${s.files.length})`;
    const items = s.files.map((file) => {
      const li = el('li', 'drive-file');
      li.dataset.fileId = file.id;
      const name = el('span', 'drive-name', file.name);
      li.append(name);
      if (file.tracker) li.append(el('span', 'drive-tag', 'this tracker'));
      const people = el('ul', 'drive-people');
      for (const person of file.people) {
        const open = el('button', 'link', `Open as ${person.email} (${ACCESS_WORDS[person.access]})`);
        open.type = 'button';
        open.dataset.as = person.email;
        const showing = s.other ? s.other.id === file.id && s.other.as === person.email : file.tracker && person.email === s.user;
        open.disabled = showing;
        open.addEventListener('click', () => {
          this.list.open = false;
          this.actions.open(file.id, person.email);
        });
        const item = el('li');
        item.append(open);
        people.append(item);
      }
      li.append(people);
      return li;
    });
    this.list.querySelector('ul')!.replaceChildren(...items);
    this.bar.hidden = !s.other;
    const text = this.bar.querySelector('span')!;
    text.textContent = s.other ? `You are seeing “${s.other.name}” as ${s.other.as} sees it (${ACCESS_WORDS[s.other.access]}).` : '';
  }
}
