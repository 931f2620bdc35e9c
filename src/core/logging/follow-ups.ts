// "Show follow-ups due": contacts whose Next follow-up is today or past, with what to do, and
// (the first half of 3B7) pitches unanswered for 3 business days, when a second contact at the
// same organisation is worth trying while waiting to follow up with the first. Next follow-up
// holds the 7-business-day date, when to follow up with that contact; the 3-day step is about
// someone else, so it is worked out here from Last contact, and stops once anyone else at the
// organisation has been contacted since the pitch.

import { addBusinessDays, cellDate, compareDates, dayNumber, describeDate } from '../base/calendar.ts';
import { type Cell, cellText } from '../tracker/cells.ts';
import { contactFromRow, firstName, normaliseCompany, normaliseName } from '../tracker/contacts.ts';
import type { DateParts } from '../base/dates.ts';
import type { TrackerTable } from '../tracker/table.ts';
import { SECOND_CONTACT_AFTER } from './events.ts';
import { canonicalContactId } from '../tracker/ids.ts';
import { canonicalStage, canonicalValue, isClosedStage, OUTCOMES, type TrackerKey } from '../tracker/schema.ts';

/** The tracker as Show follow-ups due reads it, with the spreadsheet's time zone (to read Date cells as days). */
export type FollowUpTable = Pick<TrackerTable, 'headerRow' | 'rows' | 'contact' | 'tracker'> & { timeZone: string };

export interface DueContact {
  /** 1-based sheet row. */
  row: number;
  id: string;
  name: string;
  stage: string;
  due: DateParts;
  daysOverdue: number;
  step: string;
}

export interface SecondContactHint {
  row: number;
  name: string;
  company: string;
  pitched: DateParts;
  /** Contacts at the same organisation still To contact (a few names), to try. */
  candidates: string[];
}

export interface FollowUps {
  due: DueContact[];
  secondContact: SecondContactHint[];
}

function step(stage: string, first: string, outcome: string): string {
  // Logging a job interview or an offer sets the reminder to tell them (events.ts).
  if (outcome === 'Offer') return `tell ${first} about the offer and thank them`;
  if (outcome === 'Job interview') return `tell ${first} about the job interview`;
  switch (stage) {
    case 'Pitched':
      return `follow up once with ${first}`;
    case 'Followed up':
      return `no reply since your follow-up: mark ${first} as No response, or try once more`;
    case 'Scheduled':
      return `the conversation with ${first} is due: confirm it or log it`;
    case 'Interviewed':
      return `send ${first} a thank-you`;
    default:
      return `reach out to ${first}`;
  }
}

const CANDIDATES = 3;

export function followUpsDue(t: FollowUpTable, today: DateParts): FollowUps {
  const due: DueContact[] = [];
  const secondContact: SecondContactHint[] = [];
  const col = t.tracker;
  const cell = (row: readonly Cell[], key: TrackerKey): Cell => (col[key] === undefined ? '' : row[col[key]!]);
  const people = t.rows.flatMap((row, index) => {
    const contact = contactFromRow(row, t.contact);
    if (!normaliseName(contact.name)) return [];
    const company = contact.fields.company ?? '';
    return [
      {
        index,
        row,
        contact,
        company,
        org: normaliseCompany(company),
        stage: canonicalStage(cellText(cell(row, 'stage'))),
        last: cellDate(cell(row, 'lastContact'), t.timeZone),
      },
    ];
  });
  const byOrg = new Map<string, typeof people>();
  for (const p of people) if (p.org) byOrg.set(p.org, [...(byOrg.get(p.org) ?? []), p]);

  for (const p of people) {
    if (isClosedStage(p.stage)) continue;
    const sheetRow = t.headerRow + 1 + p.index;
    const next = cellDate(cell(p.row, 'nextFollowUp'), t.timeZone);
    const first = firstName(p.contact.name);
    if (next && compareDates(next, today) <= 0) {
      due.push({
        row: sheetRow,
        id: canonicalContactId(cell(p.row, 'contactId')) ?? '',
        name: p.contact.name,
        stage: p.stage,
        due: next,
        daysOverdue: dayNumber(today) - dayNumber(next),
        step: step(p.stage, first, canonicalValue(OUTCOMES, cellText(cell(p.row, 'outcome'))) ?? ''),
      });
      continue;
    }
    if (p.stage !== 'Pitched' || !p.last || compareDates(addBusinessDays(p.last, SECOND_CONTACT_AFTER), today) > 0) continue;
    const colleagues = (byOrg.get(p.org) ?? []).filter((o) => o !== p);
    // Someone else there has been contacted since this pitch: the second contact is under way.
    if (colleagues.some((o) => o.last && compareDates(o.last, p.last!) >= 0)) continue;
    const candidates = colleagues
      .filter((o) => o.stage === '' || o.stage === 'To contact')
      .slice(0, CANDIDATES)
      .map((o) => o.contact.name);
    secondContact.push({ row: sheetRow, name: p.contact.name, company: p.company, pitched: p.last, candidates });
  }
  due.sort((a, b) => compareDates(a.due, b.due) || a.row - b.row);
  secondContact.sort((a, b) => compareDates(a.pitched, b.pitched) || a.row - b.row);
  return { due, secondContact };
}

const LISTED = 25;

/** "due today", "1 day overdue", "3 days overdue": how late a follow-up `daysOverdue` past its date is. */
export function dueText(daysOverdue: number): string {
  return daysOverdue === 0 ? 'due today' : `${daysOverdue} ${daysOverdue === 1 ? 'day' : 'days'} overdue`;
}

/** The text of the "Follow-ups due" alert. */
export function describeFollowUps(f: FollowUps, today: DateParts): string {
  const lines: string[] = [];
  if (f.due.length === 0) lines.push(`No follow-ups are due (today is ${describeDate(today)}).`);
  else {
    lines.push(`${f.due.length} ${f.due.length === 1 ? 'contact is' : 'contacts are'} due for a follow-up (today is ${describeDate(today)}):`);
    for (const d of f.due.slice(0, LISTED)) {
      lines.push(`• Row ${d.row}: ${d.name}${d.id ? ` (${d.id})` : ''}, ${dueText(d.daysOverdue)}: ${d.step}.`);
    }
    if (f.due.length > LISTED) lines.push(`…and ${f.due.length - LISTED} more.`);
  }
  if (f.secondContact.length) {
    lines.push('', `No reply for ${SECOND_CONTACT_AFTER}+ business days: while you wait to follow up, try a second contact at the same organisation:`);
    for (const h of f.secondContact.slice(0, LISTED)) {
      const who = h.candidates.length ? `; not contacted yet at ${h.company}: ${h.candidates.join(', ')}` : '';
      lines.push(`• Row ${h.row}: ${h.name}${h.company ? ` (${h.company})` : ''}, pitched ${describeDate(h.pitched)}${who}.`);
    }
    if (f.secondContact.length > LISTED) lines.push(`…and ${f.secondContact.length - LISTED} more.`);
  }
  return lines.join('\n');
}
