// The built pitch sidebar page: small, self-contained, and with no way for data to become markup.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD, ROOT, requireBuild } from '../../helpers.ts';
import { SIDEBAR_FILE, SIDEBAR_LIMIT_BYTES } from '../../../local/pitch-bench.ts';

// The page the server opens (SIDEBAR_PAGE), built from the folder of the same name.
const PAGE = join(BUILD, SIDEBAR_FILE);
const SOURCE = join(ROOT, 'src/client/pages/PitchSidebar');

describe('build/PitchSidebar.html', () => {
  requireBuild();
  const html = readFileSync(PAGE, 'utf8');

  it("is the page the server opens, named after its folder (the issue's build/Sidebar.html)", () => {
    expect(SIDEBAR_FILE).toBe('PitchSidebar.html');
    expect(existsSync(SOURCE)).toBe(true);
  });

  it(`stays under ${SIDEBAR_LIMIT_BYTES / 1024} KB`, () => {
    expect(statSync(PAGE).size).toBeLessThan(SIDEBAR_LIMIT_BYTES);
  });

  it("is one self-contained file: inlined script and style, only Google's add-on stylesheet linked", () => {
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).toContain('<style>');
    expect([...html.matchAll(/<link[^>]+href="([^"]+)"/g)].map((m) => m[1])).toEqual(['https://ssl.gstatic.com/docs/script/css/add-ons1.css']);
    expect(html).not.toContain('@inline-');
  });

  it("has one template scriptlet, printing the user's data escaped into an attribute (never raw)", () => {
    expect(html.match(/<\?/g)).toEqual(['<?']);
    expect(html).toContain('<div id="user-data" hidden data-user="<?= userData ?>"></div>');
    expect(html).not.toMatch(/<\?!=/);
  });

  it('its source never writes markup from strings', () => {
    for (const file of readdirSync(SOURCE).filter((f) => f.endsWith('.ts'))) {
      const code = readFileSync(join(SOURCE, file), 'utf8');
      expect(code, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    }
  });
});
