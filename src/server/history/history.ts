// A contact's history for the pitch sidebar: one read of the tracker and one of the Interview
// log, the rest is core's. Reads only: no lock, nothing written.

import { thanksOffer } from '../../core/history/chain.ts';
import { contactHistory, type ContactHistory } from '../../core/history/history.ts';
import { pitchContactAt } from '../../core/pitch/contact.ts';
import type { ThanksResult } from '../../shared/history.ts';
import { UserError } from '../base/actions.ts';
import { sheetClock } from '../base/clock.ts';
import { readLog } from '../logging/interview-log.ts';
import { readTracker } from '../tracker/table.ts';

/** What the history and the chain are computed from: the tracker and the log, each read once. */
function readStory(contactId: unknown) {
  if (typeof contactId !== 'string' || contactId.trim() === '') throw new UserError('Pick a contact first: this one has no Contact ID yet.');
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const props = PropertiesService.getDocumentProperties();
  const clock = sheetClock(ss);
  const view = readTracker(ss, props, { valuesOnly: true });
  const log = readLog(ss, props);
  return { contactId, clock, table: { ...view, timeZone: clock.timeZone }, log: log && { rows: log.rows, columns: log.plan.columns } };
}

export function historyOf(id: unknown): ContactHistory {
  const { contactId, clock, table, log } = readStory(id);
  const found = contactHistory(table, log, contactId, clock.today);
  if (typeof found === 'string') throw new UserError(found);
  return found;
}

/**
 * For the sidebar, once a job interview or an offer stands for the contact: everyone of the chain
 * that led there, each with their part and their row (to fill the "It worked: thank you" update).
 */
export function thanksFor(id: unknown): Extract<ThanksResult, { ok: true }> {
  const { contactId, table, log } = readStory(id);
  const offer = thanksOffer(table, log, contactId);
  return {
    ok: true,
    contactId,
    offer: offer && { ...offer, people: offer.people.map((p) => ({ ...p, contact: p.row === null ? null : pitchContactAt(table, p.row) })) },
  };
}
