// The reminder email: one message to the user about what is due today (follow-ups and the 3B7
// second contact, thank-yous not sent, conversations today and tomorrow, people due an update),
// and on the weekly summary's day the week's activity against the goal and the conversion
// figures. Plain text and HTML (one column, readable on a phone). It names contacts and their
// organisation only, and never holds the text of a private column: the table is redacted first,
// so nothing below can reach one by mistake.

import { addDays, cellDate, compareDates, dayNumber, describeDate, weekday } from '../base/calendar.ts';
import { type DateParts, formatIsoDate } from '../base/dates.ts';
import { escapeHtml } from '../base/text.ts';
import { type Cell, cellText } from '../tracker/cells.ts';
import { contactFromRow, firstName } from '../tracker/contacts.ts';
import { NAME_PARTS, type ContactField } from '../tracker/headers.ts';
import { canonicalStage, isExitStage, stageIndex, type TrackerKey } from '../tracker/schema.ts';
import type { TrackerTable } from '../tracker/table.ts';
import { dueText, followUpsDue } from '../logging/follow-ups.ts';
import { SECOND_CONTACT_AFTER } from '../logging/events.ts';
import { EVENT_KIND_LIST, EVENT_KINDS } from '../logging/kinds.ts';
import { QUESTION_BANK } from '../pitch/questions.ts';
import { cadenceFor, updatesDue } from './keep-in-touch.ts';
import type { DueNow } from './schedule.ts';
import type { ReminderSettings } from './settings.ts';

export type DigestTable = Pick<TrackerTable, 'headerRow' | 'rows' | 'contact' | 'tracker'> & { timeZone: string };

/** An Interview log row as the weekly summary counts it. */
export interface LogEvent {
  date: DateParts;
  /** The log's Event word ("Pitch sent"…). */
  word: string;
}

export interface DigestInput {
  table: DigestTable;
  today: DateParts;
  settings: ReminderSettings;
  due: DueNow;
  /** 0-based tracker columns whose text must never leave the spreadsheet (see privateColumns). */
  privateColumns: readonly number[];
  spreadsheet: { name: string; url: string; trackerSheetId: number };
  /** The Interview log's events (for the weekly summary; empty without a log). */
  log: readonly LogEvent[];
  /** The Dashboard's goal of informational interviews a week. */
  goalPerWeek: number;
}

export interface DigestEmail {
  subject: string;
  body: string;
  htmlBody: string;
  /** Contacts listed. */
  items: number;
}

interface Line {
  /** 1-based sheet row, for the link. */
  row: number;
  who: string;
  text: string;
}

interface Section {
  title: string;
  lines: Line[];
  /** Closing remarks: plain text lines, and the same as HTML (escaped, links kept). */
  note?: { text: readonly string[]; html: string };
}

/**
 * The table with every private column's cells emptied. When every name column is private, the
 * Contact ID stands in for the name (an email must say who; the ID is the add-on's own).
 */
export function redactTable(t: DigestTable, privateColumns: readonly number[]): DigestTable {
  const hidden = new Set(privateColumns);
  if (hidden.size === 0) return t;
  const rows = t.rows.map((row) => row.map((cell, i): Cell => (hidden.has(i) ? '' : cell)));
  const contact: Partial<Record<ContactField, number>> = {};
  for (const [field, index] of Object.entries(t.contact) as [ContactField, number][]) if (!hidden.has(index)) contact[field] = index;
  const named = NAME_PARTS.some((f) => contact[f] !== undefined);
  const hadName = NAME_PARTS.some((f) => t.contact[f] !== undefined);
  if (hadName && !named && t.tracker.contactId !== undefined && !hidden.has(t.tracker.contactId)) contact.fullName = t.tracker.contactId;
  return { ...t, rows, contact };
}

const LISTED = 25;

/** A short agenda for a conversation: the question bank's first question of each group, and a link to the rest in the spreadsheet at `url`. */
function agenda(url: string): NonNullable<Section['note']> {
  const intro = 'A short agenda from the question bank:';
  const questions = QUESTION_BANK.map((g) => `• ${g.questions[0]}`);
  const where = '(Draft a pitch…, Questions for the conversation)';
  return {
    text: [intro, ...questions, `All of it is in your tracker ${where}: ${url}`],
    html: [
      ...[intro, ...questions].map(escapeHtml),
      `All of it is in <a href="${escapeHtml(url)}" style="color:#1a73e8">your tracker</a> ${escapeHtml(where)}.`,
    ].join('<br>'),
  };
}
const count1 = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
const ago = (n: number) => (n === 0 ? 'today' : n === 1 ? 'yesterday' : `${days(n)} ago`);

/** The Monday that starts the week holding `d`. */
export function weekStart(d: DateParts): DateParts {
  return addDays(d, -((weekday(d) + 6) % 7));
}

function dueSections(t: DigestTable, today: DateParts, settings: ReminderSettings, url: string): Section[] {
  const cell = (row: readonly Cell[], key: TrackerKey): Cell => (t.tracker[key] === undefined ? '' : row[t.tracker[key]!]);
  const dateOf = (row: readonly Cell[], key: TrackerKey) => cellDate(cell(row, key), t.timeZone);
  const sheetRow = (index: number) => t.headerRow + 1 + index;
  const whoOf = (row: readonly Cell[]) => {
    const c = contactFromRow(row, t.contact);
    const company = c.fields.company ?? '';
    return { name: c.name, who: company ? `${c.name} (${company})` : c.name, first: firstName(c.name) };
  };
  const tomorrow = addDays(today, 1);
  const conversations: Line[] = [];
  const thanks: Line[] = [];
  const listed = new Set<number>();
  t.rows.forEach((row, index) => {
    const { name, who, first } = whoOf(row);
    if (!name) return;
    const stage = canonicalStage(cellText(cell(row, 'stage')));
    const interview = dateOf(row, 'interviewDate');
    if (interview && !isExitStage(stage) && stageIndex(stage) < stageIndex('Interviewed')) {
      const when = compareDates(interview, today) === 0 ? 'today' : compareDates(interview, tomorrow) === 0 ? 'tomorrow' : '';
      if (when) {
        conversations.push({ row: sheetRow(index), who, text: `conversation ${when} (${describeDate(interview)}): prepare your questions` });
        listed.add(sheetRow(index));
      }
    }
    if (stage === 'Interviewed' && !cellText(cell(row, 'thankYouSent'))) {
      const held = interview ?? dateOf(row, 'lastContact');
      const since = held && compareDates(held, today) <= 0 ? `; you spoke ${ago(dayNumber(today) - dayNumber(held))}` : '';
      thanks.push({ row: sheetRow(index), who, text: `send ${first} a thank-you${since}` });
      listed.add(sheetRow(index));
    }
  });
  const found = followUpsDue(t, today);
  const followUps: Line[] = found.due
    .filter((d) => !listed.has(d.row))
    .map((d) => {
      const row = t.rows[d.row - t.headerRow - 1];
      const last = dateOf(row, 'lastContact');
      const waited = last && compareDates(last, today) <= 0 ? `; last contact ${ago(dayNumber(today) - dayNumber(last))}` : '';
      return { row: d.row, who: whoOf(row).who, text: `${d.step} (${dueText(d.daysOverdue)}${waited})` };
    });
  const second: Line[] = found.secondContact.map((h) => {
    const waited = dayNumber(today) - dayNumber(h.pitched);
    const there = h.candidates.length ? `; not contacted yet there: ${h.candidates.join(', ')}` : '';
    return {
      row: h.row,
      who: whoOf(t.rows[h.row - t.headerRow - 1]).who,
      text: `no reply ${days(waited)} after your pitch: try a second contact at the same organisation${there}`,
    };
  });
  const updates: Line[] = updatesDue(t, today, settings.cadenceWeeks).map((u) => {
    const row = t.rows[u.index];
    const weeks = cadenceFor(settings.cadenceWeeks, cellText(cell(row, 'relationship')));
    return {
      row: sheetRow(u.index),
      who: whoOf(row).who,
      text: `keep ${whoOf(row).first} posted: last heard from you ${ago(u.daysSince)} (every ${weeks} weeks)`,
    };
  });
  const named = (lines: Line[]) => lines.filter((l) => l.who !== '');
  return [
    {
      title: 'Conversations today and tomorrow',
      lines: named(conversations),
      note: conversations.length ? agenda(url) : undefined,
    },
    { title: 'Thank-yous not sent yet', lines: named(thanks) },
    { title: 'Follow-ups due today and overdue', lines: named(followUps) },
    { title: `No reply for ${SECOND_CONTACT_AFTER}+ business days`, lines: named(second) },
    { title: 'Keep in touch', lines: named(updates) },
  ].filter((s) => s.lines.length > 0);
}

function weeklySection(input: DigestInput): Section & { figures: string[] } {
  const start = weekStart(input.today);
  const thisWeek = input.log.filter((e) => compareDates(e.date, start) >= 0 && compareDates(e.date, input.today) <= 0);
  const count = (events: readonly LogEvent[], word: string) => events.filter((e) => e.word === word).length;
  const activity = EVENT_KIND_LIST.map((k) => `${EVENT_KINDS[k].activity.label}: ${count(thisWeek, EVENT_KINDS[k].logWord)}`);
  const interviews = count(thisWeek, EVENT_KINDS.interview.logWord);
  const all = (k: keyof typeof EVENT_KINDS) => count(input.log, EVENT_KINDS[k].logWord);
  const rate = (a: number, b: number) => (b === 0 ? '–' : `${Math.round((100 * a) / b)}%`);
  const pitches = all('pitch');
  const replies = all('reply');
  const held = all('interview');
  const figures = [
    `Informational interviews this week: ${interviews} of your goal of ${input.goalPerWeek}`,
    `This week (since ${describeDate(start)}): ${activity.join(', ')}`,
    `So far: ${count1(pitches, 'pitch', 'pitches')} sent, ${count1(replies, 'reply', 'replies')} (${rate(replies, pitches)} of pitches), ${count1(held, 'informational interview', 'informational interviews')} (${rate(held, pitches)} of pitches), ${count1(all('jobInterview'), 'job interview', 'job interviews')}, ${count1(all('offer'), 'offer', 'offers')}`,
  ];
  return { title: 'Your week', lines: [], figures };
}

function rowLink(input: DigestInput, row: number): string {
  return `${input.spreadsheet.url}#gid=${input.spreadsheet.trackerSheetId}&range=A${row}`;
}

/** The email for today, or null when there is nothing to send (no digest item and not the weekly summary's day). */
export function buildDigest(input: DigestInput): DigestEmail | null {
  const table = redactTable(input.table, input.privateColumns);
  const sections = input.due.digest || input.due.weekly ? dueSections(table, input.today, input.settings, input.spreadsheet.url) : [];
  const items = new Set(sections.flatMap((s) => s.lines.map((l) => l.row))).size;
  const weekly = input.due.weekly ? weeklySection(input) : null;
  if (!weekly && (!input.due.digest || items === 0)) return null;

  const day = describeDate(input.today);
  // A subject is one line: a name's line breaks or tabs would break the header or be refused.
  const title = input.spreadsheet.name.replace(/\s+/g, ' ').trim();
  const subject = items
    ? `${title}: ${items} ${items === 1 ? 'contact needs' : 'contacts need'} you today (${formatIsoDate(input.today)})`
    : `${title}: your week (${formatIsoDate(input.today)})`;

  const text: string[] = [`${day}: ${items ? `${items} ${items === 1 ? 'contact needs' : 'contacts need'} you today.` : 'nothing is due today.'}`, ''];
  const html: string[] = [
    '<div style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.45;max-width:600px;color:#202124">',
    `<p style="margin:0 0 12px">${escapeHtml(text[0])}</p>`,
  ];
  for (const s of sections) {
    text.push(s.title.toUpperCase());
    html.push(`<h2 style="font-size:16px;margin:18px 0 6px">${escapeHtml(s.title)}</h2><ul style="padding-left:18px;margin:0">`);
    for (const l of s.lines.slice(0, LISTED)) {
      text.push(`- ${l.who}: ${l.text}. Row ${l.row}: ${rowLink(input, l.row)}`);
      html.push(
        `<li style="margin:0 0 8px"><a href="${escapeHtml(rowLink(input, l.row))}" style="color:#1a73e8;font-weight:bold">${escapeHtml(l.who)}</a>: ${escapeHtml(l.text)}.</li>`,
      );
    }
    if (s.lines.length > LISTED) {
      text.push(`…and ${s.lines.length - LISTED} more.`);
      html.push(`<li>…and ${s.lines.length - LISTED} more.</li>`);
    }
    html.push('</ul>');
    if (s.note) {
      text.push(...s.note.text);
      html.push(`<p style="margin:6px 0;color:#5f6368">${s.note.html}</p>`);
    }
    text.push('');
  }
  if (weekly) {
    text.push(weekly.title.toUpperCase(), ...weekly.figures.map((f) => `- ${f}`), '');
    html.push(`<h2 style="font-size:16px;margin:18px 0 6px">${escapeHtml(weekly.title)}</h2><ul style="padding-left:18px;margin:0">`);
    for (const f of weekly.figures) html.push(`<li style="margin:0 0 6px">${escapeHtml(f)}</li>`);
    html.push('</ul>');
  }
  const footer = `Open your tracker: ${input.spreadsheet.url}\nYou get this email because you turned on reminders in Extensions > Informational Interview Tracker > Reminders…; turn them off there.`;
  text.push(footer);
  html.push(
    `<p style="margin:18px 0 0"><a href="${escapeHtml(input.spreadsheet.url)}" style="color:#1a73e8">Open ${escapeHtml(input.spreadsheet.name)}</a></p>`,
    '<p style="margin:8px 0 0;font-size:12px;color:#5f6368">You get this email because you turned on reminders in Extensions &gt; Informational Interview Tracker &gt; Reminders…; turn them off there.</p>',
    '</div>',
  );
  return { subject, body: text.join('\n'), htmlBody: html.join('\n'), items };
}
