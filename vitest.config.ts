import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import SlowestFirst from './test/sequencer.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Worker threads, not processes: starting a worker per test file costs far less.
    pool: 'threads',
    // Vitest's default is one worker fewer than the cores: a single worker on CI's two. The
    // browser files wait on Chromium and the rest can use the second core: 10 min 36 s -> 8 min
    // for the whole `npm test` on this 2-core machine, all green.
    maxWorkers: Math.max(availableParallelism() - 1, 2),
    // One Chromium for every browser test file (test/browser/chromium-server.ts).
    globalSetup: ['test/browser/chromium-server.ts'],
    // The slowest files start first, also on a fresh checkout (test/sequencer.ts).
    sequence: { sequencer: SlowestFirst },
  },
});
