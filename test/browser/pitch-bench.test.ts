// A quick run of `npm run bench`'s pitch sidebar measure on a few rows: it measures both times
// on the real build, and on a build whose sidebar cannot load it says so instead of hanging or
// printing a made-up number.
import { describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD, requireBuild } from '../helpers.ts';
import { formatSidebarBench, SIDEBAR_FILE, sidebarBench } from '../../local/pitch-bench.ts';

describe('pitch sidebar bench', () => {
  requireBuild();

  it('measures the size of the real page and both load times', async () => {
    const b = await sidebarBench(BUILD, 10);
    expect(SIDEBAR_FILE).toBe('PitchSidebar.html');
    expect(b.bytes).toBe(statSync(join(BUILD, SIDEBAR_FILE)).size);
    expect(b.problems).toEqual([]);
    expect(b.directMs).toBeGreaterThan(0);
    expect(b.workbenchMs).toBeGreaterThan(0);
    const text = formatSidebarBench(b);
    expect(text).toContain(`build/PitchSidebar.html            ${b.bytes} bytes (limit 61440)`);
    expect(text).toMatch(/load to filled preview \(direct\) {4}\d+ ms/);
    expect(text).toMatch(/menu to filled preview \(workbench\) \d+ ms/);
  }, 60_000);

  it('says "not measured", and why, when the sidebar ends in its error state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pitch-bench-broken-'));
    try {
      cpSync(BUILD, dir, { recursive: true });
      // A later declaration of the same top-level function wins: the sidebar's first call fails.
      appendFileSync(join(dir, 'Code.js'), '\nfunction getPitchContext() { throw new TypeError("broken on purpose"); }\n');
      const started = Date.now();
      const b = await sidebarBench(dir, 5);
      expect(Date.now() - started).toBeLessThan(25_000); // did not wait for a ready state that never comes
      expect([b.directMs, b.workbenchMs]).toEqual([null, null]);
      const why = '“Could not read the contact: something went wrong that the add-on did not expect.';
      expect(b.problems).toEqual([
        expect.stringContaining(`direct: the sidebar did not load: ${why}`),
        expect.stringContaining(`workbench: the sidebar did not load: ${why}`),
      ]);
      const text = formatSidebarBench(b);
      expect(text).toContain('load to filled preview (direct)    not measured');
      expect(text).not.toMatch(/-1|NaN/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
