// Vitest's global setup: one headless Chromium for the whole run, which every browser test file
// connects to (launchBrowser in harness.ts) instead of launching its own: a launch costs a second
// or more, a connection a tenth of that, and each connection gets its own contexts and pages,
// closed with it. Launched only when the run includes a browser test; a file run without it
// (another config, a filter this misses) launches its own, as before.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../local/pitch-page.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared Chromium's address (see chromium-server.ts); absent when none was launched. */
    chromiumEndpoint?: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  // Missing Chromium: each file launches its own, and fails with harness.ts's message saying how to install it.
  if (!existsSync(CHROMIUM_PATH)) return undefined;
  // The command line's file filters (Vitest keeps them internal); none: every file runs.
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  const { testFiles } = await project.globTestFiles(filters);
  if (!testFiles.some((file) => /[/\\]test[/\\]browser[/\\]/.test(file))) return undefined;
  const server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  project.provide('chromiumEndpoint', server.wsEndpoint());
  return () => server.close();
}
