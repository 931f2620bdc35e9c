// The Import contacts dialog: read a CSV file (or pasted text), preview, import, show the summary.
import '../../lib/addon.css';
import { RELATIONSHIPS } from '../../../core/tracker/schema.ts';
import { DEFAULT_CSV_LIMITS } from '../../../core/base/limits.ts';
import { thousands } from '../../../core/base/text.ts';
import type { ImportResult } from '../../../shared/types.ts';
import { callServer } from '../../lib/server.ts';
import { byId, clear, el } from '../../lib/dom.ts';
import { pageNotices } from '../../lib/notices.ts';
import { busyCalls } from '../../lib/busy.ts';

declare const google: { script: { host: { close(): void } } };

const form = byId<HTMLFormElement>('form');
const fileInput = byId<HTMLInputElement>('file');
const csv = byId<HTMLTextAreaElement>('csv');
const relationship = byId<HTMLSelectElement>('relationship');
const update = byId<HTMLInputElement>('update');
const previewButton = byId<HTMLButtonElement>('preview');
const importButton = byId<HTMLButtonElement>('import');
const notes = pageNotices();
const problems = byId<HTMLUListElement>('problems');

for (const r of RELATIONSHIPS) relationship.appendChild(el('option', r));

fileInput.addEventListener('change', async () => {
  const file = fileInput.files?.[0];
  if (!file) return;
  if (file.size > DEFAULT_CSV_LIMITS.maxBytes) {
    notes.error(
      `That file is ${(file.size / 1048576).toFixed(1)} MB; one import takes at most ${DEFAULT_CSV_LIMITS.maxBytes / 1048576} MB. Split it into smaller files.`,
    );
    return;
  }
  try {
    csv.value = await file.text();
  } catch (e) {
    notes.failure(e, `Could not read ${file.name}`);
    return;
  }
  notes.say(`Read ${file.name}. Preview it or import it.`);
});

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Columns not imported named in the result; a file may have thousands. */
const COLUMNS_LISTED = 10;

function show(result: ImportResult): void {
  clear(problems);
  if (!result.ok) {
    notes.error(result.message);
    return;
  }
  const s = result.summary;
  const verb = result.dryRun ? 'Would add' : 'Added';
  const lines = [
    `${verb} ${plural(s.added, 'contact')}, ${result.dryRun ? 'would update' : 'updated'} ${s.updated}, skipped ${s.skipped} (sheet “${result.sheetName}”).`,
  ];
  const ignored = s.ignoredColumns ?? [];
  const more = ignored.length > COLUMNS_LISTED ? ` and ${thousands(ignored.length - COLUMNS_LISTED)} more` : '';
  if (ignored.length) lines.push(`Columns not imported: ${ignored.slice(0, COLUMNS_LISTED).join(', ')}${more}.`);
  if (s.warnings?.length) lines.push(...s.warnings);
  notes.say(lines.join('\n'), 'ok');
  for (const p of s.problems.slice(0, 200)) problems.appendChild(el('li', `Line ${p.line}: ${p.reason}`));
  if (s.problems.length > 200) problems.appendChild(el('li', `…and ${s.problems.length - 200} more.`));
}

const busy = busyCalls(notes);
async function run(dryRun: boolean): Promise<void> {
  if (!csv.value.trim()) {
    notes.error('Choose a CSV file or paste its text first.');
    csv.focus();
    return;
  }
  const options = { relationship: relationship.value || undefined, updateExisting: update.checked, dryRun };
  const result = await busy(
    [previewButton, importButton],
    dryRun ? 'Checking…' : 'Importing…',
    dryRun ? 'Could not check the contacts' : 'Could not import the contacts',
    () => callServer('importContacts', csv.value, options),
  );
  if (result) show(result);
}

previewButton.addEventListener('click', () => void run(true));
form.addEventListener('submit', (e) => {
  e.preventDefault();
  void run(false);
});
byId('close').addEventListener('click', () => google.script.host.close());
