import { defineConfig } from 'vitest/config';
import SlowestFirst from './test/sequencer.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Worker threads, not processes: starting a worker per test file costs far less.
    pool: 'threads',
    // One Chromium for every browser test file (test/browser/chromium-server.ts).
    globalSetup: ['test/browser/chromium-server.ts'],
    // The slowest files start first, also on a fresh checkout (test/sequencer.ts).
    sequence: { sequencer: SlowestFirst },
  },
});
