// google.script.run and google.script.host for the add-on's own pages, inside the workbench's
// sandboxed frames. Calls go to the workbench page (window.parent) by postMessage; the page runs
// them on the server one at a time and posts the result back.
//
// As in Google's client: arguments are checked in the browser before anything is sent (a Date
// fails the call with "TypeError: Failed due to illegal value in property: 0", thrown at the call,
// no failure handler), the server gets a copy, a result containing a Date arrives as null, the
// failure handler receives an Error, and without one the failure is logged to the console.
// withSuccessHandler/withFailureHandler/withUserObject return a new runner, so handlers set for
// one call never leak into another.

import { serializeScriptRunArgs } from '../../emulator/services/scriptrun.ts';
import type { ScriptRunResult } from '../protocol.ts';

interface PanelConfig {
  id: string;
  functions: string[];
  origin: string;
}

type Handler = ((value: unknown, userObject?: unknown) => void) | null;

interface Handlers {
  success?: Handler;
  failure?: Handler;
  userObject?: unknown;
}

export const FROM_PANEL = 'workbench-panel';
export const TO_PANEL = 'workbench-host';

const config = (window as unknown as { __workbenchPanel: PanelConfig }).__workbenchPanel;
const pending = new Map<number, Handlers>();
let nextCall = 1;

function post(message: Record<string, unknown>): void {
  window.parent.postMessage({ source: FROM_PANEL, panel: config.id, ...message }, '*');
}

/** A form passed as the only argument reaches the server as an object of its named fields. */
function formFields(form: HTMLFormElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const el of Array.from(form.elements) as HTMLInputElement[]) {
    if (!el.name || el.disabled) continue;
    if (el.type === 'file')
      throw new Error(`The workbench cannot send file input "${el.name}" through google.script.run; read the file in the page and send its text.`);
    if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) continue;
    const value = el.value;
    if (el.name in out) out[el.name] = ([] as unknown[]).concat(out[el.name], value);
    else out[el.name] = value;
  }
  return out;
}

function runner(handlers: Handlers): Record<string, unknown> {
  const run: Record<string, unknown> = {
    withSuccessHandler: (f: Handler) => runner({ ...handlers, success: f }),
    withFailureHandler: (f: Handler) => runner({ ...handlers, failure: f }),
    withUserObject: (o: unknown) => runner({ ...handlers, userObject: o }),
  };
  for (const name of config.functions) {
    if (name in run) continue;
    run[name] = (...args: unknown[]): void => {
      const copied = serializeScriptRunArgs(args); // throws, as Google's client does, before any request
      const sent = copied.length === 1 && copied[0] instanceof HTMLFormElement ? [formFields(copied[0])] : copied;
      const id = nextCall++;
      pending.set(id, handlers);
      post({ type: 'run', id, fn: name, args: sent });
    };
  }
  return run;
}

const FOCUSABLE = 'button, input, select, textarea, a[href], iframe, [tabindex]:not([tabindex="-1"])';

/** The host keeps the keyboard inside a modal dialog: Shift+Tab from its top lands on the page's last control. */
function focusEdge(edge: unknown): void {
  const all = Array.from(document.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (e) => !(e as HTMLButtonElement).disabled && e.tabIndex >= 0 && e.getClientRects().length > 0,
  );
  (edge === 'last' ? all[all.length - 1] : all[0])?.focus();
}

// Esc closes a dialog, as Sheets' own dialogs do (assumed for the add-on's HtmlService dialogs:
// unconfirmed); the host decides (a sidebar stays). A page that handles Esc itself
// (preventDefault) keeps it.
window.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !e.defaultPrevented) post({ type: 'escape' });
});

window.addEventListener('message', (event: MessageEvent) => {
  const data = event.data as { source?: string; type?: string; id?: number; edge?: string; result?: ScriptRunResult };
  if (event.source !== window.parent || data?.source !== TO_PANEL) return;
  if (data.type === 'focus') {
    focusEdge(data.edge);
    return;
  }
  if (data.type !== 'result' || data.id === undefined) return;
  const handlers = pending.get(data.id);
  pending.delete(data.id);
  const result = data.result;
  if (!handlers || !result) return;
  if (result.ok) {
    handlers.success?.(result.undefined ? undefined : result.value, handlers.userObject);
    return;
  }
  const error = new Error(result.error.message);
  error.name = result.error.name;
  if (handlers.failure) handlers.failure(error, handlers.userObject);
  else console.error(error);
});

const google = {
  script: {
    run: runner({}),
    host: {
      origin: config.origin,
      close: () => post({ type: 'close' }),
      setHeight: (height: number) => post({ type: 'setHeight', value: Number(height) }),
      setWidth: (width: number) => post({ type: 'setWidth', value: Number(width) }),
      editor: { focus: () => post({ type: 'focus' }) },
    },
  },
};

(window as unknown as { google: typeof google }).google = google;
