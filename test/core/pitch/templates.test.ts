import { describe, expect, it } from 'vitest';
import { checkPitch } from '../../../src/core/pitch/checker.ts';
import { mergeValues, renderMessage } from '../../../src/core/pitch/merge.ts';
import { agendaText, QUESTION_BANK } from '../../../src/core/pitch/questions.ts';
import { checkSettings, DEFAULT_SETTINGS, parseStoredSettings } from '../../../src/core/pitch/settings.ts';
import { BUILT_IN_TEMPLATES, builtInTemplate, suggestTemplate, THANKS_FIELDS } from '../../../src/core/pitch/templates.ts';

const settings = {
  myName: 'Sam Rivera',
  aboutMe: 'a final-year economics student at Leeds',
  myField: 'health-care data analysis',
  learnGoal: 'how analysts move into product roles',
  wordLimit: 100,
};
const row = { Name: 'Ada Lovelace', Email: 'ada@example.com', Company: 'Northwind Labs', Title: 'Product Manager', 'Referred by': 'C-0002' };
const values = mergeValues({ fields: Object.entries(row).map(([header, value]) => ({ header, value })), referrer: { name: 'Grace Hopper' }, settings });

describe('built-in templates', () => {
  it('cover every kind of message the method needs', () => {
    expect(BUILT_IN_TEMPLATES.map((t) => t.id)).toEqual([
      'builtin:known',
      'builtin:alumni',
      'builtin:cold',
      'builtin:referral',
      'builtin:followUp',
      'builtin:askReferral',
      'builtin:thankYou',
      'builtin:update',
      'builtin:itWorked',
    ]);
    for (const t of BUILT_IN_TEMPLATES) expect(t.subject && t.body && t.name).toBeTruthy();
  });

  it.each(BUILT_IN_TEMPLATES.map((t) => [t.name, t] as const))('%s fills completely and passes its own checker', (_name, t) => {
    const m = renderMessage(t, values);
    expect(m.missing).toEqual([]);
    expect(m.body).toContain('Sam Rivera');
    expect(m.body).not.toContain('{{');
    expect(checkPitch({ subject: m.subject, body: m.body, purpose: t.purpose, wordLimit: 100, missing: m.missing }).warnings).toEqual([]);
  });

  it('suggests the keep-in-touch update once a contact is Thanked, the thank-you just after the conversation', () => {
    expect(suggestTemplate({ stage: 'Thanked', relationship: 'Alumni', referred: false })).toBe('update');
    expect(suggestTemplate({ stage: 'Interviewed', relationship: 'Alumni', referred: false })).toBe('thankYou');
  });

  it('the referral introduction names the referrer in subject and body', () => {
    const m = renderMessage(builtInTemplate('referral'), values);
    expect(m.subject).toBe('Grace Hopper suggested I reach out');
    expect(m.body).toContain('Grace Hopper suggested I reach out to you.');
  });

  it('"It worked: thank you" says what it led to and the person\'s part, which win over a column of the same name', () => {
    const fields = [...Object.entries(row).map(([header, value]) => ({ header, value })), { header: 'Your part', value: 'a note of theirs' }];
    const extra = [
      { name: THANKS_FIELDS.outcome, value: 'an offer' },
      { name: THANKS_FIELDS.part, value: 'you introducing me to Bob, who introduced me to Cy' },
    ];
    const m = renderMessage(builtInTemplate('itWorked'), mergeValues({ fields, settings, extra }));
    expect(m.subject).toBe('It worked: thank you');
    expect(m.body).toContain('Hi Ada,');
    expect(m.body).toContain('has led to an offer. It started with you introducing me to Bob, who introduced me to Cy, and I am very grateful.');
  });

  it('read sensibly for a contact with only a name', () => {
    const bare = mergeValues({ fields: [{ header: 'Name', value: 'Linus' }], settings });
    for (const id of ['known', 'alumni', 'cold', 'followUp'] as const) expect(renderMessage(builtInTemplate(id), bare).missing).toEqual([]);
  });
});

describe('suggested template', () => {
  it.each([
    [{ stage: 'To contact', relationship: 'Alumni', referred: false }, 'alumni'],
    [{ stage: '', relationship: 'LinkedIn', referred: false }, 'cold'],
    [{ stage: 'To contact', relationship: 'Friend', referred: false }, 'known'],
    [{ stage: 'To contact', relationship: 'Friend', referred: true }, 'referral'],
    [{ stage: 'pitched', relationship: 'Friend', referred: false }, 'followUp'],
    [{ stage: 'Declined', relationship: '', referred: false }, 'askReferral'],
    [{ stage: 'Interviewed', relationship: 'Cold', referred: true }, 'thankYou'],
  ] as const)('%o → %s', (hints, expected) => expect(suggestTemplate(hints)).toBe(expected));
});

describe('question bank', () => {
  it('has the five groups, each with questions', () => {
    expect(QUESTION_BANK.map((g) => g.title)).toEqual(['Their path', 'The work', 'The industry and what is changing', 'Advice', 'Who else to talk to']);
    for (const g of QUESTION_BANK) expect(g.questions.length).toBeGreaterThanOrEqual(3);
  });

  it('copies the picked questions as an agenda, grouped, in bank order', () => {
    const picked = ['Who else would you suggest I talk to?', 'How did you first get into this field?', 'What is changing in your industry right now?'];
    expect(agendaText(picked, { name: 'Ada Lovelace', date: '2026-03-05' })).toBe(
      'Questions for Ada Lovelace (2026-03-05)\n\nTheir path\n- How did you first get into this field?\n\nThe industry and what is changing\n- What is changing in your industry right now?\n\nWho else to talk to\n- Who else would you suggest I talk to?\n',
    );
    expect(agendaText([])).toBe('');
  });
});

describe('user settings', () => {
  it('accepts and tidies the details, and checks the word limit', () => {
    expect(checkSettings({ myName: '  Sam   Rivera ', wordLimit: '120' })).toEqual({
      ok: true,
      value: { ...DEFAULT_SETTINGS, myName: 'Sam Rivera', wordLimit: 120 },
    });
    expect(checkSettings({ wordLimit: 5 }).ok).toBe(false);
    expect(checkSettings({ myName: 42 }).ok).toBe(false);
    expect(checkSettings({ aboutMe: 'x'.repeat(300) }).ok).toBe(true);
    expect(checkSettings({ aboutMe: 'x'.repeat(301) })).toEqual({
      ok: false,
      message: 'About you, in one line is 301 characters long; keep it to at most 300.',
    });
    expect(checkSettings('nope').ok).toBe(false);
  });

  it('falls back to defaults for unreadable stored settings', () => {
    expect(parseStoredSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseStoredSettings('{')).toEqual(DEFAULT_SETTINGS);
    expect(parseStoredSettings('{"myName":"Sam"}').myName).toBe('Sam');
  });
});
