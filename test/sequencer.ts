// The order test files start in: the longest first, so that on CI's two workers no long file
// starts last and runs alone at the end. Vitest orders by the durations of the last run on this
// machine (its cache); a fresh checkout (CI) has none and Vitest would start the largest files
// first, which are not the slowest. There, the files below (the slowest of a full run, slowest
// first) start before the others; remeasure with `npx vitest run --reporter=verbose` when they change.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const SLOWEST_FIRST = [
  'test/bundle/dashboard/property.test.ts',
  'test/bundle/interleave/interleave.test.ts',
  'test/bundle/pitch/build.test.ts',
  'test/bundle/bench.test.ts',
  'test/browser/pitch-sidebar.test.ts',
  'test/bundle/save-roundtrip.test.ts',
  'test/browser/log-event-workbench.test.ts',
  'test/browser/workbench.test.ts',
  'test/bundle/coach/sweep.test.ts',
  'test/browser/workbench-drive.test.ts',
  'test/bundle/logging/faults.test.ts',
  'test/browser/workbench-scroll.test.ts',
  'test/bundle/dashboard/faults.test.ts',
  'test/browser/workbench-machinery.test.ts',
  'test/browser/workbench-keyboard.test.ts',
  'test/bundle/cli.test.ts',
  'test/workbench/server.test.ts',
];

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const path = (spec: TestSpecification) => relative(this.ctx.config.root, spec.moduleId).split('\\').join('/');
    const measured = sorted.every((spec) => this.ctx.cache.getFileTestResults(`${spec.project.name}:${path(spec)}`));
    if (measured) return sorted;
    const rank = (spec: TestSpecification) => {
      const i = SLOWEST_FIRST.indexOf(path(spec));
      return i < 0 ? SLOWEST_FIRST.length : i;
    };
    // Array.prototype.sort is stable: the files not listed keep Vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
