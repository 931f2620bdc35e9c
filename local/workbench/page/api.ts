// Calls from the page to the workbench server. Requests that change something go out one at a
// time, in the order the user made them (a selection always reaches the server before the menu
// action that follows it).

import type { Answer, GridWindow, Outcome, Rect, ViewRequest } from '../protocol.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly outcome?: Outcome,
  ) {
    super(message);
  }
}

async function parse<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({ error: `${res.status} ${res.statusText}` }))) as T & { error?: string; outcome?: Outcome };
  if (!res.ok) throw new ApiError(res.status, body.error ?? `${res.status} ${res.statusText}`, body.outcome);
  return body;
}

let chain: Promise<unknown> = Promise.resolve();
let inFlight = 0;

/** Counts requests under way in <body data-requests>, so tests can wait until the page is idle. */
function tracked<T>(call: () => Promise<T>): Promise<T> {
  document.body.dataset.requests = String(++inFlight);
  return call().finally(() => (document.body.dataset.requests = String(--inFlight)));
}

function get<T>(path: string): Promise<T> {
  return tracked(() => fetch(path).then((r) => parse<T>(r)));
}

/** Runs `send` after every request sent before it (in the order the user acted). */
function inOrder<T>(send: () => Promise<T>): Promise<T> {
  const call = chain.then(() => tracked(send));
  chain = call.catch(() => undefined);
  return call;
}

function post<T>(path: string, body: unknown): Promise<T> {
  return inOrder(() => fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => parse<T>(r)));
}

/** The file name a Content-Disposition header gives (its UTF-8 form first). */
function fileName(disposition: string | null, fallback: string): string {
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

export const api = {
  state: (view: ViewRequest) => get<Outcome>(`/api/state?top=${view.top}&rows=${view.rows}`),
  window: (sheet: string, view: ViewRequest) => get<GridWindow>(`/api/window?sheet=${encodeURIComponent(sheet)}&top=${view.top}&rows=${view.rows}`),
  select: (sheet: string, ranges: Rect[] | undefined, view: ViewRequest) => post<Outcome>('/api/select', { sheet, ranges, view }),
  edit: (sheet: string, row: number, col: number, text: string, view: ViewRequest) => post<Outcome>('/api/edit', { sheet, row, col, text, view }),
  clear: (sheet: string, ranges: Rect[], view: ViewRequest) => post<Outcome>('/api/clear', { sheet, ranges, view }),
  menu: (fn: string, view: ViewRequest) => post<Outcome>('/api/menu', { fn, view }),
  run: (fn: string, args: unknown[], view: ViewRequest) => {
    // JSON has no undefined: say which arguments were undefined so the server restores them.
    const undefinedArgs = args.flatMap((a, i) => (a === undefined ? [i] : []));
    return post<Outcome>('/api/run', { fn, args: args.map((a) => (a === undefined ? null : a)), undefinedArgs, view });
  },
  close: (panel: string, view: ViewRequest) => post<Outcome>('/api/close', { panel, view }),
  /** Moves the clock forward by `days`; the add-on's time-driven triggers due on the way run. */
  clock: (days: number, view: ViewRequest) => post<Outcome>('/api/clock', { days, view }),
  /** Opens a spreadsheet of the emulator's Drive as `as` (one of the people it is shared with) sees it. */
  open: (id: string, as: string, view: ViewRequest) => post<Outcome>('/api/open', { id, as, view }),
  /** Back to the tracker. */
  back: (view: ViewRequest) => post<Outcome>('/api/back', { view }),
  answer: (answer: Answer, view: ViewRequest) => post<Outcome>('/api/answer', { ...answer, view }),
  /** The workbook as .xlsx, after the changes already sent; an ApiError says why it could not be saved. */
  save: () =>
    inOrder(async () => {
      const res = await fetch('/api/save.xlsx');
      if (!res.ok) await parse(res);
      return { blob: await res.blob(), name: fileName(res.headers.get('Content-Disposition'), 'workbook.xlsx') };
    }),
};
