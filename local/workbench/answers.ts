// Which buttons each kind of alert or prompt shows, and whether an answer fits the question.
// Shared by the server (checks the page's answer) and the page (draws the buttons).

import type { Answer, ButtonName, QuestionView } from './protocol.ts';

export type { Answer };

/** The buttons of each ButtonSet, in the order Sheets shows them. */
export const BUTTONS_OF: Record<QuestionView['buttons'], ButtonName[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export const BUTTON_LABEL: Record<ButtonName, string> = { OK: 'OK', CANCEL: 'Cancel', YES: 'Yes', NO: 'No', CLOSE: 'Close' };

/** Why `answer` cannot answer `question`, or null if it can. CLOSE (the dialog's × button) answers any question. */
export function answerFits(question: QuestionView, answer: Answer): string | null {
  if (answer.button !== 'CLOSE' && !BUTTONS_OF[question.buttons].includes(answer.button)) {
    return `${answer.button} is not a button of this ${question.kind} (${BUTTONS_OF[question.buttons].join(', ')} or CLOSE).`;
  }
  if (answer.text !== undefined && question.kind !== 'prompt') return 'Only a prompt takes typed text.';
  return null;
}
