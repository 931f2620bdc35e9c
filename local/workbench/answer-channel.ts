// How the user's answer to an alert or prompt reaches a script that is waiting for it. Apps Script's
// ui.alert() blocks until the user clicks a button; the script here runs synchronously in a worker
// thread, so it blocks the same way, on Atomics.wait over shared memory, until the server thread
// writes the answer there.

const FLAG = 0; // 0: waiting, 1: an answer is written
const LENGTH = 1;
const HEADER_BYTES = 8;
/** Room for a prompt's typed text (Sheets' prompt box is a single line; 1 MB is far beyond it). */
export const ANSWER_BYTES = 1 << 20;

export function createAnswerBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + ANSWER_BYTES);
}

/** Server thread: hands `answer` to the waiting script. Throws if it does not fit. */
export function sendAnswer(buffer: SharedArrayBuffer, answer: unknown): void {
  const bytes = new TextEncoder().encode(JSON.stringify(answer));
  if (bytes.length > ANSWER_BYTES) throw new RangeError(`The answer is too long (${bytes.length} bytes; at most ${ANSWER_BYTES}).`);
  const header = new Int32Array(buffer, 0, 2);
  new Uint8Array(buffer, HEADER_BYTES, bytes.length).set(bytes);
  Atomics.store(header, LENGTH, bytes.length);
  Atomics.store(header, FLAG, 1);
  Atomics.notify(header, FLAG);
}

/** Worker thread: blocks until the server thread sends an answer, and returns it. */
export function waitForAnswer(buffer: SharedArrayBuffer): unknown {
  const header = new Int32Array(buffer, 0, 2);
  Atomics.wait(header, FLAG, 0);
  const length = Atomics.load(header, LENGTH);
  // TextDecoder refuses views on shared memory: copy the bytes out first.
  const text = new TextDecoder().decode(new Uint8Array(buffer, HEADER_BYTES, length).slice());
  Atomics.store(header, FLAG, 0);
  return JSON.parse(text);
}
