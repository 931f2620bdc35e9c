// Messages between the server thread (host.ts) and the worker thread that holds the workbook
// (worker.ts).

import type { GridWindow, QuestionView, Rect, ViewRequest } from './protocol.ts';
import type { Workbench } from './session.ts';

/**
 * The workbook's thread: a young generation of 384 MB (V8's semi-spaces of 128 MB, against 16 MB
 * by default). Recomputing the Dashboard over 10,000 contacts and 20,000 log rows builds arrays of
 * whole columns that outlive the default's minor collections, so V8 moved them to the old
 * generation, and each edit then paid for major collections of the whole workbook (about half of
 * the CPU of the Dashboard's update after typing a Stage). `npm run bench` runs its workbench part
 * in a thread with the same limits.
 */
export const WORKBOOK_THREAD_LIMITS = { maxYoungGenerationSizeMb: 384 };

export interface WorkerStart {
  file?: string;
  label?: string;
  buildDir: string;
  timeZone: string;
  /** The workbook's locale (`--locale`): how its formulas are written. */
  locale?: string;
  /** Epoch ms the emulator's clock starts at (`--now`); omitted: the real time. */
  now?: number;
  answers: SharedArrayBuffer;
}

export type Request =
  | { type: 'snapshot'; view: ViewRequest }
  | { type: 'window'; sheet: string; view: ViewRequest }
  | { type: 'select'; sheet: string; ranges?: Rect[]; view: ViewRequest }
  | { type: 'edit'; sheet: string; row: number; col: number; text: string; view: ViewRequest }
  | { type: 'clear'; sheet: string; ranges: Rect[]; view: ViewRequest }
  | { type: 'menu'; fn: string; view: ViewRequest }
  | { type: 'run'; fn: string; args: unknown[]; view: ViewRequest }
  | { type: 'close'; panel: string; view: ViewRequest }
  | { type: 'clock'; days: number; view: ViewRequest }
  | { type: 'open'; id: string; as: string; view: ViewRequest }
  | { type: 'back'; view: ViewRequest }
  | { type: 'save' };

/** A snapshot as the worker sends it: open panels still carry their HTML. */
export type WorkerSnapshot = ReturnType<Workbench['snapshot']>;

export type Reply = { snapshot: WorkerSnapshot; result?: unknown } | { window: GridWindow } | { xlsx: Uint8Array; name: string };

export type FromWorker =
  | { type: 'ready'; description: string; functions: string[] }
  | { type: 'failed'; message: string }
  | { type: 'reply'; id: number; ok: true; reply: Reply }
  | { type: 'reply'; id: number; ok: false; message: string; badRequest: boolean }
  | { type: 'question'; id: number; question: QuestionView; snapshot: WorkerSnapshot };

export interface ToWorker {
  id: number;
  request: Request;
}
