// Typed calls from a page to the server's entry points through google.script.run. The names
// and types come from the protocol in src/shared/api.ts, which the server's type check holds its
// entry points to (src/server/api-check.ts), so renaming or changing a server function breaks the
// type check (`npm test`, `npm run deploy`), not the user. The build also checks that every
// page's server call names an exported entry point.
//
// The server answers problems the user can fix with { ok: false, message } (src/server/base/actions.ts:
// its UserError messages are written for users). Anything that reaches the failure handler is a
// problem nobody planned for (a bug, Google failing, the network): the page shows a fixed plain
// sentence, and the raw text only in the console and a small "details" disclosure.

import type { ServerApi } from '../../shared/api.ts';

type Fn = (...args: never[]) => unknown;

interface ScriptRun {
  withSuccessHandler(f: (value: unknown) => void): ScriptRun;
  withFailureHandler(f: (error: Error) => void): ScriptRun;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRun } };

export function callServer<K extends keyof ServerApi>(
  name: K,
  ...args: ServerApi[K] extends Fn ? Parameters<ServerApi[K]> : never
): Promise<ServerApi[K] extends Fn ? ReturnType<ServerApi[K]> : never> {
  return new Promise((resolve, reject) => {
    const failed = (error: unknown) => {
      console.error(`google.script.run.${String(name)} failed: ${rawText(error)}`);
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const run = google.script.run.withSuccessHandler((value) => resolve(value as never)).withFailureHandler(failed);
    // An argument google.script.run refuses throws here, before anything is sent.
    (run[name] as (...a: unknown[]) => void)(...args);
  });
}

/** The error as Google or the browser gave it, for developers ("ScriptError" says only that it came from the server). */
function rawText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const named = error.name && !['Error', 'ScriptError'].includes(error.name) && !error.message.startsWith(error.name);
  return named ? `${error.name}: ${error.message}` : error.message;
}

interface CallFailure {
  /** A fixed sentence for the user: what failed and what to try. */
  message: string;
  /** The raw text, for a "details" disclosure. */
  details: string;
}

/** Google's client reports a lost connection as a NetworkError ("NetworkError: Connection failure due to HTTP 0"). */
const isNetwork = (error: unknown) => /NetworkError|Connection failure/i.test(rawText(error));

/**
 * What to tell the user about a call that failed unexpectedly. `what` says what failed, as the
 * start of a sentence: "Could not save the template".
 */
export function describeFailure(error: unknown, what = 'That did not work'): CallFailure {
  const details = rawText(error);
  if (isNetwork(error)) return { message: `${what}: Google could not be reached. Check your internet connection, then try again.`, details };
  return {
    message: `${what}: something went wrong that the add-on did not expect. Please try again. If it keeps happening, reload the spreadsheet; if you use several Google accounts, open it in a window signed in to just this one.`,
    details,
  };
}
