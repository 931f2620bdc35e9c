// The user's templates, changed from the sidebar and stopped at any call, then changed again,
// end exactly as a change that never stopped (issue 16). The sweep (test/bundle/fault-sweep.ts)
// fails each write call k of a clean run in turn (every later call fails too), re-runs, and
// compares the emulator's whole state, user properties included. Each clean run makes a handful
// of writes (one setProperties, one deleteProperty per chunk no longer used): every one is tried.
import { describe, expect, it } from 'vitest';
import { addOn } from '../../helpers.ts';
import { describeFailures, sweepAction } from '../fault-sweep.ts';
import type { TemplatesResult } from '../../../src/shared/pitch.ts';
import { CHUNK_PREFIX, encodeTemplates, type UserTemplate } from '../../../src/core/pitch/store.ts';

type App = ReturnType<typeof addOn>;

const ids = ['user:t1', 'user:t2', 'user:t3'];
const long = (n: number) => `Hi {{First Name}} ${n}, ${'€é李 '.repeat(3000)}20 minutes?`; // ~ 27 KB of UTF-8 each

/** A user with three long templates, stored over several chunks as the add-on stores them (fixed IDs and times, the same in every world). */
function withTemplates(): App {
  const app = addOn({ csv: 'Name,Email\nAda Lovelace,ada@example.com', sheetName: 'Contacts' });
  const templates: UserTemplate[] = ids.map((id, i) => ({
    id,
    name: `T${i + 1}`,
    purpose: 'pitch',
    subject: `S${i + 1}`,
    body: long(i + 1),
    updated: '2026-01-02T10:00:00.000Z',
  }));
  const store = app.emu.properties.user(app.emu.rt.activeUser);
  for (const [key, value] of Object.entries(encodeTemplates(templates))) store.set(key, value);
  expect([...store.keys()].filter((k) => k.startsWith(CHUNK_PREFIX)).length).toBeGreaterThanOrEqual(8);
  return app;
}

function run(app: App, fn: string, args: unknown[]): void {
  const r = app.bundle.run(fn, args).result as TemplatesResult;
  if (!r.ok) throw new Error(r.message);
}

describe("The user's templates, changed and stopped at any call, then changed again, end as if it had worked the first time", () => {
  it('deleting a template', { timeout: 120_000 }, () => {
    const report = sweepAction({ prepare: withTemplates, act: (app) => run(app, 'deleteTemplate', [ids[0]]), maxPoints: 12 });
    expect(report.points.map((p) => p.call)).toContain('Properties.deleteProperty');
    expect(describeFailures(report)).toBe('');
  });

  it('shortening a template', { timeout: 120_000 }, () => {
    const report = sweepAction({
      prepare: withTemplates,
      act: (app) => run(app, 'saveTemplate', [{ id: ids[1], name: 'T2', purpose: 'pitch', subject: 'S2', body: 'Short now?' }]),
      maxPoints: 12,
    });
    expect(report.points.map((p) => p.call)).toContain('Properties.deleteProperty');
    expect(describeFailures(report)).toBe('');
  });
});
