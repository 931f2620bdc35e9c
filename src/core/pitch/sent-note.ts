// What Mark as sent writes in the Interview log's Details cell: the template's name and the
// subject. Shared by the server (which refuses a subject too long for the cell rather than cut
// it) and the sidebar (which counts the characters the subject may take).

import { MAX_CELL_CHARS, sheetTextLength, thousands } from '../base/text.ts';

export function sentNote(templateName: string, subject: string): string {
  return [templateName && `Template: ${templateName}`, subject && `Subject: ${subject}`].filter(Boolean).join('\n');
}

/** Most characters the subject may have for the note to fit in a cell with `templateName`. */
export function subjectRoom(templateName: string): number {
  return MAX_CELL_CHARS - (sheetTextLength(sentNote(templateName, 'x')) - 1);
}

/** Why the note for `subject` does not fit in a cell, or null. */
export function subjectTooLong(templateName: string, subject: string): string | null {
  if (sheetTextLength(sentNote(templateName, subject)) <= MAX_CELL_CHARS) return null;
  const room = thousands(subjectRoom(templateName));
  return `The subject is ${thousands(subject.length)} characters long; the Interview log keeps it in one cell with the template's name, so it can be at most ${room} characters. Shorten it and try again. Nothing was logged.`;
}
