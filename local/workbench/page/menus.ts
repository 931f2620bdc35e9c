// The menu bar: menus made with createMenu sit in the bar itself; add-on menus (createAddonMenu)
// sit under Extensions, each as a submenu named after the add-on, as in Sheets. Submenus open on
// hover or click; choosing an item runs its function.

import type { MenuEntry, MenuView } from '../protocol.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

let openMenus: HTMLElement[] = [];

function closeFrom(level: number): void {
  for (const m of openMenus.slice(level)) m.remove();
  openMenus = openMenus.slice(0, level);
  if (level === 0) for (const b of Array.from(document.querySelectorAll('.menubar > button[aria-expanded="true"]'))) b.setAttribute('aria-expanded', 'false');
}

export function closeMenus(): void {
  closeFrom(0);
}

function showList(entries: MenuEntry[], anchor: HTMLElement, level: number, beside: boolean, run: (fn: string) => void): void {
  closeFrom(level);
  const box = anchor.getBoundingClientRect();
  const list = el('div', 'menu');
  list.setAttribute('role', 'menu');
  list.style.left = `${beside ? box.right : box.left}px`;
  list.style.top = `${beside ? box.top : box.bottom}px`;
  for (const entry of entries) {
    if (entry.type === 'separator') {
      list.append(el('div', 'separator'));
      continue;
    }
    const item = el('button', entry.type === 'submenu' ? 'item submenu' : 'item', entry.caption);
    item.type = 'button';
    item.setAttribute('role', 'menuitem');
    if (entry.type === 'submenu') {
      item.setAttribute('aria-haspopup', 'menu');
      const open = () => showList(entry.items, item, level + 1, true, run);
      item.addEventListener('mouseenter', open);
      item.addEventListener('click', open);
    } else {
      item.dataset.fn = entry.functionName;
      item.addEventListener('mouseenter', () => closeFrom(level + 1));
      item.addEventListener('click', () => {
        closeMenus();
        run(entry.functionName);
      });
    }
    list.append(item);
  }
  document.body.append(list);
  openMenus.push(list);
}

export function renderMenuBar(bar: HTMLElement, menus: MenuView[], run: (fn: string) => void): void {
  bar.replaceChildren();
  const top = (title: string, entries: () => MenuEntry[]) => {
    const button = el('button', undefined, title);
    button.type = 'button';
    button.setAttribute('aria-haspopup', 'menu');
    button.setAttribute('aria-expanded', 'false');
    button.addEventListener('click', (e) => {
      e.stopPropagation();
      const wasOpen = button.getAttribute('aria-expanded') === 'true';
      closeMenus();
      if (wasOpen) return;
      showList(entries(), button, 0, false, run);
      button.setAttribute('aria-expanded', 'true');
    });
    bar.append(button);
  };
  const addons = menus.filter((m) => m.addon);
  top('Extensions', () => (addons.length ? addons.map((m) => ({ type: 'submenu', caption: m.title, items: m.items })) : [{ type: 'separator' }]));
  for (const m of menus.filter((x) => !x.addon)) top(m.title, () => m.items);
}

document.addEventListener('mousedown', (e) => {
  if (!openMenus.some((m) => m.contains(e.target as Node)) && !(e.target as HTMLElement).closest?.('.menubar')) closeMenus();
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && openMenus.length) closeMenus();
});
