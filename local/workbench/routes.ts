// The workbench's HTTP API and static files. Every answer about the workbook comes from the
// worker through WorkbenchHost, one request at a time.
//
// Requests are accepted only with this server's own Host header (a web page elsewhere cannot
// reach it by DNS rebinding) and, for POSTs, a JSON content type and no foreign Origin (so another
// site's form cannot post to it).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { BadAnswer, WaitingForAnswer, type Event, type WorkbenchHost } from './host.ts';
import { withShim, type Assets } from './assets.ts';
import type { Answer, ButtonName, Outcome, Rect, ViewRequest } from './protocol.ts';
import type { Request } from './worker-messages.ts';

/** A paste of a 10 MB export grows when escaped as JSON. */
const MAX_BODY = 32 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(body);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'Send JSON (Content-Type: application/json).');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, `The request is larger than ${MAX_BODY / 1048576} MB.`);
    chunks.push(chunk as Buffer);
  }
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new HttpError(400, 'The request body must be a JSON object.');
}

const bad = (message: string) => new HttpError(400, message);

function str(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  if (typeof v !== 'string') throw bad(`"${key}" must be a string.`);
  return v;
}

function int(v: unknown, key: string): number {
  const n = typeof v === 'string' && v !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw bad(`"${key}" must be a whole number.`);
  return n;
}

function rects(v: unknown, key: string): Rect[] {
  if (!Array.isArray(v)) throw bad(`"${key}" must be a list of ranges.`);
  return v.map((r: Record<string, unknown>) => ({
    row: int(r?.row, 'row'),
    col: int(r?.col, 'col'),
    numRows: int(r?.numRows, 'numRows'),
    numCols: int(r?.numCols, 'numCols'),
  }));
}

function view(v: unknown): ViewRequest {
  if (v === undefined) return { top: 1, rows: 100 };
  const o = v as Record<string, unknown>;
  return { top: int(o?.top, 'view.top'), rows: int(o?.rows, 'view.rows') };
}

const BUTTONS: ButtonName[] = ['OK', 'CANCEL', 'YES', 'NO', 'CLOSE'];

/** Turns a host event into the page's answer: an Outcome, or an error status. */
function outcome(host: WorkbenchHost, event: Event): Outcome {
  if (event.kind === 'question') return { status: 'question', snapshot: event.snapshot, question: event.question };
  if (!event.ok) throw new HttpError(event.badRequest ? 400 : 500, event.message);
  if (!('snapshot' in event.reply)) throw new HttpError(500, 'The worker sent no snapshot.');
  return { status: 'done', snapshot: host.pageSnapshot(event.reply.snapshot), result: event.reply.result };
}

export function router(host: WorkbenchHost, assets: Assets, origin: () => string) {
  const ask = async (request: Request): Promise<Outcome> => outcome(host, await host.request(request));

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin());
    const path = url.pathname;
    if (req.method === 'GET') {
      if (path === '/') return send(res, 200, 'text/html; charset=utf-8', assets.html);
      if (path === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', assets.js);
      if (path === '/app.css') return send(res, 200, 'text/css; charset=utf-8', assets.css);
      if (path === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
      if (path.startsWith('/panel/')) {
        const id = decodeURIComponent(path.slice('/panel/'.length));
        const html = host.panels.get(id);
        if (html === undefined) throw new HttpError(404, `No sidebar or dialog ${id}.`);
        return send(res, 200, 'text/html; charset=utf-8', withShim(html, assets.shim, { id, functions: host.functions, origin: origin() }));
      }
      if (path === '/api/state') {
        const v = { top: int(url.searchParams.get('top') ?? '1', 'top'), rows: int(url.searchParams.get('rows') ?? '100', 'rows') };
        // Reloading the page while a script waits for an answer shows the question again.
        const waiting = host.question;
        if (waiting) return json(res, 200, { status: 'question', snapshot: waiting.snapshot, question: waiting.question } satisfies Outcome);
        return json(res, 200, await ask({ type: 'snapshot', view: v }));
      }
      if (path === '/api/window') {
        const event = await host.request({
          type: 'window',
          sheet: url.searchParams.get('sheet') ?? '',
          view: { top: int(url.searchParams.get('top'), 'top'), rows: int(url.searchParams.get('rows'), 'rows') },
        });
        if (event.kind !== 'reply' || !event.ok || !('window' in event.reply)) return json(res, 200, outcome(host, event));
        return json(res, 200, event.reply.window);
      }
      if (path === '/api/save.xlsx') {
        const event = await host.request({ type: 'save' });
        if (event.kind !== 'reply' || !event.ok || !('xlsx' in event.reply))
          return json(res, 500, { error: event.kind === 'reply' && !event.ok ? event.message : 'save failed' });
        const { xlsx, name } = event.reply;
        const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
        return send(res, 200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xlsx, {
          'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        });
      }
      throw new HttpError(404, `Nothing at ${path}.`);
    }
    if (req.method !== 'POST') throw new HttpError(405, `${req.method} is not supported.`);
    const requestOrigin = req.headers.origin;
    if (requestOrigin && requestOrigin !== origin()) throw new HttpError(403, 'Requests from other sites are refused.');
    const body = await readJson(req);
    switch (path) {
      case '/api/select':
        return json(
          res,
          200,
          await ask({
            type: 'select',
            sheet: str(body, 'sheet'),
            ranges: body.ranges === undefined ? undefined : rects(body.ranges, 'ranges'),
            view: view(body.view),
          }),
        );
      case '/api/edit':
        return json(
          res,
          200,
          await ask({
            type: 'edit',
            sheet: str(body, 'sheet'),
            row: int(body.row, 'row'),
            col: int(body.col, 'col'),
            text: str(body, 'text'),
            view: view(body.view),
          }),
        );
      case '/api/clear':
        return json(res, 200, await ask({ type: 'clear', sheet: str(body, 'sheet'), ranges: rects(body.ranges, 'ranges'), view: view(body.view) }));
      case '/api/menu':
        return json(res, 200, await ask({ type: 'menu', fn: str(body, 'fn'), view: view(body.view) }));
      case '/api/run': {
        if (!Array.isArray(body.args)) throw bad('"args" must be a list.');
        // JSON has no undefined: the page lists the arguments that were undefined.
        const args = [...body.args];
        if (body.undefinedArgs !== undefined) for (const i of body.undefinedArgs as unknown[]) args[int(i, 'undefinedArgs')] = undefined;
        return json(res, 200, await ask({ type: 'run', fn: str(body, 'fn'), args, view: view(body.view) }));
      }
      case '/api/clock':
        return json(res, 200, await ask({ type: 'clock', days: int(body.days, 'days'), view: view(body.view) }));
      case '/api/open':
        return json(res, 200, await ask({ type: 'open', id: str(body, 'id'), as: str(body, 'as'), view: view(body.view) }));
      case '/api/back':
        return json(res, 200, await ask({ type: 'back', view: view(body.view) }));
      case '/api/close':
        return json(res, 200, await ask({ type: 'close', panel: str(body, 'panel'), view: view(body.view) }));
      case '/api/answer': {
        const button = str(body, 'button') as ButtonName;
        if (!BUTTONS.includes(button)) throw bad(`"button" must be one of ${BUTTONS.join(', ')}.`);
        const answer: Answer = { button, text: body.text === undefined ? undefined : str(body, 'text') };
        return json(res, 200, outcome(host, await host.answer(answer)));
      }
      default:
        throw new HttpError(404, `Nothing at ${path}.`);
    }
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const host_ = req.headers.host ?? '';
      const { port } = new URL(origin());
      if (host_ !== `127.0.0.1:${port}` && host_ !== `localhost:${port}`) throw new HttpError(403, 'Unexpected Host header.');
      await route(req, res);
    } catch (e) {
      if (res.headersSent) return void res.end();
      if (e instanceof WaitingForAnswer)
        return json(res, 409, { error: e.message, outcome: { status: 'question', snapshot: e.snapshot, question: e.question } satisfies Outcome });
      if (e instanceof BadAnswer) return json(res, 400, { error: e.message });
      if (e instanceof HttpError) return json(res, e.status, { error: e.message });
      return json(res, 500, { error: (e as Error).message ?? String(e) });
    }
  };
}
