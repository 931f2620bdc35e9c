// Sharing with a coach, the pure parts: the coach's email, which columns a copy may hold, how the
// coach's feedback comes back, access changes, the copy's table and the direct-share warning.
import { describe, expect, it } from 'vitest';
import { checkCoachEmail, sameEmail } from '../../../src/core/coach/email.ts';
import { cleanSettings, coachColumns, isShared, sharedColumns } from '../../../src/core/coach/columns.ts';
import {
  decodeBase,
  decodeBases,
  decodeFingerprint,
  encodeBase,
  encodePending,
  feedbackHash,
  mergeFeedback,
  type FeedbackBase,
} from '../../../src/core/coach/feedback.ts';
import { STORE_LIMIT_BYTES, storeWriteProblem, VALUE_LIMIT_BYTES } from '../../../src/core/coach/property-limits.ts';
import { utf8Bytes } from '../../../src/core/base/text.ts';
import { effectiveRole, grantOps, leftPromoted, revokeOps } from '../../../src/core/coach/access.ts';
import {
  buildCopyTable,
  contactNames,
  copyValue,
  dashboardValues,
  FINGERPRINT_HEADER,
  NAMES_WITHHELD,
  readCopyFeedback,
  sharesAllNames,
} from '../../../src/core/coach/copy-table.ts';
import { HIDDEN_COLUMNS } from '../../../src/core/dashboard/layout.ts';
import { directShareWarning } from '../../../src/core/coach/warning.ts';

describe('checkCoachEmail', () => {
  it('accepts one address, trimmed, with mailto: removed', () => {
    expect(checkCoachEmail('  coach@example.com ')).toEqual({ ok: true, email: 'coach@example.com' });
    expect(checkCoachEmail('mailto:Ana.Lopez+career@uni.ac.uk')).toEqual({ ok: true, email: 'Ana.Lopez+career@uni.ac.uk' });
  });
  it.each([
    '',
    '   ',
    'coach',
    'coach@',
    '@example.com',
    'coach@example',
    'coach@@example.com',
    'co ach@example.com',
    'coach@exa_mple.com',
    'coach@example..com',
    '<coach@example.com>',
    `${'a'.repeat(250)}@example.com`,
    42,
    null,
  ])('refuses %j with a message', (bad) => {
    const r = checkCoachEmail(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
  });
  it('refuses a list of addresses: one coach at a time', () => {
    const r = checkCoachEmail('a@example.com, b@example.com');
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/one email address/) });
  });
  it('compares addresses without regard to case', () => {
    expect(sameEmail('Coach@Example.com', 'coach@example.com ')).toBe(true);
    expect(sameEmail('', '')).toBe(false);
    expect(sameEmail(null, 'a@b.co')).toBe(false);
  });
});

describe('coachColumns', () => {
  const header = [
    'Full name',
    'Email',
    'Employer',
    'Role',
    'Notes',
    'Priority',
    'Contact ID',
    'Relationship',
    'Referred by',
    'Stage',
    'Last contact',
    'Next follow-up',
    'Interview date',
    'Thank-you sent',
    'Referrals given',
    'Outcome',
    'Notes for coach',
    'Coach feedback',
  ];
  const columns = coachColumns({ header, remembered: {}, feedbackIndex: 17 });
  const byHeader = (h: string) => columns.find((c) => c.header === h)!;

  it('offers every column but the Coach feedback column, in sheet order, with stable ids', () => {
    expect(columns.map((c) => c.header)).toEqual(header.slice(0, 17));
    expect(byHeader('Employer').id).toBe('c:company');
    expect(byHeader('Stage').id).toBe('t:stage');
    expect(byHeader('Priority').id).toBe('h:priority');
  });
  it('always shares the Contact ID and never the private notes', () => {
    expect(byHeader('Contact ID').lock).toBe('required');
    expect(byHeader('Notes').lock).toBe('never');
    expect(isShared(byHeader('Notes'), { shared: ['c:notes'], private: [] })).toBe(false);
    expect(isShared(byHeader('Contact ID'), { shared: [], private: ['t:contactId'] })).toBe(true);
  });
  it('defaults to name, company, role, relationship, stage, dates, outcome and notes for coach', () => {
    const shared = sharedColumns(columns, { shared: null, private: [] }).map((c) => c.header);
    expect(shared).toEqual([
      'Full name',
      'Employer',
      'Role',
      'Contact ID',
      'Relationship',
      'Stage',
      'Last contact',
      'Next follow-up',
      'Interview date',
      'Thank-you sent',
      'Outcome',
      'Notes for coach',
    ]);
  });
  it('a column marked private is not shared even when ticked', () => {
    const shared = sharedColumns(columns, { shared: ['c:company', 'h:priority'], private: ['h:priority'] }).map((c) => c.id);
    expect(shared).toEqual(['c:company', 't:contactId']);
  });
  it('finds tracker columns by their metadata after a rename', () => {
    const renamed = [...header];
    renamed[9] = 'Where they are';
    const cols = coachColumns({ header: renamed, remembered: { stage: 9 }, feedbackIndex: null });
    expect(cols.find((c) => c.index === 9)!.id).toBe('t:stage');
  });
  it('finds contact columns by their metadata after a rename: a renamed name column is still a name, renamed notes still private', () => {
    const renamed = [...header];
    renamed[0] = 'Who';
    renamed[4] = 'Thoughts';
    const cols = coachColumns({ header: renamed, remembered: {}, rememberedContact: { fullName: 0, notes: 4 }, feedbackIndex: 17 });
    expect(cols.find((c) => c.index === 0)).toMatchObject({ id: 'c:fullName', header: 'Who', byDefault: true });
    expect(cols.find((c) => c.index === 4)).toMatchObject({ id: 'c:notes', lock: 'never' });
    expect(coachColumns({ header: renamed, remembered: {}, feedbackIndex: 17 }).find((c) => c.index === 0)!.id).toBe('h:who');
  });
  it('the private notes column renamed "Notes for coach" after that column was deleted is still the private notes', () => {
    const renamed = header.slice(0, 16); // Notes for coach and Coach feedback deleted
    renamed[4] = 'Notes for coach';
    const cols = coachColumns({ header: renamed, remembered: { contactId: 6 }, rememberedContact: { fullName: 0, notes: 4 }, feedbackIndex: null });
    expect(cols.find((c) => c.index === 4)).toMatchObject({ id: 'c:notes', lock: 'never' });
  });
  it('a second "Notes" column is private too', () => {
    const cols = coachColumns({ header: ['Name', 'Notes', 'Comments'], remembered: {}, feedbackIndex: null });
    expect(cols.filter((c) => c.lock === 'never').map((c) => c.header)).toEqual(['Notes', 'Comments']);
  });
  it('cleanSettings keeps known, unlocked ids and remembers ids of columns not there now', () => {
    const s = cleanSettings(columns, { shared: ['c:company', 'bogus', 't:contactId', 3], private: ['c:email'] }, { shared: ['h:gone'], private: [] });
    expect(s).toEqual({ shared: ['c:company', 'h:gone'], private: ['c:email'] });
    expect(cleanSettings(columns, {}, { shared: null, private: ['x'] })).toEqual({ shared: null, private: ['x'] });
  });
});

describe('mergeFeedback: never removes or replaces the user own text', () => {
  const base = (text: string, userText = false): FeedbackBase => ({ hash: feedbackHash(text.trim()), userText });

  it('a first comment fills an empty tracker cell', () => {
    expect(mergeFeedback('Great pitch', '', undefined)).toMatchObject({ text: 'Great pitch', rule: 'filled', base: { userText: false } });
  });
  it('a coach cell unchanged since the last update changes nothing, whatever the user did', () => {
    expect(mergeFeedback('Old', 'Old, and my reply', base('Old'))).toMatchObject({ text: 'Old, and my reply', rule: 'unchanged', base: { userText: true } });
    expect(mergeFeedback(undefined, 'Mine', undefined).rule).toBe('unchanged');
  });
  it('the coach rewriting their own words replaces them', () => {
    expect(mergeFeedback('Follow up on Friday', 'Folow up', base('Folow up'))).toMatchObject({ text: 'Follow up on Friday', rule: 'replaced' });
  });
  it('the user typing in the cell makes it theirs: the coach text is added below', () => {
    const r = mergeFeedback('Try the alumni list', 'Folow up — I did!', base('Folow up'));
    expect(r).toMatchObject({ text: 'Folow up — I did!\n\nTry the alumni list', rule: 'appended', base: { userText: true } });
    // Once the user's, the coach editing again only adds.
    const next = mergeFeedback('Try the alumni list first', r.text, r.base);
    expect(next.text.startsWith('Folow up — I did!')).toBe(true);
    expect(next.text).toContain('Try the alumni list first');
  });
  it('the coach adding to the text extends it', () => {
    expect(mergeFeedback('Mine. Coach: good', 'Mine.', base('Mine.', true))).toMatchObject({
      text: 'Mine. Coach: good',
      rule: 'extended',
      base: { userText: true },
    });
  });
  it('the coach emptying a cell never empties the tracker', () => {
    expect(mergeFeedback('', 'Keep me', base('Keep me'))).toMatchObject({ text: 'Keep me', rule: 'cleared' });
  });
  it('the same text on both sides is nothing to do', () => {
    expect(mergeFeedback('Same', 'Same', base('Older')).rule).toBe('same');
  });
  it("never cuts: when the merged text would not fit in a cell, the tracker keeps its text and the copy the coach's, until there is room", () => {
    const mine = 'x'.repeat(49_990);
    const coach = 'y'.repeat(100);
    const was = base('z', true);
    const r = mergeFeedback(coach, mine, was);
    expect(r).toMatchObject({ text: mine, copyText: coach, rule: 'tooLong' });
    // Not remembered as done: the next update tries again.
    expect(r.base).toEqual(was);
    expect(mergeFeedback(coach, 'x'.repeat(49_897), was)).toMatchObject({ rule: 'appended', text: `${'x'.repeat(49_897)}\n\n${coach}` });
  });
  it('text that needs the apostrophe counts it: 50,000 characters starting with "-" do not fit', () => {
    const coach = `-${'y'.repeat(49_999)}`;
    expect(mergeFeedback(coach, '', undefined)).toMatchObject({ rule: 'tooLong', text: '', copyText: coach });
    expect(mergeFeedback(coach.slice(0, -1), '', undefined)).toMatchObject({ rule: 'filled', text: coach.slice(0, -1) });
  });
  describe('after an update that died between the tracker and the coach view', () => {
    // What each update of a clean sequence gives, replayed as: first update recorded its intent,
    // wrote the tracker, died; the next update must give what the first would have.
    const cases: { name: string; coach: string; tracker: string; was: FeedbackBase | undefined }[] = [
      { name: 'filled', coach: 'Great pitch', tracker: '', was: undefined },
      { name: 'replaced', coach: 'Follow up on Friday', tracker: 'Folow up', was: base('Folow up') },
      { name: 'extended', coach: 'Mine. Coach: good', tracker: 'Mine.', was: base('Mine.', true) },
      { name: 'appended', coach: 'Try the alumni list', tracker: 'Folow up — I did!', was: base('Folow up') },
    ];
    for (const c of cases) {
      it(`${c.name}: the tracker written, the merge is not done twice and its base is the clean run's`, () => {
        const clean = mergeFeedback(c.coach, c.tracker, c.was);
        expect(clean.rule).toBe(c.name);
        const cell = encodePending(c.was, { base: clean.base, coachHash: feedbackHash(c.coach) });
        const { base: stillBase, pending } = decodeFingerprint(cell);
        expect(stillBase).toEqual(c.was);
        const again = mergeFeedback(c.coach, clean.text, stillBase, pending);
        expect(again).toMatchObject({ text: clean.text, base: clean.base });
      });
      it(`${c.name}: the tracker not written yet, the merge starts again`, () => {
        const clean = mergeFeedback(c.coach, c.tracker, c.was);
        const { base: stillBase, pending } = decodeFingerprint(encodePending(c.was, { base: clean.base, coachHash: feedbackHash(c.coach) }));
        expect(mergeFeedback(c.coach, c.tracker, stillBase, pending)).toEqual(clean);
      });
    }
    it('the coach editing again after the dead update counts from what it wrote', () => {
      const clean = mergeFeedback('Great pitch', '', undefined);
      const { base: stillBase, pending } = decodeFingerprint(encodePending(undefined, { base: clean.base, coachHash: feedbackHash('Great pitch') }));
      // The coach view still shows their first text; they replace it.
      expect(mergeFeedback('Call her Monday', clean.text, stillBase, pending)).toMatchObject({ text: 'Call her Monday', rule: 'replaced' });
    });
    it('a plain fingerprint has nothing pending', () => {
      expect(decodeFingerprint(encodeBase(base('x', true)))).toEqual({ base: base('x', true) });
      expect(decodeFingerprint('')).toEqual({ base: undefined });
    });
  });
  it('a base is one short cell text; the chunks earlier versions kept in properties still read', () => {
    const user = { hash: feedbackHash('mine'), userText: true };
    expect(decodeBase(encodeBase(user))).toEqual(user);
    expect(encodeBase({ hash: feedbackHash(''), userText: false })).toBe('');
    expect(decodeBase('')).toBeUndefined();
    expect(decodeBase('=1+1')).toBeUndefined();
    const legacy = JSON.stringify({ 'C-0001': encodeBase(user), x: 'bad value' });
    const back = decodeBases([legacy, null, 'not json']);
    expect([...back]).toEqual([['C-0001', user]]);
  });
});

describe('the feedback fingerprints at 50,000 contacts', () => {
  // The whole flow at 50,000 contacts takes minutes in the emulator (test/bundle/coach/sharing-scale.test.ts
  // runs it at up to 1,000): here, the part that grows with contacts, at full size.
  it('travel in the coach view, one cell per contact, and read back', () => {
    const n = 50_000;
    // Only Contact IDs reach the copy, however long their number.
    const id = (i: number) => `C-${String(i).padStart(12, '0')}`;
    const rows = Array.from({ length: n }, (_, i) => [`Person ${i}`, id(i)]);
    const bases = new Map(rows.map((r, i) => [r[1], { hash: feedbackHash(`note ${i}`), userText: i % 2 === 0 }]));
    const cols = [
      { id: 'c:fullName', header: 'Name', index: 0, byDefault: true },
      { id: 't:contactId', header: 'ID', index: 1, byDefault: false, lock: 'required' as const },
    ];
    const feedback = new Map(rows.map((r, i) => [r[1], `note ${i}`]));
    const t = buildCopyTable({ rows, formats: [], contactIdIndex: 1, referredByIndex: null, contact: { fullName: 0 } }, cols, feedback, bases);
    expect(t.fingerprints).toHaveLength(n);
    const sheet = [[...t.header, FINGERPRINT_HEADER], ...t.rows.map((r, i) => [...r, t.fingerprints[i]])];
    const back = readCopyFeedback(sheet);
    expect(back.bases).toEqual(bases);
    expect(back.feedback.get(id(49_999))).toBe('note 49999');
  });
  it('a copy without the fingerprint column (made by an earlier version) reads as having none', () => {
    expect(
      readCopyFeedback([
        ['Contact ID', 'Coach feedback'],
        ['C-0001', 'x'],
      ]).bases,
    ).toBeNull();
  });
});

describe('property limits, counted as Google counts them', () => {
  it('counts UTF-8 bytes, surrogate pairs as 4', () => {
    expect(utf8Bytes('abc')).toBe(3);
    expect(utf8Bytes('é')).toBe(2);
    expect(utf8Bytes('連')).toBe(3);
    expect(utf8Bytes('😀')).toBe(4);
    expect(utf8Bytes('\ud800')).toBe(3);
    for (const s of ['Rosa Jiménez 連絡先 😀', 'x'.repeat(100)]) expect(utf8Bytes(s)).toBe(Buffer.byteLength(s, 'utf8'));
  });
  it('refuses a value over 9 KB in bytes, and a store over 500 KB with keys counted', () => {
    expect(storeWriteProblem({}, { k: 'x'.repeat(VALUE_LIMIT_BYTES) })).toBeNull();
    expect(storeWriteProblem({}, { k: 'é'.repeat(VALUE_LIMIT_BYTES / 2 + 1) })).toEqual({ kind: 'value', key: 'k', bytes: VALUE_LIMIT_BYTES + 2 });
    const full: Record<string, string> = {};
    for (let i = 0; i < 56; i++) full[`k${String(i).padStart(2, '0')}`] = 'y'.repeat(9000);
    const used = 56 * 9003;
    expect(storeWriteProblem(full, { new: 'z'.repeat(STORE_LIMIT_BYTES - used - 3) })).toBeNull();
    expect(storeWriteProblem(full, { new: 'z'.repeat(STORE_LIMIT_BYTES - used - 2) })).toEqual({ kind: 'store', bytes: STORE_LIMIT_BYTES + 1, before: used });
    // Overwriting or deleting a key frees its room.
    expect(storeWriteProblem(full, { k00: null, new: 'z'.repeat(9000) })).toBeNull();
  });
});

describe('grantOps and revokeOps', () => {
  it('gives the asked role and takes back only what the add-on gave', () => {
    expect(grantOps('none', 'viewer', 'none')).toEqual(['addViewer']);
    expect(grantOps('none', 'editor', 'none')).toEqual(['addEditor']);
    expect(revokeOps('viewer', 'none')).toEqual(['removeViewer']);
    expect(revokeOps('editor', 'none')).toEqual(['removeEditor']);
    expect(revokeOps('none', 'none')).toEqual([]);
  });
  it('never demotes someone who was an editor for another reason, never touches the owner', () => {
    expect(grantOps('editor', 'viewer', 'editor')).toEqual([]);
    expect(effectiveRole('editor', 'viewer', 'editor')).toBe('editor');
    expect(revokeOps('editor', 'editor')).toEqual([]);
    expect(grantOps('owner', 'editor', 'owner')).toEqual([]);
    expect(revokeOps('owner', 'none')).toEqual([]);
  });
  // Apps Script reads a commenter as a viewer: calling addViewer on them could take their comments away.
  it('never calls addViewer on someone who had view (or comment) access before', () => {
    expect(grantOps('viewer', 'editor', 'viewer')).toEqual(['addEditor']);
    expect(revokeOps('editor', 'viewer')).toEqual([]);
    expect(leftPromoted('editor', 'viewer')).toBe(true);
    expect(leftPromoted('editor', 'none')).toBe(false);
    expect(grantOps('editor', 'viewer', 'viewer')).toEqual([]);
    expect(effectiveRole('editor', 'viewer', 'viewer')).toBe('editor');
    expect(revokeOps('viewer', 'viewer')).toEqual([]);
  });
  it('changing the role of an add-on editor to viewer demotes only what the add-on gave', () => {
    expect(grantOps('editor', 'viewer', 'none')).toEqual(['removeEditor', 'addViewer']);
  });
});

describe('buildCopyTable', () => {
  const contact = { fullName: 0, company: 1 };
  const rows = [
    ['Jordan Ellis', 'Northwind', 'C-0001', '', '=HYPERLINK("x")', new Date(Date.UTC(2025, 11, 7))],
    ['Amara Obi', '', 'C-0002', 'C-0001', '@me', ''],
    ['', '', '', '', '', ''],
    ['No Id', 'X', '', '', '', ''],
    ['Dup', '', 'C-0001', '', '', ''],
  ];
  const formats = rows.map(() => ['@', '@', '@', '@', '@', 'yyyy-mm-dd']);
  const shared = [
    { id: 'c:fullName', header: 'Name', index: 0, byDefault: true },
    { id: 't:contactId', header: 'ID', index: 2, byDefault: false, lock: 'required' as const },
    { id: 't:referredBy', header: 'Referred by', index: 3, byDefault: false },
    { id: 'h:note', header: 'Note', index: 4, byDefault: false },
    { id: 't:lastContact', header: 'Last contact', index: 5, byDefault: true },
  ];
  const table = buildCopyTable({ rows, formats, contactIdIndex: 2, referredByIndex: 3, contact }, shared, new Map([['C-0002', '=1+1']]));

  it('holds shared columns then Coach feedback; the ID column is always "Contact ID"', () => {
    expect(table.header).toEqual(['Name', 'Contact ID', 'Referred by', 'Note', 'Last contact', 'Coach feedback']);
    expect(table.ids).toEqual(['C-0001', 'C-0002']);
  });
  it('writes text that could become a formula as text, and keeps dates as dates', () => {
    expect(table.rows[0][3]).toBe(`'=HYPERLINK("x")`);
    expect(table.rows[1][3]).toBe(`'@me`);
    expect(table.rows[1][5]).toBe(`'=1+1`);
    expect(table.rows[0][4]).toBeInstanceOf(Date);
    expect(table.formats[0]).toEqual(['@', '@', '@', '@', 'yyyy-mm-dd']);
  });
  it('shows the referrer by name when names are shared', () => {
    expect(table.rows[1][2]).toBe('Jordan Ellis (C-0001)');
  });
  it('counts rows without an ID and duplicate IDs', () => {
    expect(table.withoutId).toBe(1);
    expect(table.duplicateIds).toEqual(['C-0001']);
  });
  it('shows only the referrer ID when names are not shared', () => {
    const t = buildCopyTable({ rows, formats, contactIdIndex: 2, referredByIndex: 3, contact }, shared.slice(1, 3), new Map());
    expect(t.rows[1][1]).toBe('C-0001');
  });
  it('shows only the referrer ID when some name column is not shared (no more of a name than chosen)', () => {
    const split = [
      ['Jordan', 'Ellis', 'C-0001', ''],
      ['Amara', 'Obi', 'C-0002', 'C-0001'],
    ];
    const cols = [
      { id: 'c:firstName', header: 'First', index: 0, byDefault: true },
      { id: 't:contactId', header: 'ID', index: 2, byDefault: false, lock: 'required' as const },
      { id: 't:referredBy', header: 'Referred by', index: 3, byDefault: false },
    ];
    const t = buildCopyTable({ rows: split, formats: [], contactIdIndex: 2, referredByIndex: 3, contact: { firstName: 0, lastName: 1 } }, cols, new Map());
    expect(t.rows[1][2]).toBe('C-0001');
  });
  it('with names withheld, Referred by passes only Contact IDs: free text there is withheld like a name', () => {
    const free = [
      ['Kenji Sato', 'C-0001', ''],
      ['Rosa Jiménez', 'C-0002', 'Kenji told me (Rosa Jiménez)'],
      ['Lee Park', 'C-0003', ' c-0001 '],
      ['Ana Ruiz', 'C-0004', 'C-0099'],
      ['Bo Chen', 'C-0005', 42],
    ];
    const cols = [
      { id: 't:contactId', header: 'ID', index: 1, byDefault: false, lock: 'required' as const },
      { id: 't:referredBy', header: 'Referred by', index: 2, byDefault: false },
    ];
    const t = buildCopyTable({ rows: free, formats: [], contactIdIndex: 1, referredByIndex: 2, contact: { fullName: 0 } }, cols, new Map());
    expect(t.rows.map((r) => r[1])).toEqual(['', NAMES_WITHHELD, ' c-0001 ', 'C-0099', NAMES_WITHHELD]);
    expect(JSON.stringify(t.rows)).not.toMatch(/Kenji|Rosa/);
  });
  it('reads the feedback back by header, wherever the coach moved the columns', () => {
    const { feedback, found } = readCopyFeedback([
      ['Coach feedback', 'Name', 'contact id'],
      ['Good', 'A', 'C-0002'],
      ['', 'B', 'C-0001'],
      ['later', 'B again', 'C-0001'],
      ['no id', 'C', ''],
    ]);
    expect(found).toBe(true);
    expect([...feedback]).toEqual([
      ['C-0002', 'Good'],
      ['C-0001', 'later'],
    ]);
    expect(readCopyFeedback([['Name', 'Stage']]).found).toBe(false);
  });
  it('withholds contact names from the dashboard when names are not shared, however short, as whole words', () => {
    const names = contactNames(
      [
        ['Jordan Ellis', 'x'],
        ['', 'y'],
        ['Al', 'z'],
        ['Prof. Amara Obi', 'w'],
      ],
      { fullName: 0 },
    );
    expect([...names]).toEqual(['Jordan Ellis', 'Jordan', 'Ellis', 'Al', 'Prof. Amara Obi', 'Prof', 'Amara', 'Obi']);
    const withhold = { names, trackerSheet: 'Contacts' };
    const none = [
      ['', '', ''],
      ['', '', ''],
      ['', ''],
    ];
    expect(
      dashboardValues(
        [
          ['Overdue', 2, 'Al'],
          ['Alumni', 0, ''],
          ['Ask Ellis', 'Obi.'],
        ],
        none,
        withhold,
      ),
    ).toEqual([
      ['Overdue', 2, NAMES_WITHHELD],
      ['Alumni', 0, ''],
      [NAMES_WITHHELD, NAMES_WITHHELD],
    ]);
  });
  it('withholds any text the dashboard computes from the tracker sheet (its name lists)', () => {
    const withhold = { names: new Set<string>(), trackerSheet: "Bob's contacts" };
    const values = [['Due today', 'C-0009', 3, '']];
    const formulas = [['', `=IFERROR(TEXTJOIN(", ",TRUE,FILTER('Bob''s contacts'!$A:$A,1)),"")`, `=COUNTA('Bob''s contacts'!$A:$A)`, `='Bob''s contacts'!B2`]];
    expect(dashboardValues(values, formulas, withhold)).toEqual([['Due today', NAMES_WITHHELD, 3, '']]);
    expect(dashboardValues(values, formulas, null)).toEqual(values);
  });
  it('shows names only when every name column the tracker has is shared', () => {
    const col = (id: string) => ({ id, header: id, index: 0, byDefault: true });
    expect(sharesAllNames([col('c:firstName')], { firstName: 0, lastName: 1 })).toBe(false);
    expect(sharesAllNames([col('c:firstName'), col('c:lastName')], { firstName: 0, lastName: 1 })).toBe(true);
    expect(sharesAllNames([col('c:fullName')], { fullName: 0, firstName: 1 })).toBe(false);
    expect(sharesAllNames([], {})).toBe(true);
  });
  // Found in review: the Contact IDs behind the follow-up lists (hidden columns) showed in the
  // copy, which says who is due even when the names are withheld.
  it("leaves the dashboard's hidden helper columns out of the copy, names shared or not", () => {
    const { first, count } = HIDDEN_COLUMNS;
    const row: unknown[] = ['Overdue', 1, 'Ada', '', '', ''];
    while (row.length < first - 1 + count) row.push(row.length % 2 ? 'C-0003' : 46357);
    row.push('after');
    const withhold = { names: new Set(['Ada']), trackerSheet: 'Contacts' };
    for (const w of [withhold, null]) {
      const out = dashboardValues([row], [], w)[0];
      expect(out.slice(first - 1, first - 1 + count)).toEqual(Array(count).fill(''));
      expect(out.at(-1)).toBe('after');
      expect(out[2]).toBe(w ? NAMES_WITHHELD : 'Ada');
    }
  });
  it('dashboard figures become values', () => {
    expect(
      dashboardValues(
        [
          ['Contacts', 12, '=A1'],
          [true, '', 0.25],
        ],
        [],
        null,
      ),
    ).toEqual([
      ['Contacts', 12, `'=A1`],
      [true, '', 0.25],
    ]);
    expect(copyValue(null)).toBe('');
  });
});

describe('directShareWarning', () => {
  const contents = {
    trackerName: 'My search',
    sheets: [
      { name: 'Contacts', hidden: false },
      { name: 'Interview log', hidden: false },
      { name: 'Private', hidden: true },
    ],
    privateColumns: ['Notes', 'Salary hopes'],
    columnCount: 18,
    hasInterviewLog: true,
  };
  it('names every sheet, the hidden ones, the private columns and the log', () => {
    const text = directShareWarning(contents, 'viewer').join('\n');
    expect(text).toContain('“Contacts”, “Interview log” and “Private”');
    expect(text).toContain('hidden sheet “Private”');
    expect(text).toContain('“Notes” and “Salary hopes”');
    expect(text).toContain('Interview log');
    expect(text).toContain('download, print or copy');
    expect(text).not.toContain('version history');
  });
  it('warns an editor about version history and sharing onwards', () => {
    const text = directShareWarning(contents, 'editor').join('\n');
    expect(text).toContain('version history');
    expect(text).toContain('share the file with others');
  });
});
