// Sidebars and dialogs: the add-on's built HTML in sandboxed frames (scripts, forms, popups,
// modals; no same-origin access to the workbench), at Google's sizes: a sidebar is 300 px wide on
// the right; a dialog is its HtmlOutput width × height, centred, with a title bar, and modal when
// shown with showModalDialog. The frames talk to this page by postMessage (see shim/).

import type { PanelView, ScriptRunResult } from '../protocol.ts';
import { modal } from './overlays.ts';

const FROM_PANEL = 'workbench-panel';
const TO_PANEL = 'workbench-host';
const SANDBOX = 'allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox allow-modals allow-downloads';

export interface PanelHost {
  /** Runs a server function for a page (google.script.run); resolves with what its handlers get. */
  run(fn: string, args: unknown[]): Promise<ScriptRunResult>;
  /** The page closed itself, or the user closed it. */
  closed(id: string): void;
  focusEditor(): void;
}

interface Shown {
  view: PanelView;
  frame: HTMLIFrameElement;
  remove(): void;
}

function frameFor(view: PanelView): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', SANDBOX);
  frame.title = view.title || (view.height === null ? 'Sidebar' : 'Dialog');
  frame.src = `/panel/${encodeURIComponent(view.id)}`;
  frame.dataset.panel = view.id;
  return frame;
}

export class Panels {
  private sidebar: Shown | null = null;
  private dialog: Shown | null = null;

  constructor(private readonly host: PanelHost) {
    window.addEventListener('message', (e) => void this.onMessage(e));
  }

  /** Shows what the snapshot says is open; a new id replaces the panel of its kind. */
  show(sidebar: PanelView | null, dialog: PanelView | null): void {
    if (sidebar?.id !== this.sidebar?.view.id) {
      this.sidebar?.remove();
      this.sidebar = sidebar ? this.openSidebar(sidebar) : null;
    }
    if (dialog?.id !== this.dialog?.view.id) {
      this.dialog?.remove();
      this.dialog = dialog ? this.openDialog(dialog) : null;
    }
  }

  private openSidebar(view: PanelView): Shown {
    const aside = document.getElementById('sidebar')!;
    const title = aside.querySelector('.sidebar-title')!;
    title.textContent = view.title;
    const frame = frameFor(view);
    frame.style.width = `${view.width}px`;
    aside.querySelector('.sidebar-frame')!.replaceChildren(frame);
    aside.hidden = false;
    const close = aside.querySelector<HTMLButtonElement>('.close')!;
    close.onclick = () => this.close(view.id);
    return {
      view,
      frame,
      remove: () => {
        frame.remove();
        aside.hidden = true;
      },
    };
  }

  private openDialog(view: PanelView): Shown {
    const { box, body, remove } = modal(view.title, 'panel-dialog', () => this.close(view.id), {
      modeless: !view.modal,
      enterFrame: (frame, edge) => {
        // The page is cross-origin: the host focuses the frame, and the shim inside it the control.
        frame.focus();
        frame.contentWindow?.postMessage({ source: TO_PANEL, type: 'focus', edge }, '*');
      },
    });
    const frame = frameFor(view);
    frame.style.width = `${view.width}px`;
    frame.style.height = `${view.height ?? 450}px`;
    body.append(frame);
    // Sheets puts the keyboard in a dialog it opens. Chrome does not let a page in a cross-origin
    // frame take the focus by itself, so the host gives the frame the focus once it has loaded.
    // Not if the user has already moved the keyboard on from the × (where the box puts it first).
    frame.addEventListener('load', () => {
      const active = document.activeElement;
      if (!active || active === document.body || active.matches('.modal-title .close')) frame.focus();
    });
    box.dataset.panel = view.id;
    return { view, frame, remove };
  }

  private close(id: string): void {
    if (this.sidebar?.view.id === id) {
      this.sidebar.remove();
      this.sidebar = null;
    }
    if (this.dialog?.view.id === id) {
      this.dialog.remove();
      this.dialog = null;
    }
    this.host.closed(id);
  }

  private from(source: MessageEventSource | null): Shown | null {
    for (const p of [this.sidebar, this.dialog]) if (p && p.frame.contentWindow === source) return p;
    return null;
  }

  private async onMessage(e: MessageEvent): Promise<void> {
    const panel = this.from(e.source);
    const data = e.data as { source?: string; type?: string; id?: number; fn?: string; args?: unknown[]; value?: number };
    if (!panel || data?.source !== FROM_PANEL) return;
    switch (data.type) {
      case 'run': {
        const result = await this.host.run(String(data.fn), Array.isArray(data.args) ? data.args : []);
        // The page may have been closed while its call ran; then nobody is listening.
        panel.frame.contentWindow?.postMessage({ source: TO_PANEL, type: 'result', id: data.id, result }, '*');
        return;
      }
      case 'close':
        this.close(panel.view.id);
        return;
      case 'setHeight':
        if (panel === this.dialog && Number.isFinite(data.value)) panel.frame.style.height = `${data.value}px`;
        return;
      case 'setWidth':
        if (panel === this.dialog && Number.isFinite(data.value)) panel.frame.style.width = `${data.value}px`;
        return;
      case 'focus':
        this.host.focusEditor();
        return;
      case 'escape':
        // Esc in a dialog's page closes the dialog, as the × does (a sidebar stays).
        if (panel === this.dialog) this.close(panel.view.id);
        return;
    }
  }
}
