import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../src/core/tracker/cells.ts';
import { formatIsoDate, type DateParts, parseIsoDate } from '../../../src/core/base/dates.ts';
import { type EventPlan, type EventRequest, type EventTable, planEvent } from '../../../src/core/logging/plan.ts';
import type { CycleEvent, ReferralInput } from '../../../src/core/logging/events.ts';
import { mapColumns } from '../../../src/core/tracker/headers.ts';
import { TRACKER_COLUMNS } from '../../../src/core/tracker/schema.ts';
import { put, rectangular } from '../fixtures.ts';

const d = (iso: string): DateParts => parseIsoDate(iso)!;
const HEADER = ['Name', 'Email', 'Company', 'Title', ...TRACKER_COLUMNS.map((c) => c.header)];
const col = (h: string) => HEADER.indexOf(h);

function row(values: Record<string, Cell>): Cell[] {
  const r: Cell[] = HEADER.map(() => '');
  for (const [h, v] of Object.entries(values)) r[col(h)] = v;
  return r;
}

function table(rows: Cell[][], idCounter = rows.length): EventTable {
  const map = mapColumns(HEADER);
  return {
    headerRow: 1,
    header: HEADER,
    rows,
    formulas: rows.map((r) => r.map(() => '')),
    contact: map.contact,
    tracker: map.tracker,
    idCounter,
    timeZone: 'Etc/UTC',
  };
}

const people = () =>
  table([
    row({ Name: 'Ada Lovelace', Email: 'ada@acme.example', Company: 'Acme', 'Contact ID': 'C-0001', Stage: 'Scheduled', 'Referrals given': 1 }),
    row({ Name: 'Grace Hopper', Email: 'grace@navy.example', Company: 'Navy', 'Contact ID': 'C-0002', Stage: 'To contact', Relationship: 'Alumni' }),
    row({ Name: 'Alan Turing', Company: 'Bletchley', 'Contact ID': 'C-0003', Stage: 'To contact', 'Referred by': 'C-0002' }),
  ]);

/** The table after the server wrote `plan` (tracker only: the log is not part of it). */
function apply(t: EventTable, plan: EventPlan): EventTable {
  const grid: Cell[][] = [[...t.header], ...t.rows.map((r) => [...r])];
  for (const f of plan.fills) put(grid, f.row, f.column, f.value);
  plan.append.forEach((r, i) => r.forEach((v, c) => put(grid, plan.appendAt + i, c + 1, v)));
  const full = rectangular(grid);
  return { ...t, rows: full.slice(1), formulas: full.slice(1).map((r) => r.map(() => '')), idCounter: plan.idCounter };
}

function plan(t: EventTable, request: EventRequest, logged: Set<string> = new Set()): EventPlan {
  const p = planEvent(t, request, (k) => logged.has(k));
  if (!p.ok) throw new Error(p.message);
  return p;
}

const interview = (referrals: ReferralInput[] = [], note = ''): CycleEvent => ({
  kind: 'interview',
  date: d('2026-01-09'),
  note,
  minutes: 30,
  nextStep: '',
  referrals,
});
const ref = (name: string, extra: Partial<ReferralInput> = {}): ReferralInput => ({
  name,
  email: '',
  company: '',
  role: '',
  relationship: 'Referral',
  ...extra,
});
const cell = (t: EventTable, r: number, h: string) => t.rows[r][col(h)];
const iso = (v: Cell) => (v instanceof Date ? formatIsoDate({ year: v.getUTCFullYear(), month: v.getUTCMonth() + 1, day: v.getUTCDate() }) : v);

describe('planEvent: one event for several contacts', () => {
  it('reads the Stage cell in any case: a pitch on "pitched" sets the 3B7 follow-up', () => {
    const t = table([row({ Name: 'Ada Lovelace', 'Contact ID': 'C-0001', Stage: 'pitched' })]);
    const p = plan(t, { eventId: 'ev-123456', contactIds: ['C-0001'], event: { kind: 'pitch', date: d('2026-01-09'), note: '' } });
    expect(p.contacts[0]).toMatchObject({ stage: 'Pitched', stageKept: false, nextFollowUp: '2026-01-20' });
    expect(p.log[0].nextStep).toMatch(/^No reply by Wed 2026-01-14/);
  });

  it('updates each contact and plans one log row each, keyed by event ID and contact', () => {
    const t = people();
    const p = plan(t, { eventId: 'ev-123456', contactIds: ['C-0002', 'C-0003'], event: { kind: 'pitch', date: d('2026-01-09'), note: '' } });
    const after = apply(t, p);
    expect(cell(after, 1, 'Stage')).toBe('Pitched');
    expect(cell(after, 2, 'Stage')).toBe('Pitched');
    expect(iso(cell(after, 2, 'Next follow-up'))).toBe('2026-01-20');
    expect(cell(after, 0, 'Stage')).toBe('Scheduled');
    expect(p.log.map((l) => [l.contactId, l.eventType, l.key])).toEqual([
      ['C-0002', 'Pitch sent', 'ev-123456/C-0002'],
      ['C-0003', 'Pitch sent', 'ev-123456/C-0003'],
    ]);
    expect(p.append).toEqual([]);
  });

  it('skips contacts already logged with this event ID: a retry plans nothing', () => {
    const t = people();
    const p = plan(
      t,
      { eventId: 'ev-123456', contactIds: ['C-0002', 'C-0003'], event: { kind: 'pitch', date: d('2026-01-09'), note: '' } },
      new Set(['ev-123456/C-0002', 'ev-123456/C-0003']),
    );
    expect(p.fills).toEqual([]);
    expect(p.log).toEqual([]);
    expect(p.contacts.every((c) => c.alreadyLogged)).toBe(true);
  });

  it('refuses missing contacts, duplicated IDs and missing tracker columns, planning nothing', () => {
    const t = people();
    const pitch: CycleEvent = { kind: 'pitch', date: d('2026-01-09'), note: '' };
    expect(planEvent(t, { eventId: 'ev-123456', contactIds: ['C-0009'], event: pitch }, () => false)).toEqual({
      ok: false,
      message: expect.stringMatching(/C-0009 is no longer in the tracker/),
    });
    const dup = table([...t.rows.map((r) => [...r]), row({ Name: 'Copy', 'Contact ID': 'C-0002' })]);
    expect(planEvent(dup, { eventId: 'ev-123456', contactIds: ['C-0002'], event: pitch }, () => false)).toEqual({
      ok: false,
      message: expect.stringMatching(/C-0002 is on rows 3 and 5/),
    });
    const noStage = { ...t, tracker: { ...t.tracker, stage: undefined } };
    expect(planEvent(noStage, { eventId: 'ev-123456', contactIds: ['C-0002'], event: pitch }, () => false)).toEqual({
      ok: false,
      message: expect.stringMatching(/no "Stage" column.*Set up tracker/),
    });
  });

  it('writes what the user typed as text, never as a formula', () => {
    const p = plan(people(), {
      eventId: 'ev-123456',
      contactIds: ['C-0001'],
      event: interview([ref('=IMPORTXML("http://x")')], '=HYPERLINK("http://evil","click")'),
    });
    expect(p.log[0].details).toContain('Learned: =HYPERLINK');
    const added = p.append[0];
    expect(added[col('Name')]).toBe(`'=IMPORTXML("http://x")`);
  });

  it('quotes a long name cut short without splitting an emoji', () => {
    const name = `${'a'.repeat(56)}😀${'b'.repeat(10)}`;
    const t = table([row({ Name: name, 'Contact ID': 'C-0001', Stage: 'Scheduled' })]);
    const r = planEvent(t, { eventId: 'ev-123456', contactIds: ['C-0001'], event: interview([], 'x'.repeat(49_995)) }, () => false);
    if (r.ok) throw new Error('expected a refusal');
    expect(r.message).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(r.message).toContain(`for ${'a'.repeat(56)}😀b… would be`);
  });

  it('refuses a log cell that would pass 50,000 characters', () => {
    const r = planEvent(people(), { eventId: 'ev-123456', contactIds: ['C-0002'], event: interview([], 'x'.repeat(49_995)) }, () => false);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/Details .* would be 50,012 characters; a cell holds at most 50,000/) });
  });
});

describe('planEvent: the Stage a user wrote before anything was logged', () => {
  const reply: CycleEvent = { kind: 'reply', date: d('2026-01-09'), note: '', meetingDate: d('2026-01-12') };
  const detailsFor = (values: Record<string, Cell>) =>
    plan(table([row({ Name: 'Ada Lovelace', 'Contact ID': 'C-0001', ...values })]), { eventId: 'ev-000001', contactIds: ['C-0001'], event: reply }).log[0]
      .details;

  it('is recorded, as typed, on the event that finds it: a stage with no Last contact yet, or text no event writes', () => {
    expect(detailsFor({ Stage: 'pitched' })).toBe('Conversation set for 2026-01-12.\nStage before: "pitched".');
    // An imported row with its Last contact: its own word for the stage is recorded all the same.
    expect(detailsFor({ Stage: 'Replied', 'Last contact': new Date(Date.UTC(2026, 0, 2)) })).toBe('Conversation set for 2026-01-12.\nStage before: "Replied".');
  });

  it('is not recorded for To contact, an empty Stage, or a stage once something was logged (Last contact filled)', () => {
    for (const values of [{ Stage: 'To contact' }, { Stage: '' }, { Stage: 'Pitched', 'Last contact': new Date(Date.UTC(2026, 0, 5)) }] as Record<
      string,
      Cell
    >[])
      expect(detailsFor(values), JSON.stringify(values)).toBe('Conversation set for 2026-01-12.');
  });
});

describe('planEvent: an offer thanks whoever introduced the contact', () => {
  const offer: CycleEvent = { kind: 'offer', date: d('2026-01-09'), note: '', company: 'Acme' };

  it('names the referrer found by Contact ID in any spelling', () => {
    const p = plan(people(), { eventId: 'ev-123456', contactIds: ['C-0003'], event: offer });
    expect(p.log[0].nextStep).toContain('thank Grace Hopper too, who introduced you to Alan');
    const spelled = table(people().rows.map((r, i) => (i === 2 ? [...r.slice(0, col('Referred by')), ' c-2 ', ...r.slice(col('Referred by') + 1)] : [...r])));
    expect(plan(spelled, { eventId: 'ev-123456', contactIds: ['C-0003'], event: offer }).log[0].nextStep).toContain('thank Grace Hopper too');
  });

  it('5,000 contacts of a 50,000-row tracker, each referred by an ID no longer there: the table is not scanned once per contact', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) =>
      row({ Name: `P${i}`, 'Contact ID': `C-${String(i + 1).padStart(4, '0')}`, Stage: 'Interviewed', 'Referred by': 'C-999999' }),
    );
    const started = Date.now();
    const p = plan(table(rows), { eventId: 'ev-123456', contactIds: rows.slice(0, 5000).map((r) => String(r[col('Contact ID')])), event: offer });
    // Scanning per contact takes 2.5e8 ID parses, half a minute or more; once, well under a second.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(p.contacts).toHaveLength(5000);
    expect(p.log[0].nextStep).not.toContain('too, who introduced you');
  }, 300_000);
});

describe('planEvent: referrals given in an interview', () => {
  it('adds a new contact linked to the referrer, and counts it', () => {
    const t = people();
    const p = plan(t, {
      eventId: 'ev-123456',
      contactIds: ['C-0001'],
      event: interview([ref('Katherine Johnson', { email: 'kj@nasa.example', company: 'NASA', role: 'Mathematician' })]),
    });
    const after = apply(t, p);
    const kj = after.rows[3];
    expect([kj[col('Name')], kj[col('Email')], kj[col('Company')], kj[col('Title')]]).toEqual([
      'Katherine Johnson',
      'kj@nasa.example',
      'NASA',
      'Mathematician',
    ]);
    expect([kj[col('Contact ID')], kj[col('Referred by')], kj[col('Relationship')], kj[col('Stage')]]).toEqual(['C-0004', 'C-0001', 'Referral', 'To contact']);
    expect(cell(after, 0, 'Referrals given')).toBe(2);
    expect(cell(after, 0, 'Stage')).toBe('Interviewed');
    expect(p.idCounter).toBe(4);
    expect(p.referrals).toEqual([{ id: 'C-0004', name: 'Katherine Johnson', status: 'added' }]);
    expect(p.log.map((l) => [l.contactId, l.eventType])).toEqual([
      ['C-0001', 'Informational interview'],
      ['C-0004', 'Referred'],
    ]);
    // Ada's Stage was written by hand (nothing logged for her yet: no Last contact): recorded for a void's replay.
    expect(p.log[0].details).toBe('30 min.\nReferrals: Katherine Johnson (C-0004)\nStage before: "Scheduled".');
  });

  it('links a referral who is already a contact instead of adding them again, filling only empty cells', () => {
    const t = people();
    // Same email as Grace (different spelling of the name); Alan matched by name, company blank.
    const p = plan(t, {
      eventId: 'ev-123456',
      contactIds: ['C-0001'],
      event: interview([ref('G. Hopper', { email: 'GRACE@navy.example', role: 'Admiral', relationship: 'Peer' }), ref('Alan Turing')]),
    });
    const after = apply(t, p);
    expect(p.append).toEqual([]);
    expect(after.rows).toHaveLength(3);
    expect(cell(after, 1, 'Name')).toBe('Grace Hopper');
    expect(cell(after, 1, 'Title')).toBe('Admiral');
    expect(cell(after, 1, 'Relationship')).toBe('Alumni'); // kept, it was not empty
    expect(cell(after, 1, 'Referred by')).toBe('C-0001');
    expect(cell(after, 2, 'Referred by')).toBe('C-0002'); // someone else referred Alan first
    expect(p.referrals).toEqual([
      { id: 'C-0002', name: 'Grace Hopper', status: 'matched' },
      { id: 'C-0003', name: 'Alan Turing', status: 'matched' },
    ]);
    expect(cell(after, 0, 'Referrals given')).toBe(3);
  });

  it('a retry after a failure before the log was written converges: no duplicate rows, no double count', () => {
    const t = people();
    const request: EventRequest = {
      eventId: 'ev-123456',
      contactIds: ['C-0001'],
      event: interview([ref('Katherine Johnson', { company: 'NASA' }), ref('Grace Hopper')]),
    };
    const first = apply(t, plan(t, request));
    // The log rows never got written, so the retry plans again on the updated tracker.
    const retry = plan(first, request);
    const second = apply(first, retry);
    expect(retry.append).toEqual([]);
    expect(second.rows).toEqual(first.rows);
    expect(cell(second, 0, 'Referrals given')).toBe(3);
    expect(retry.referrals.map((r) => r.id)).toEqual(['C-0004', 'C-0002']);
    expect(retry.log).toHaveLength(3);
  });

  it('a retry after only the referral rows were written counts them, with what the first attempt stored', () => {
    const t = people();
    const request: EventRequest = {
      eventId: 'ev-123456',
      contactIds: ['C-0001'],
      event: interview([ref('Katherine Johnson', { company: 'NASA' }), ref('Grace Hopper')]),
    };
    const first = plan(t, request);
    expect(first.pending).toEqual([
      { key: 'ev-123456/C-0001', referralsGiven: 3, referrals: { 'C-0004': 'added', 'C-0002': 'matched' }, idCounter: 4, idCounterBefore: 3 },
    ]);
    const rowsOnly = apply(t, { ...first, fills: [], idCounter: t.idCounter });
    // Without the stored decisions, the retry sees Katherine as already linked and counts only Grace.
    const blind = plan(rowsOnly, request);
    expect(cell(apply(rowsOnly, blind), 0, 'Referrals given')).toBe(2);
    expect(blind.referrals[0]).toMatchObject({ id: 'C-0004', status: 'matched' });
    const retry = planEvent(
      rowsOnly,
      request,
      () => false,
      (key) => first.pending.find((p) => p.key === key),
    );
    if (!retry.ok) throw new Error(retry.message);
    const after = apply(rowsOnly, retry);
    expect(after.rows).toEqual(apply(t, first).rows);
    expect(retry.idCounter).toBe(4);
    expect(retry.referrals).toEqual(first.referrals);
    expect(retry.log).toEqual(first.log);
  });

  it('a retry after only the stored record (its ID counter past the new rows) numbers them as the first attempt did', () => {
    const t = people();
    const request: EventRequest = { eventId: 'ev-123456', contactIds: ['C-0001'], event: interview([ref('Katherine Johnson', { company: 'NASA' })]) };
    const first = plan(t, request);
    // The counter went with the pending record, before the first write; nothing else was written.
    const counted = { ...t, idCounter: first.idCounter };
    const retry = planEvent(
      counted,
      request,
      () => false,
      (key) => first.pending.find((p) => p.key === key),
    );
    if (!retry.ok) throw new Error(retry.message);
    expect(retry.append).toEqual(first.append);
    expect(retry.referrals).toEqual(first.referrals);
    expect(retry.idCounter).toBe(first.idCounter);
    expect(retry.log).toEqual(first.log);
  });

  it('the same person entered twice is added once', () => {
    const p = plan(people(), {
      eventId: 'ev-123456',
      contactIds: ['C-0001'],
      event: interview([ref('Mei Chen', { company: 'Initech' }), ref('mei chen', { company: 'Initech, Inc.' })]),
    });
    expect(p.append).toHaveLength(1);
    expect(p.referrals).toHaveLength(1);
  });

  it('a referral cannot be the referrer', () => {
    expect(
      planEvent(
        people(),
        { eventId: 'ev-123456', contactIds: ['C-0001'], event: interview([ref('Ada Lovelace', { email: 'ada@acme.example' })]) },
        () => false,
      ),
    ).toEqual({
      ok: false,
      message: expect.stringMatching(/is the contact you are logging/),
    });
  });

  it('keeps values with no column in the log, and splits names into First and Last name columns', () => {
    const header = ['First Name', 'Last Name', ...TRACKER_COLUMNS.map((c) => c.header)];
    const map = mapColumns(header);
    const rows = [['Ada', 'Lovelace', 'C-0001', '', '', 'Scheduled', '', '', '', '', '', '', '']] as Cell[][];
    const t: EventTable = {
      headerRow: 1,
      header,
      rows,
      formulas: [rows[0].map(() => '')],
      contact: map.contact,
      tracker: map.tracker,
      idCounter: 1,
      timeZone: 'Etc/UTC',
    };
    const p = plan(t, { eventId: 'ev-123456', contactIds: ['C-0001'], event: interview([ref('Mary Jane Watson', { email: 'mj@x.example' })]) });
    expect(p.append[0].slice(0, 2)).toEqual(['Mary', 'Jane Watson']);
    expect(p.log[1].details).toContain('Email: mj@x.example');
  });

  it('First and Last name columns keep every word of the name typed, so a retry finds the row by its name', () => {
    const header = ['First Name', 'Last Name', ...TRACKER_COLUMNS.map((c) => c.header)];
    const map = mapColumns(header);
    const rows = [['Ada', 'Lovelace', 'C-0001', '', '', 'Scheduled', '', '', '', '', '', '', '']] as Cell[][];
    const t: EventTable = {
      headerRow: 1,
      header,
      rows,
      formulas: [rows[0].map(() => '')],
      contact: map.contact,
      tracker: map.tracker,
      idCounter: 1,
      timeZone: 'Etc/UTC',
    };
    const request: EventRequest = { eventId: 'ev-123456', contactIds: ['C-0001'], event: interview([ref('Dr. Jane Q. Doe')]) };
    const first = apply(t, plan(t, request));
    expect(first.rows[1].slice(0, 2)).toEqual(['Dr. Jane', 'Q. Doe']);
    const retry = plan(first, request);
    expect(retry.append).toEqual([]);
    expect(retry.referrals).toEqual([{ id: 'C-0002', name: 'Dr. Jane Q. Doe', status: 'matched' }]);
  });
});
