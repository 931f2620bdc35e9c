import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../../src/core/base/dates.ts';
import { buildDigest, type DigestInput, redactTable, weekStart } from '../../../src/core/reminders/digest.ts';
import { DEFAULT_REMINDERS } from '../../../src/core/reminders/settings.ts';
import type { Cell } from '../../../src/core/tracker/cells.ts';
import { formatIsoDate } from '../../../src/core/base/dates.ts';

const d = (iso: string) => parseIsoDate(iso)!;
// Date cells as Sheets returns them in America/Los_Angeles (UTC-8 in winter): local midnight.
const la = (iso: string) => new Date(Date.parse(`${iso}T08:00:00Z`));
const today = d('2026-12-07'); // a Monday

// Name, Company, Notes (private by nature), Contact ID, Relationship, Stage, Last contact,
// Next follow-up, Interview date, Thank-you sent, Salary wish (marked private)
const rows: Cell[][] = [
  ['Ada <b>Lovelace</b>', 'Acme & Co', 'secret note', 'C-0001', 'Alumni', 'Pitched', la('2026-11-25'), la('2026-12-04'), '', '', 'SECRET-1'],
  ['Grace Hopper', 'Navy', 'secret note', 'C-0002', 'Peer', 'Scheduled', la('2026-11-30'), '', la('2026-12-08'), '', 'SECRET-2'],
  ['Alan Turing', 'Bletchley', 'secret note', 'C-0003', 'Professor', 'Interviewed', la('2026-12-03'), la('2026-12-04'), la('2026-12-03'), '', 'SECRET-3'],
  ['Katherine Johnson', 'NASA', 'secret note', 'C-0004', 'Referral', 'Thanked', la('2026-10-01'), '', la('2026-09-28'), la('2026-10-01'), 'SECRET-4'],
  ['Linus', 'Acme & Co', '', 'C-0005', 'Cold', 'To contact', '', '', '', '', ''],
  ['Margaret Hamilton', 'MIT', '', 'C-0006', 'Friend', 'Pitched', la('2026-12-02'), la('2026-12-11'), '', '', ''],
  ['Barbara Liskov', 'MIT', '', 'C-0007', 'Friend', 'Thanked', la('2026-11-20'), '', '', la('2026-11-20'), ''],
];

const input = (over: Partial<DigestInput> = {}): DigestInput => ({
  table: {
    headerRow: 1,
    rows,
    contact: { fullName: 0, company: 1, notes: 2 },
    tracker: { contactId: 3, relationship: 4, stage: 5, lastContact: 6, nextFollowUp: 7, interviewDate: 8, thankYouSent: 9 },
    timeZone: 'America/Los_Angeles',
  },
  today,
  settings: { ...DEFAULT_REMINDERS, digest: true },
  due: { digest: true, weekly: false },
  privateColumns: [2, 10],
  spreadsheet: { name: 'My search', url: 'https://docs.google.com/spreadsheets/d/abc/edit', trackerSheetId: 42 },
  log: [],
  goalPerWeek: 2,
  ...over,
});

describe('the digest email', () => {
  const email = buildDigest(input())!;

  it('names each contact, why, how long it has waited, with a link to its row', () => {
    expect(email.body).toContain(
      'CONVERSATIONS TODAY AND TOMORROW\n- Grace Hopper (Navy): conversation tomorrow (Tue 2026-12-08): prepare your questions. Row 3: https://docs.google.com/spreadsheets/d/abc/edit#gid=42&range=A3',
    );
    expect(email.body).toContain('- Alan Turing (Bletchley): send Alan a thank-you; you spoke 4 days ago. Row 4');
    expect(email.body).toContain('- Ada <b>Lovelace</b> (Acme & Co): follow up once with Ada (3 days overdue; last contact 12 days ago). Row 2');
    // Pitched Wed Dec 2: 3 business days later is Mon Dec 7.
    expect(email.body).toContain('- Margaret Hamilton (MIT): no reply 5 days after your pitch: try a second contact at the same organisation. Row 7');
    // Thanked Oct 1, a referral: every 6 weeks, due Nov 12. Barbara (friend, 12 weeks) is not due yet.
    expect(email.body).toContain('KEEP IN TOUCH\n- Katherine Johnson (NASA): keep Katherine posted: last heard from you 67 days ago (every 6 weeks). Row 5');
    expect(email.body).not.toContain('Barbara Liskov (MIT)');
    expect(email.items).toBe(5);
    expect(email.subject).toBe('My search: 5 contacts need you today (2026-12-07)');
    expect(email.body.split('\n')[0]).toBe('Mon 2026-12-07: 5 contacts need you today.');
  });

  it('gives a short agenda from the question bank for a conversation', () => {
    expect(email.body).toContain('A short agenda from the question bank');
    expect(email.body).toContain('• How did you first get into this field?');
    expect(email.body).toContain('• Who else would you suggest I talk to?');
  });

  it('lists a thank-you once, not again as a follow-up', () => {
    expect(email.body.match(/Alan Turing/g)).toHaveLength(1);
  });

  it('never holds a private column’s text', () => {
    expect(email.body + email.htmlBody + email.subject).not.toMatch(/secret|SECRET/);
  });

  it('escapes contact text in the HTML', () => {
    expect(email.htmlBody).toContain('Ada &#60;b&#62;Lovelace&#60;/b&#62; (Acme &#38; Co)');
    expect(email.htmlBody).not.toContain('<b>Lovelace');
    expect(email.htmlBody).toContain('href="https://docs.google.com/spreadsheets/d/abc/edit#gid=42&#38;range=A3"');
  });

  it('names contacts by Contact ID when every name column is private, and drops a private company', () => {
    const hidden = buildDigest(input({ privateColumns: [0, 1, 2, 10] }))!;
    expect(hidden.body).toContain('- C-0002: conversation tomorrow');
    expect(hidden.body + hidden.htmlBody).not.toMatch(/Grace|Navy|Lovelace|Acme/);
    expect(redactTable(input().table, []).rows).toBe(rows);
  });

  it('is not sent when nothing is due, nor on a day the digest does not come', () => {
    const quiet = rows.filter((r) => r[5] === 'To contact');
    expect(buildDigest(input({ table: { ...input().table, rows: quiet } }))).toBeNull();
    expect(buildDigest(input({ due: { digest: false, weekly: false } }))).toBeNull();
  });

  it('reads date cells as days of the sheet’s zone', () => {
    // Grace's interview cell is midnight of Dec 8 in Los Angeles: tomorrow there. The same instant
    // is 22:00 on Dec 7 in Honolulu: a sheet in that zone has her conversation today.
    expect(email.body).toContain('Grace Hopper (Navy): conversation tomorrow (Tue 2026-12-08)');
    const honolulu = buildDigest(input({ table: { ...input().table, timeZone: 'Pacific/Honolulu' } }))!;
    expect(honolulu.body).toContain('Grace Hopper (Navy): conversation today (Mon 2026-12-07)');
  });
});

describe('the weekly summary', () => {
  const log = [
    { date: d('2026-12-07'), word: 'Pitch sent' },
    { date: d('2026-12-07'), word: 'Informational interview' },
    { date: d('2026-12-06'), word: 'Pitch sent' },
    { date: d('2026-11-30'), word: 'Reply' },
  ];

  it('goes on its day even when nothing is due, with the week against the goal and the conversion figures', () => {
    const quiet = rows.filter((r) => r[5] === 'To contact');
    const email = buildDigest(input({ table: { ...input().table, rows: quiet }, due: { digest: true, weekly: true }, log }))!;
    expect(email.subject).toBe('My search: your week (2026-12-07)');
    expect(email.body).toContain('- Informational interviews this week: 1 of your goal of 2');
    expect(email.body).toContain('This week (since Mon 2026-12-07): Pitches sent: 1,');
    expect(email.body).toContain('So far: 2 pitches sent, 1 reply (50% of pitches), 1 informational interview (50% of pitches), 0 job interviews, 0 offers');
    expect(formatIsoDate(weekStart(d('2026-12-13')))).toBe('2026-12-07');
  });
});

describe('the subject', () => {
  it('holds the spreadsheet name on one line, whatever its whitespace', () => {
    const email = buildDigest(input({ spreadsheet: { name: 'My\nsearch\t 2027', url: 'https://x.example/edit', trackerSheetId: 0 } }))!;
    expect(email.subject).toBe('My search 2027: 5 contacts need you today (2026-12-07)');
  });
});
