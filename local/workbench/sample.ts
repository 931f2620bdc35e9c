// The workbook `npm start` opens when no file is named: 40 made-up contacts (names invented,
// companies fictional, emails on example.* domains) from every kind of relationship, turned into
// a tracker by the add-on's own "Set up tracker" (the real bundle), then given the progress a
// few weeks of outreach would leave: pitches, follow-ups due and overdue, interviews held,
// thank-yous, referrals, one job interview. Dates are relative to today (the emulator's clock, which
// `--now` can pin), so the overdue colours always have something to show.

import type { Emulator } from '../emulator/index.ts';
import type { Bundle } from '../bundle.ts';
import type { EmuSheet } from '../emulator/spreadsheet/sheet.ts';
import { loadCsvInto } from '../emulator/io.ts';
import { fromZoned, zonedParts } from '../emulator/spreadsheet/tz.ts';
import { TRACKER_COLUMNS, type TrackerKey } from '../../src/core/tracker/schema.ts';

export const SAMPLE_SHEET = 'Contacts';

const HEADER = ['Name', 'Email', 'Company', 'Title', 'How we met', 'Notes'];

interface Progress {
  relationship: string;
  stage?: string;
  /** Days from today (negative: in the past). */
  lastContact?: number;
  nextFollowUp?: number;
  interviewDate?: number;
  thankYouSent?: number;
  referralsGiven?: number;
  outcome?: string;
  /** Name of the contact who referred this one. */
  referredBy?: string;
  notesForCoach?: string;
}

type Contact = [name: string, email: string, company: string, title: string, howWeMet: string, notes: string, progress: Progress];

const CONTACTS: Contact[] = [
  [
    'Maya Okafor',
    'maya.okafor@example.com',
    'Northwind Analytics',
    'Senior Data Scientist',
    'Alumni mixer, spring',
    'Moved from academia to industry',
    {
      relationship: 'Alumni',
      stage: 'Thanked',
      lastContact: -9,
      interviewDate: -12,
      thankYouSent: -11,
      referralsGiven: 2,
      notesForCoach: 'Great conversation about moving from research to product work.',
    },
  ],
  [
    'Daniel Reyes',
    'daniel.reyes@example.com',
    'Contoso Health',
    'Product Manager',
    'Friend from college',
    '',
    { relationship: 'Friend', stage: 'Interviewed', lastContact: -3, interviewDate: -3, referralsGiven: 1, notesForCoach: 'Send thank-you today.' },
  ],
  [
    'Prof. Helen Carter',
    'h.carter@stateu.example.edu',
    'State University',
    'Professor of Economics',
    'Took her ECON 301 class',
    'Office hours Tue 2-4',
    { relationship: 'Professor', stage: 'Scheduled', lastContact: -4, interviewDate: 5 },
  ],
  [
    'Aisha Rahman',
    'aisha.rahman@example.org',
    'Lucerne Publishing',
    'Managing Editor',
    "Aunt's colleague",
    '',
    { relationship: 'Family', stage: 'Pitched', lastContact: -9, nextFollowUp: -2 },
  ],
  [
    'Tomás García',
    'tomas.garcia@example.com',
    'Fabrikam',
    'UX Researcher',
    'Internship team, summer 2024',
    'Was my mentor during the internship',
    { relationship: 'Supervisor', stage: 'Followed up', lastContact: -5, nextFollowUp: 0 },
  ],
  [
    'Li Wei',
    'li.wei@example.com',
    'Woodgrove Bank',
    'Risk Analyst',
    'Study group',
    '',
    { relationship: 'Peer', stage: 'Declined', lastContact: -14, notesForCoach: 'Too busy this quarter; suggested asking Sofia.' },
  ],
  [
    'Sofia Lindqvist',
    'sofia.lindqvist@example.com',
    'Woodgrove Bank',
    'Head of Analytics',
    'Introduced by Li Wei',
    '',
    { relationship: 'Referral', stage: 'Pitched', lastContact: -1, nextFollowUp: 6, referredBy: 'Li Wei' },
  ],
  [
    'Jordan Ellis',
    'jordan.ellis@example.com',
    'Northwind Analytics',
    'Data Engineer',
    'Introduced by Maya Okafor',
    'Loves talking about pipelines',
    { relationship: 'Referral', stage: 'Scheduled', lastContact: -2, interviewDate: 2, referredBy: 'Maya Okafor' },
  ],
  [
    'Grace Mbeki',
    'grace.mbeki@example.com',
    'Northwind Analytics',
    'Analytics Manager',
    'Introduced by Maya Okafor',
    'Hiring for a junior analyst role',
    {
      relationship: 'Referral',
      stage: 'Thanked',
      lastContact: -6,
      interviewDate: -8,
      thankYouSent: -7,
      outcome: 'Job interview',
      referredBy: 'Maya Okafor',
      notesForCoach: 'Invited me to apply; first-round interview next week.',
    },
  ],
  ['Ravi Shah', '', 'Adventure Works', 'Operations Lead', 'LinkedIn', '', { relationship: 'LinkedIn', stage: 'No response', lastContact: -20 }],
  [
    'Chloé Martin',
    'chloe.martin@example.fr',
    'Alpine Ski House',
    'Marketing Lead',
    'Conference talk, Lyon',
    '',
    { relationship: 'Cold', stage: 'Pitched', lastContact: -6, nextFollowUp: -1 },
  ],
  [
    'Kenji Watanabe',
    'kenji.watanabe@example.jp',
    'Tailspin Toys',
    'Software Engineer',
    'Hackathon teammate',
    '',
    { relationship: 'Peer', stage: 'Interviewed', lastContact: -10, interviewDate: -10, referralsGiven: 0 },
  ],
  ['Olivia Brown', 'olivia.brown@example.com', 'Trey Research', 'Program Officer', 'Volunteer day', '', { relationship: 'Friend', stage: 'To contact' }],
  ['Samuel Osei', 'samuel.osei@example.com', 'Humongous Insurance', 'Actuary', 'Alumni directory', '', { relationship: 'Alumni', stage: 'To contact' }],
  ['Hannah Schmidt', 'hannah.schmidt@example.de', 'Proseware', 'Policy Advisor', 'Alumni newsletter', '', { relationship: 'Alumni', stage: 'To contact' }],
  ['Mateo Rossi', 'mateo.rossi@example.it', 'Coho Winery', 'Operations Manager', 'Cousin', '', { relationship: 'Family', stage: 'To contact' }],
  ['Fatima Zahra', 'fatima.zahra@example.com', 'City Power & Light', 'Energy Analyst', 'LinkedIn', '', { relationship: 'LinkedIn' }],
  ['Noah Kim', '', 'Blue Yonder Airlines', 'Data Analyst', 'LinkedIn', '', { relationship: 'LinkedIn' }],
  [
    'Amara Obi',
    'a.obi@stateu.example.edu',
    'State University',
    'Career Advisor',
    'Career centre workshop',
    'Offered to review my CV',
    { relationship: 'Professor', stage: 'Thanked', lastContact: -15, interviewDate: -18, thankYouSent: -17, referralsGiven: 1 },
  ],
  [
    'Lucas Dubois',
    'lucas.dubois@example.com',
    'Wide World Importers',
    'Supply Chain Analyst',
    'Introduced by Amara Obi',
    '',
    { relationship: 'Referral', stage: 'Pitched', lastContact: -3, nextFollowUp: 4, referredBy: 'Amara Obi' },
  ],
  [
    'Isabella Costa',
    'isabella.costa@example.br',
    'Margie’s Travel',
    'Customer Insights Lead',
    'Former manager at the café',
    '',
    { relationship: 'Supervisor' },
  ],
  ['Ethan Walker', 'ethan.walker@example.com', 'Litware', 'Consultant', 'Gym', '', { relationship: 'Friend' }],
  ['Zoe Papadopoulos', 'zoe.p@example.gr', 'Graphic Design Institute', 'Design Lead', 'Class of 2019', '', { relationship: 'Alumni' }],
  ['Omar Haddad', 'omar.haddad@example.com', 'Fourth Coffee', 'Finance Manager', 'Neighbour', '', { relationship: 'Friend' }],
  [
    'Priya Natarajan',
    'priya.natarajan@example.in',
    'Contoso Health',
    'Clinical Researcher',
    'Introduced by Daniel Reyes',
    '',
    { relationship: 'Referral', referredBy: 'Daniel Reyes' },
  ],
  ['Benjamin Clarke', 'ben.clarke@example.co.uk', 'Fabrikam', 'Engineering Manager', 'LinkedIn', '', { relationship: 'LinkedIn' }],
  ['Yuki Tanaka', 'yuki.tanaka@example.jp', 'Tailspin Toys', 'Product Designer', 'Design meetup', '', { relationship: 'Cold' }],
  ['Elena Petrova', 'elena.petrova@example.com', 'Trey Research', 'Research Scientist', 'Thesis committee', '', { relationship: 'Professor' }],
  ['Carlos Mendoza', 'carlos.mendoza@example.mx', 'Adventure Works', 'Logistics Coordinator', 'Uncle', '', { relationship: 'Family' }],
  [
    'Nadia Hussain',
    'nadia.hussain@example.com',
    'Humongous Insurance',
    'HR Business Partner',
    'Career fair',
    'Recruits graduates every autumn',
    { relationship: 'Cold' },
  ],
  ['Jack Thompson', 'jack.thompson@example.com', 'Litware', 'Software Engineer', 'Study group', '', { relationship: 'Peer' }],
  ['Ingrid Larsen', 'ingrid.larsen@example.no', 'Alpine Ski House', 'Sustainability Officer', 'Alumni panel', '', { relationship: 'Alumni' }],
  ['Kwame Asante', 'kwame.asante@example.com', 'Wide World Importers', 'Trade Compliance Lead', 'LinkedIn', '', { relationship: 'LinkedIn' }],
  ['Lea Novak', 'lea.novak@example.si', 'Proseware', 'Data Protection Officer', 'Summer school', '', { relationship: 'Peer' }],
  ['Diego Alvarez', 'diego.alvarez@example.com', 'Blue Yonder Airlines', 'Revenue Manager', 'Friend of a friend', '', { relationship: 'Friend' }],
  ['Mei Chen', 'mei.chen@example.com', 'Northwind Analytics', 'Recruiter', 'LinkedIn', '', { relationship: 'LinkedIn' }],
  ['Gabriel Silva', 'gabriel.silva@example.com', 'Coho Winery', 'Marketing Analyst', 'Internship cohort', '', { relationship: 'Peer' }],
  ['Anna Kowalski', 'anna.kowalski@example.pl', 'Lucerne Publishing', 'Acquisitions Editor', 'Book club', '', { relationship: 'Friend' }],
  ['Victor Nguyen', 'victor.nguyen@example.com', 'City Power & Light', 'Grid Planner', 'Former TA', '', { relationship: 'Professor' }],
  ['Rosa Jiménez', '', 'Contoso Health', 'Nurse Manager', "Aunt's friend", '', { relationship: 'Family' }],
];

export const SAMPLE_CONTACTS = CONTACTS.length;

function csv(rows: string[][]): string {
  return rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');
}

/** Midnight `days` from today in the spreadsheet's time zone. */
function dayFromToday(days: number, timeZone: string, now: Date): Date {
  const p = zonedParts(now, timeZone);
  return fromZoned(p.year, p.month, p.day + days, 0, 0, 0, 0, timeZone);
}

function headerColumns(sheet: EmuSheet, headerRow: number): Record<TrackerKey, number> {
  const header = sheet._readValues({ row: headerRow, col: 1, numRows: 1, numCols: sheet._lastCol() })[0].map(String);
  const columns = {} as Record<TrackerKey, number>;
  for (const def of TRACKER_COLUMNS) {
    const at = header.indexOf(def.header);
    if (at < 0) throw new Error(`the sample's tracker has no "${def.header}" column after Set up tracker`);
    columns[def.key] = at + 1;
  }
  return columns;
}

/**
 * The events behind the sample's progress, logged through the bundle's own log entry points, so
 * that the Interview log and the Dashboard's activity have something to show. The progress
 * written afterwards sets each row exactly as the sample describes it.
 */
function logHistory(bundle: Bundle, idOf: Map<string, string>, tz: string, now: Date): void {
  const today = zonedParts(now, tz);
  const iso = (days: number) => new Date(Date.UTC(today.year, today.month - 1, today.day + days)).toISOString().slice(0, 10);
  let n = 0;
  const log = (fn: string, name: string, input: object) => {
    const result = bundle.run(fn, [{ eventId: `sample-${++n}`, contactIds: [idOf.get(name)!], ...input }]).result as { ok: boolean; message?: string };
    if (!result?.ok) throw new Error(`${fn} failed on the sample (${name}): ${result?.message ?? 'no result'}`);
  };
  for (const [name, , , , , , p] of CONTACTS) {
    if (p.lastContact === undefined) continue;
    const pitched = Math.min(p.lastContact, p.interviewDate ?? 0) - 3;
    log('logPitchSent', name, { date: iso(pitched) });
    if (p.stage === 'Followed up') log('logFollowUp', name, { date: iso(p.lastContact) });
    if (p.stage === 'Declined') log('logDeclined', name, { date: iso(p.lastContact) });
    if (p.stage === 'Scheduled')
      log('logReply', name, { date: iso(p.lastContact), meetingDate: p.interviewDate !== undefined ? iso(p.interviewDate) : undefined });
    if ((p.stage === 'Interviewed' || p.stage === 'Thanked') && p.interviewDate !== undefined) {
      log('logInterview', name, { date: iso(p.interviewDate), minutes: 30, learned: 'How they moved into the field', nextStep: 'Send a thank-you' });
      if (p.thankYouSent !== undefined) log('logThankYou', name, { date: iso(p.thankYouSent) });
    }
    if (p.outcome === 'Job interview') log('logOutcome', name, { kind: 'job_interview', date: iso(p.lastContact) });
  }
}

/**
 * Adds the sample sheet to the emulator's spreadsheet and sets it up with the bundle's own
 * setUpTracker. Throws if the add-on could not set it up (the sample is never faked).
 */
export function buildSample(emu: Emulator, bundle: Bundle, now = new Date(emu.rt.now())): EmuSheet {
  const ss = emu.active;
  const sheet = loadCsvInto(ss, SAMPLE_SHEET, csv([HEADER, ...CONTACTS.map((c) => c.slice(0, 6) as string[])]));
  ss._activeSheet = sheet;
  const setup = bundle.run('setUpTracker').result as { ok: boolean; message?: string; headerRow?: number };
  if (!setup?.ok || !setup.headerRow) throw new Error(`Set up tracker failed on the sample: ${setup?.message ?? 'no result'}`);
  const headerRow = setup.headerRow;
  const columns = headerColumns(sheet, headerRow);
  const tz = ss._timeZone;
  const idOf = new Map<string, string>();
  CONTACTS.forEach(([name], i) => {
    idOf.set(name, String(sheet._readValues({ row: headerRow + 1 + i, col: columns.contactId, numRows: 1, numCols: 1 })[0][0]));
  });
  logHistory(bundle, idOf, tz, now);
  const put = (row: number, key: TrackerKey, value: unknown) => sheet._writeValues({ row, col: columns[key], numRows: 1, numCols: 1 }, [[value]]);
  // One recalculation for all the writes, not one per cell (the add-on's formulas are volatile).
  ss._hf.batch(() =>
    CONTACTS.forEach(([, , , , , , p], i) => {
      const row = headerRow + 1 + i;
      put(row, 'relationship', p.relationship);
      if (p.stage) put(row, 'stage', p.stage);
      for (const key of ['lastContact', 'nextFollowUp', 'interviewDate', 'thankYouSent'] as const) {
        const days = p[key];
        if (days !== undefined) put(row, key, dayFromToday(days, tz, now));
      }
      if (p.referralsGiven !== undefined) put(row, 'referralsGiven', p.referralsGiven);
      if (p.outcome) put(row, 'outcome', p.outcome);
      if (p.referredBy) {
        const id = idOf.get(p.referredBy);
        if (!id) throw new Error(`sample contact ${CONTACTS[i][0]} is referred by unknown ${p.referredBy}`);
        put(row, 'referredBy', id);
      }
      if (p.notesForCoach) put(row, 'notesForCoach', p.notesForCoach);
    }),
  );
  // What a user would have done to read it: widths dragged to fit the text, and the names frozen
  // so that they stay in view beside the tracker's columns (which come after the contacts' own).
  [150, 210, 170, 180, 190, 200].forEach((width, i) => sheet._colWidths.set(i + 1, width));
  sheet._colWidths.set(columns.notesForCoach, 300);
  sheet._frozenCols = 1;
  sheet._selection = [{ row: headerRow + 1, col: 1, numRows: 1, numCols: 1 }];
  ss._activeSheet = sheet; // setup may have added other sheets (a dashboard); open on the contacts
  return sheet;
}
