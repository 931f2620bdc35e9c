// Typed calls between the pitch sidebar and the server, on a temporary copy of the project: a
// renamed server function or page call fails the build with a clear message (and writes nothing),
// and a change of argument type, which the build alone does not see, stops `npm run deploy`
// before clasp pushes anything. The pages' shared markup is put in place by the build.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../helpers.ts';

let copy: string;

/** The project's sources and tools, with node_modules linked in, except clasp: a stand-in that notes the push. */
function makeCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pitch-build-'));
  for (const name of ['src', 'tools']) cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  for (const name of ['appsscript.json', 'package.json', ...readdirSync(ROOT).filter((f) => /^tsconfig(\.\w+)?\.json$/.test(f))])
    cpSync(join(ROOT, name), join(dir, name));
  const modules = join(ROOT, 'node_modules');
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  for (const entry of readdirSync(modules)) if (entry !== '.bin') symlinkSync(join(modules, entry), join(dir, 'node_modules', entry));
  for (const bin of readdirSync(join(modules, '.bin'))) if (bin !== 'clasp') symlinkSync(join(modules, '.bin', bin), join(dir, 'node_modules/.bin', bin));
  writeFileSync(join(dir, 'node_modules/.bin/clasp'), '#!/bin/sh\necho "$@" > "$INIT_CWD/pushed"\n');
  chmodSync(join(dir, 'node_modules/.bin/clasp'), 0o755);
  return dir;
}

function edit(file: string, from: string, to: string): () => void {
  const path = join(copy, file);
  const before = readFileSync(path, 'utf8');
  expect(before, `${file} holds ${from}`).toContain(from);
  writeFileSync(path, before.replace(from, to));
  return () => writeFileSync(path, before);
}

const run = (command: string, args: string[]) =>
  spawnSync(command, args, { cwd: copy, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
const build = () => run(process.execPath, ['tools/build.mjs', '--quiet']);

/** With `from` replaced by `to` in `file`, the build fails and says `message`; the file is put back. */
function expectBuildToFail(file: string, from: string, to: string, message: string): void {
  const restore = edit(file, from, to);
  try {
    const r = build();
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`build: ${message}\n`);
  } finally {
    restore();
  }
}

beforeAll(() => {
  copy = makeCopy();
});
afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('a renamed server function breaks the build, not the user', () => {
  it('builds the copy as it is', () => {
    const r = build();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(join(copy, 'build/PitchSidebar.html'))).toBe(true);
  });

  it('fails, writing nothing, when the server no longer exports a function the sidebar calls', () => {
    rmSync(join(copy, 'build'), { recursive: true, force: true });
    const restore = edit('src/server/main.ts', '  markMessageSent,\n', '  markMessageSent as markSidebarMessageSent,\n');
    try {
      const r = build();
      expect(r.status).toBe(1);
      // The first file of the page that calls it is named: the "It worked" panel's Mark as sent or the message's.
      expect(r.stderr).toMatch(
        /^build: src\/client\/pages\/PitchSidebar\/(send|thanks)-panel\.ts calls server function "markMessageSent", which src\/server\/main\.ts does not export\n$/,
      );
      expect(existsSync(join(copy, 'build'))).toBe(false);
    } finally {
      restore();
    }
  });

  it('fails when the sidebar calls a function by a name the server does not have', () => {
    expectBuildToFail(
      'src/client/pages/PitchSidebar/contact-panel.ts',
      "callServer('nextContact'",
      "callServer('nextContacts'",
      'src/client/pages/PitchSidebar/contact-panel.ts calls server function "nextContacts", which src/server/main.ts does not export',
    );
  });
});

describe('markup the pages share', () => {
  it("is put in place of each page's include marker", () => {
    expect(build().status).toBe(0);
    const notices = readFileSync(join(copy, 'src/client/lib/notices.html'), 'utf8').trimEnd();
    for (const page of ['ImportDialog', 'LogEventDialog', 'PitchSidebar', 'ShareDialog']) {
      const html = readFileSync(join(copy, `build/${page}.html`), 'utf8');
      expect(html, page).toContain(notices);
      expect(html, page).not.toContain('@include');
    }
  });

  it('fails the build, naming the page, when an include names a file src/client does not have', () => {
    expectBuildToFail(
      'src/client/pages/ShareDialog/index.html',
      '<!-- @include lib/notices.html -->',
      '<!-- @include lib/notice.html -->',
      'src/client/pages/ShareDialog/index.html includes lib/notice.html, which src/client does not have',
    );
  });

  it('fails the build when an include reaches outside src/client', () => {
    expectBuildToFail(
      'src/client/pages/ShareDialog/index.html',
      '<!-- @include lib/notices.html -->',
      '<!-- @include ../../package.json -->',
      'src/client/pages/ShareDialog/index.html includes ../../package.json, which is outside src/client',
    );
  });
});

describe('npm run deploy type-checks before it pushes', () => {
  it('pushes a project whose page and server types agree', () => {
    const r = run('npm', ['run', 'deploy', '--silent']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(readFileSync(join(copy, 'pushed'), 'utf8')).toBe('push --force\n');
  }, 60_000);

  it('stops before pushing when the server expects another type than the page sends', () => {
    rmSync(join(copy, 'pushed'));
    // The build alone does not see it: names still match. The pages send what src/shared/api.ts
    // says; the server's entry point now expects something else.
    const restore = edit(
      'src/server/pitch/entry-points.ts',
      'export function markMessageSent(input: MarkSentInput)',
      'export function markMessageSent(input: { eventId: number })',
    );
    try {
      expect(build().status).toBe(0);
      const r = run('npm', ['run', 'deploy', '--silent']);
      expect(r.status).not.toBe(0);
      expect(r.stdout + r.stderr).toMatch(/src\/server\/api-check\.ts\(\d+,\d+\): error TS2322: .*markMessageSent.*eventId/s);
      expect(existsSync(join(copy, 'pushed'))).toBe(false);
    } finally {
      restore();
    }
  }, 60_000);
});
