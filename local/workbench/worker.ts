// The worker thread that holds the workbook. It opens the file (or the sample), then answers the
// server thread's requests one at a time. A script that asks the user something (ui.alert,
// ui.prompt) blocks right there, as in Apps Script: the question goes to the server thread with a
// snapshot of the sheet as it is at that moment, and the script continues with the user's answer.

import { parentPort, workerData } from 'node:worker_threads';
import type { AskedQuestion, ScriptedAnswer } from '../emulator/services/ui.ts';
import { waitForAnswer } from './answer-channel.ts';
import { Workbench } from './session.ts';
import type { FromWorker, Reply, Request, ToWorker, WorkerStart } from './worker-messages.ts';
import type { ViewRequest } from './protocol.ts';
import { WorkbookFileError } from '../emulator/io.ts';
import { BundleError } from '../bundle.ts';

const start = workerData as WorkerStart;
const port = parentPort!;
const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** A request the page got wrong (unknown sheet, cell off the sheet): a 400, not a crash. */
const isBadRequest = (e: unknown) => e instanceof RangeError;

async function handle(bench: Workbench, request: Request): Promise<{ reply: Reply; transfer?: ArrayBuffer[] }> {
  const snap = (view: ViewRequest, result?: unknown): { reply: Reply } => ({ reply: { snapshot: bench.snapshot(view), result } });
  switch (request.type) {
    case 'snapshot':
      return snap(request.view);
    case 'window':
      return { reply: { window: bench.window(request.sheet, request.view) } };
    case 'select':
      bench.select(request.sheet, request.ranges);
      return snap(request.view);
    case 'edit':
      return snap(request.view, bench.edit(request.sheet, request.row, request.col, request.text));
    case 'clear':
      return snap(request.view, bench.clear(request.sheet, request.ranges));
    case 'menu':
      return snap(request.view, bench.runMenu(request.fn));
    case 'run':
      return snap(request.view, bench.runFromPage(request.fn, request.args));
    case 'close':
      bench.closePanel(request.panel);
      return snap(request.view);
    case 'clock':
      return snap(request.view, bench.advanceDays(request.days));
    case 'open':
      bench.openFileAs(request.id, request.as);
      return snap(request.view);
    case 'back':
      bench.backToTracker();
      return snap(request.view);
    case 'save': {
      const data = await bench.save();
      const xlsx = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
      return { reply: { xlsx, name: bench.saveName }, transfer: [xlsx.buffer] };
    }
  }
}

async function main(): Promise<void> {
  let bench: Workbench;
  try {
    bench = await Workbench.open({
      file: start.file,
      label: start.label,
      buildDir: start.buildDir,
      timeZone: start.timeZone,
      locale: start.locale,
      now: start.now,
    });
  } catch (e) {
    const known = e instanceof WorkbookFileError || e instanceof BundleError;
    post({ type: 'failed', message: known ? e.message : ((e as Error).stack ?? String(e)) });
    return;
  }
  let current: ToWorker | null = null;
  bench.emu.ui.onQuestion = (question: AskedQuestion): ScriptedAnswer => {
    const view = current && 'view' in current.request ? current.request.view : { top: 1, rows: 100 };
    const { kind, title, prompt, buttons } = question;
    post({ type: 'question', id: current?.id ?? -1, question: { kind, title, prompt, buttons }, snapshot: bench.snapshot(view) });
    return waitForAnswer(start.answers) as ScriptedAnswer;
  };
  post({ type: 'ready', description: bench.description, functions: bench.pageFunctions() });

  // The server thread sends one request at a time, but chain them anyway so that an async one
  // (save) can never interleave with the next.
  let queue = Promise.resolve();
  port.on('message', (message: ToWorker) => {
    queue = queue.then(async () => {
      current = message;
      try {
        const { reply, transfer } = await handle(bench, message.request);
        post({ type: 'reply', id: message.id, ok: true, reply }, transfer);
      } catch (e) {
        post({ type: 'reply', id: message.id, ok: false, message: (e as Error).message ?? String(e), badRequest: isBadRequest(e) });
      } finally {
        current = null;
      }
    });
  });
}

void main();
