// The transfer panel: exporting your templates to a file or text, and importing them back.
import { LIMITS } from '../../../core/pitch/store.ts';
import { callServer } from '../../lib/server.ts';
import { $, busy, notes, state } from './page.ts';
import { setUserTemplates } from './templates-panel.ts';

export function initTransfer(): void {
  $.exportButton.addEventListener('click', () => {
    void busy($.exportButton, 'Exporting…', 'Could not export your templates', () => callServer('exportTemplates')).then((r) => {
      if (!r) return;
      if (!r.ok) return notes.error(r.message);
      $.transfer.value = r.text;
      const old = $.exportDownload.getAttribute('href');
      if (old) URL.revokeObjectURL(old);
      $.exportDownload.setAttribute('href', URL.createObjectURL(new Blob([r.text], { type: 'application/json' })));
      $.exportDownload.setAttribute('download', r.fileName);
      $.exportDownload.hidden = false;
      notes.say(`Exported ${r.count} ${r.count === 1 ? 'template' : 'templates'}: download the file, or copy the text from the box below.`, 'ok');
    });
  });
  $.importFile.addEventListener('change', async () => {
    const file = $.importFile.files?.[0];
    if (!file) return;
    if (file.size > LIMITS.importChars) return notes.error('That file is too big to be a templates export.');
    try {
      $.transfer.value = await file.text();
    } catch (e) {
      return notes.failure(e, `Could not read ${file.name}`);
    }
    notes.say(`Read ${file.name}. Choose Import to add its templates.`);
  });
  $.importButton.addEventListener('click', () => {
    if (!$.transfer.value.trim()) {
      notes.error('Choose an exported templates file, or paste its text, first.');
      $.transfer.focus();
      return;
    }
    void busy($.importButton, 'Importing…', 'Could not import the templates', () => callServer('importTemplates', $.transfer.value)).then((r) => {
      if (!r) return;
      if (!r.ok) return notes.error(r.message);
      setUserTemplates(r.templates, state.template.id);
      notes.say(r.message, 'ok');
    });
  });
}
