// The menu bar: menus made with createMenu sit in the bar itself; add-on menus (createAddonMenu)
// sit under Extensions, each as a submenu named after the add-on, as in Sheets. Submenus open on
// hover or click; choosing an item runs its function.
//
// The keyboard, as in Sheets and the WAI-ARIA menubar pattern: Alt+/ opens the first menu and
// Alt+N (Alt+Shift+N) Extensions; the bar is one Tab stop, Left/Right move along it, Down, Enter
// or Space open a menu; in a menu Up/Down move, Right opens a submenu, Left closes it, Enter or
// Space chooses, Esc closes them all. When the menus close (Esc, a choice), the keyboard goes back
// to where it was before they opened (the grid, usually), so the dialog an item opens gives it back
// there too; Tab closes them and moves on from the bar.

import type { MenuEntry, MenuView } from '../protocol.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The open lists, outermost first; each remembers the item that opened it. */
let openMenus: { list: HTMLElement; opener: HTMLElement }[] = [];
/** Where the keyboard was before the menus took it, to give it back. */
let origin: HTMLElement | null = null;
let bar: HTMLElement | null = null;

const topButtons = (): HTMLElement[] => (bar ? Array.from(bar.querySelectorAll<HTMLElement>(':scope > [role="menuitem"]')) : []);
/** The bar's one Tab stop: the menu last opened or moved to. */
const barStop = (): HTMLElement | undefined => topButtons().find((b) => b.tabIndex === 0) ?? topButtons()[0];
const itemsOf = (list: HTMLElement): HTMLElement[] => Array.from(list.querySelectorAll<HTMLElement>(':scope > [role="menuitem"]'));
const inMenus = (node: Node | null): boolean => !!node && (!!bar?.contains(node) || openMenus.some((m) => m.list.contains(node)));

/** Notes where the keyboard is, unless it is already in the menus. */
function rememberOrigin(): void {
  const active = document.activeElement as HTMLElement | null;
  if (!inMenus(active)) origin = active && active !== document.body ? active : null;
}

function closeFrom(level: number): void {
  for (const m of openMenus.slice(level)) m.list.remove();
  openMenus = openMenus.slice(0, level);
  if (level === 0) for (const b of topButtons()) b.setAttribute('aria-expanded', 'false');
}

/** Closes every menu (a click elsewhere): the keyboard stays where the click put it. */
export function closeMenus(): void {
  closeFrom(0);
  origin = null;
}

/**
 * Closes every menu and gives the keyboard back to where it was before they opened. Reached by
 * Tab, the menus had no such place: Esc stays on the bar, a choice leaves it to the page.
 */
function closeAndReturn(why: 'escape' | 'choice'): void {
  const back = origin;
  closeMenus();
  if (back?.isConnected) back.focus({ preventScroll: true });
  else if (why === 'escape') barStop()?.focus();
  else (document.activeElement as HTMLElement | null)?.blur();
}

/** Makes `button` the bar's Tab stop (roving tabindex). */
function rove(button: HTMLElement): void {
  for (const b of topButtons()) b.tabIndex = b === button ? 0 : -1;
}

function focusItem(items: HTMLElement[], index: number): void {
  if (!items.length) return;
  items[(index + items.length) % items.length].focus();
}

function showList(entries: MenuEntry[], opener: HTMLElement, level: number, beside: boolean, run: (fn: string) => void): HTMLElement {
  closeFrom(level);
  const box = opener.getBoundingClientRect();
  const list = el('div', 'menu');
  list.setAttribute('role', 'menu');
  list.setAttribute('aria-label', opener.textContent ?? '');
  list.style.left = `${beside ? box.right : box.left}px`;
  list.style.top = `${beside ? box.top : box.bottom}px`;
  for (const entry of entries) {
    if (entry.type === 'separator') {
      const line = el('div', 'separator');
      line.setAttribute('role', 'separator');
      list.append(line);
      continue;
    }
    const item = el('button', entry.type === 'submenu' ? 'item submenu' : 'item', entry.caption);
    item.type = 'button';
    item.tabIndex = -1;
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
        closeAndReturn('choice');
        run(entry.functionName);
      });
    }
    list.append(item);
  }
  list.addEventListener('keydown', (e) => onMenuKey(e, list, level));
  document.body.append(list);
  openMenus.push({ list, opener });
  return list;
}

function onMenuKey(e: KeyboardEvent, list: HTMLElement, level: number): void {
  const items = itemsOf(list);
  const at = items.indexOf(document.activeElement as HTMLElement);
  const current = items[at];
  const key = e.key;
  if (key === 'Tab') {
    // Out of the menus, on to the control after the bar (the browser moves on from the bar).
    closeMenus();
    barStop()?.focus();
    return;
  }
  e.stopPropagation();
  if (key === 'ArrowDown' || key === 'ArrowUp' || key === 'Home' || key === 'End') {
    e.preventDefault();
    focusItem(items, key === 'Home' ? 0 : key === 'End' ? -1 : key === 'ArrowDown' ? at + 1 : at < 0 ? -1 : at - 1);
  } else if (key === 'ArrowRight' && current?.getAttribute('aria-haspopup')) {
    e.preventDefault();
    current.click();
    const sub = openMenus[level + 1]?.list;
    if (sub) focusItem(itemsOf(sub), 0);
  } else if (key === 'ArrowLeft' && level > 0) {
    e.preventDefault();
    const { opener } = openMenus[level];
    closeFrom(level);
    opener.focus();
  } else if (key === 'ArrowLeft' || key === 'ArrowRight') {
    e.preventDefault();
    const buttons = topButtons();
    const from = buttons.indexOf(openMenus[0].opener);
    openTop(buttons[(from + (key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length], 'first');
  } else if (key === 'Enter' || key === ' ') {
    e.preventDefault();
    if (!current) return;
    current.click();
    const sub = current.getAttribute('aria-haspopup') ? openMenus[level + 1]?.list : null;
    if (sub) focusItem(itemsOf(sub), 0);
  } else if (key === 'Escape') {
    e.preventDefault();
    closeAndReturn('escape');
  }
}

let openTop: (button: HTMLElement | undefined, focus: 'first' | 'last' | 'none') => void = () => {};

export function renderMenuBar(menubar: HTMLElement, menus: MenuView[], run: (fn: string) => void): void {
  if (bar !== menubar) {
    // Tabbing away from the bar forgets where the keyboard came from.
    menubar.addEventListener('focusout', (e) => {
      if (!openMenus.length && !inMenus(e.relatedTarget as Node | null)) origin = null;
    });
  }
  bar = menubar;
  menubar.replaceChildren();
  const lists = new Map<HTMLElement, () => MenuEntry[]>();
  openTop = (button, focus) => {
    if (!button) return;
    closeFrom(0);
    rove(button);
    const list = showList(lists.get(button)!(), button, 0, false, run);
    button.setAttribute('aria-expanded', 'true');
    if (focus === 'none') return;
    const items = itemsOf(list);
    focusItem(items, focus === 'first' ? 0 : -1);
    if (!items.length) button.focus();
  };
  const top = (title: string, entries: () => MenuEntry[]) => {
    const button = el('button', undefined, title);
    button.type = 'button';
    button.setAttribute('role', 'menuitem');
    button.setAttribute('aria-haspopup', 'menu');
    button.setAttribute('aria-expanded', 'false');
    lists.set(button, entries);
    button.addEventListener('mousedown', rememberOrigin);
    button.addEventListener('click', (e) => {
      e.stopPropagation();
      const wasOpen = button.getAttribute('aria-expanded') === 'true';
      if (wasOpen) closeMenus();
      else openTop(button, e.detail === 0 ? 'first' : 'none'); // detail 0: Enter or Space, not the mouse
    });
    button.addEventListener('keydown', (e) => {
      const buttons = topButtons();
      const at = buttons.indexOf(button);
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault();
        const next = buttons[(at + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length];
        rove(next);
        next.focus();
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        openTop(button, e.key === 'ArrowDown' ? 'first' : 'last');
      } else if (e.key === 'Escape') {
        e.preventDefault();
        closeAndReturn('escape');
      }
    });
    menubar.append(button);
  };
  const addons = menus.filter((m) => m.addon);
  top('Extensions', () => (addons.length ? addons.map((m) => ({ type: 'submenu', caption: m.title, items: m.items })) : [{ type: 'separator' }]));
  for (const m of menus.filter((x) => !x.addon)) top(m.title, () => m.items);
  rove(topButtons()[0]);
}

/** Whether a modal box is up: the menus' shortcuts wait until it is answered. */
const modalOpen = () => document.querySelector('.overlay:not(.modeless)') !== null;

document.addEventListener('mousedown', (e) => {
  if (!openMenus.some((m) => m.list.contains(e.target as Node)) && !(e.target as HTMLElement).closest?.('.menubar')) closeMenus();
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && openMenus.length) {
    closeAndReturn('escape');
    return;
  }
  if (e.ctrlKey && e.altKey && e.shiftKey && e.code === 'KeyM' && !modalOpen()) {
    // Sheets' "move focus out of the spreadsheet": here, to the menu bar.
    e.preventDefault();
    rememberOrigin();
    barStop()?.focus();
    return;
  }
  if (!e.altKey || e.ctrlKey || e.metaKey || modalOpen()) return;
  // Alt+/ (Sheets: search the menus) opens the first menu; Alt+N, or Alt+Shift+N, Extensions.
  const buttons = topButtons();
  const target = e.code === 'Slash' || e.key === '/' ? buttons[0] : e.code === 'KeyN' ? buttons.find((b) => b.textContent === 'Extensions') : undefined;
  if (!target) return;
  e.preventDefault();
  rememberOrigin();
  openTop(target, 'first');
});
