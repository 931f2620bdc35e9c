// The server thread's side of the worker that holds the workbook. Requests run one at a time, in
// the order they came, so concurrent HTTP requests never interleave on the workbook. A request
// whose script asks the user something resolves early with the question; the script waits in the
// worker until answer() delivers the user's reply, and the request's lock is held until it ends.

import { Worker } from 'node:worker_threads';
import { answerFits, type Answer } from './answers.ts';
import { createAnswerBuffer, sendAnswer } from './answer-channel.ts';
import type { QuestionView, Snapshot } from './protocol.ts';
import { WORKBOOK_THREAD_LIMITS, type FromWorker, type Reply, type Request, type WorkerSnapshot } from './worker-messages.ts';

export type Event =
  | { kind: 'reply'; ok: true; reply: Reply }
  | { kind: 'reply'; ok: false; message: string; badRequest: boolean }
  | { kind: 'question'; question: QuestionView; snapshot: Snapshot };

export class StartError extends Error {}
/** A request made while a script waits for the user's answer. */
export class WaitingForAnswer extends Error {
  constructor(
    readonly question: QuestionView,
    readonly snapshot: Snapshot,
  ) {
    super('A script is waiting for an answer to its question.');
  }
}
export class BadAnswer extends Error {}

interface Job {
  id: number;
  /** Where the next event of this job goes (the HTTP request waiting for it). */
  next: ((event: Event) => void) | null;
  done: () => void;
}

export interface HostOptions {
  file?: string;
  label?: string;
  buildDir: string;
  timeZone: string;
  locale?: string;
  now?: number;
}

export class WorkbenchHost {
  description = '';
  functions: string[] = [];
  /** HTML of the sidebars and dialogs shown so far, by panel id. */
  readonly panels = new Map<string, string>();
  private readonly answers = createAnswerBuffer();
  private readonly worker: Worker;
  private chain: Promise<void> = Promise.resolve();
  private job: Job | null = null;
  private nextId = 1;
  private waiting: { question: QuestionView; snapshot: Snapshot } | null = null;
  private onFatal: (message: string) => void = () => {};

  private constructor(options: HostOptions) {
    this.worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: {
        file: options.file,
        label: options.label,
        buildDir: options.buildDir,
        timeZone: options.timeZone,
        locale: options.locale,
        now: options.now,
        answers: this.answers,
      },
      resourceLimits: WORKBOOK_THREAD_LIMITS,
    });
  }

  /** Starts the worker and waits until the workbook is open. Throws StartError with the reason. */
  static start(options: HostOptions, onFatal: (message: string) => void): Promise<WorkbenchHost> {
    const host = new WorkbenchHost(options);
    return new Promise((resolve, reject) => {
      const early = (e: Error) => reject(new StartError(e.stack ?? e.message));
      host.worker.once('error', early);
      host.worker.once('message', (message: FromWorker) => {
        host.worker.off('error', early);
        if (message.type === 'failed') {
          void host.worker.terminate();
          reject(new StartError(message.message));
          return;
        }
        if (message.type !== 'ready') {
          reject(new StartError(`unexpected first message from the workbook worker: ${message.type}`));
          return;
        }
        host.description = message.description;
        host.functions = message.functions;
        host.onFatal = onFatal;
        host.worker.on('message', (m: FromWorker) => host.receive(m));
        host.worker.on('error', (e) => host.onFatal(`the workbook worker failed: ${e.stack ?? e.message}`));
        host.worker.on('exit', (code) => host.onFatal(`the workbook worker stopped (exit code ${code})`));
        resolve(host);
      });
    });
  }

  /** The question a script is waiting on, if any. */
  get question(): { question: QuestionView; snapshot: Snapshot } | null {
    return this.waiting;
  }

  /** Keeps panel HTML on this side (served at /panel/<id>) and sends the page the rest. */
  pageSnapshot(s: WorkerSnapshot): Snapshot {
    const strip = (p: WorkerSnapshot['sidebar']) => {
      if (!p) return null;
      const { html, ...panel } = p;
      this.panels.set(p.id, html);
      return panel;
    };
    return { ...s, sidebar: strip(s.sidebar), dialog: strip(s.dialog) };
  }

  private receive(message: FromWorker): void {
    const job = this.job;
    if (!job || (message.type !== 'reply' && message.type !== 'question') || message.id !== job.id) return;
    if (message.type === 'question') {
      const snapshot = this.pageSnapshot(message.snapshot);
      this.waiting = { question: message.question, snapshot };
      const next = job.next;
      job.next = null;
      next?.({ kind: 'question', question: message.question, snapshot });
      return;
    }
    this.waiting = null;
    this.job = null;
    job.next?.(
      message.ok ? { kind: 'reply', ok: true, reply: message.reply } : { kind: 'reply', ok: false, message: message.message, badRequest: message.badRequest },
    );
    job.done();
  }

  /** Runs `request` after every earlier one; resolves with its reply or with the first question it asks. */
  request(request: Request): Promise<Event> {
    if (this.waiting) return Promise.reject(new WaitingForAnswer(this.waiting.question, this.waiting.snapshot));
    return new Promise((resolve) => {
      this.chain = this.chain.then(
        () =>
          new Promise<void>((done) => {
            this.job = { id: this.nextId++, next: resolve, done };
            this.worker.postMessage({ id: this.job.id, request });
          }),
      );
    });
  }

  /** The user's answer to the waiting question; resolves with the script's next event. */
  answer(answer: Answer): Promise<Event> {
    const waiting = this.waiting;
    const job = this.job;
    if (!waiting || !job) return Promise.reject(new BadAnswer('No script is waiting for an answer.'));
    const problem = answerFits(waiting.question, answer);
    if (problem) return Promise.reject(new BadAnswer(problem));
    return new Promise((resolve) => {
      job.next = resolve;
      this.waiting = null;
      sendAnswer(this.answers, waiting.question.kind === 'prompt' ? { button: answer.button, text: answer.text ?? '' } : answer.button);
    });
  }

  stop(): Promise<number> {
    this.onFatal = () => {};
    return this.worker.terminate();
  }
}
