// The preview panel: the message filled for the contact, its word count and the checker's
// warnings, and the checker's summary announced to screen readers.
import { checkSummary } from '../../../core/pitch/checker.ts';
import { byId } from '../../lib/dom.ts';
import { $, state } from './page.ts';
import { computePreview, showPreview } from './preview.ts';

const view = {
  subject: byId('preview-subject'),
  body: byId('preview-body'),
  words: byId('word-count'),
  warnings: byId<HTMLUListElement>('warnings'),
  gmail: byId<HTMLAnchorElement>('gmail'),
  mailto: byId<HTMLAnchorElement>('mailto'),
};

export function renderPreview(): void {
  const draft = { subject: $.subjectSrc.value, body: $.bodySrc.value, purpose: state.template.purpose };
  state.preview = computePreview(draft, state.contact, state.headers, state.settings);
  showPreview(view, state.preview, state.settings.wordLimit);
  announceChecks(checkSummary(state.preview.check, state.settings.wordLimit));
}

// The checker's summary, announced politely once typing pauses; the list itself is not a live
// region, so a keystroke does not make a screen reader read every warning again.
const ANNOUNCE_AFTER_MS = 1200;
let announceTimer: ReturnType<typeof setTimeout> | undefined;
let announced = '';
function announceChecks(summary: string): void {
  clearTimeout(announceTimer);
  if (!announced) {
    announced = summary; // the first preview is not announced: the page has just opened
    return;
  }
  announceTimer = setTimeout(() => {
    if (summary === announced) return;
    announced = summary;
    $.checksSummary.textContent = summary;
  }, ANNOUNCE_AFTER_MS);
}
