// Typed calls from a page to the server's entry points through google.script.run. The names
// and types come from src/server/main.ts itself, so renaming or changing a server function
// breaks the build (and the page's type check), not the user. The build also checks that
// every page's server call names an exported entry point.

import type * as Server from '../../server/main.ts';

type ServerApi = typeof Server;
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
    const run = google.script.run
      .withSuccessHandler((value) => resolve(value as never))
      .withFailureHandler((error) => reject(error instanceof Error ? error : new Error(String(error))));
    (run[name] as (...a: unknown[]) => void)(...args);
  });
}

/** The text to show for a failed call: the server's message without "Exception: ". */
export function failureText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^(Exception|Error): /, '') || 'Something went wrong. Please try again.';
}
