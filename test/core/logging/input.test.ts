import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../../src/core/base/dates.ts';
import { checkEventInput, newEventId, outcomeKind } from '../../../src/core/logging/input.ts';

const today = parseIsoDate('2026-01-09')!;
const base = { eventId: '6f1c2b9e-1111-4a2b-9c3d-abcdefabcdef', contactIds: ['C-0001'], date: '2026-01-09' };

function refusal(kind: Parameters<typeof checkEventInput>[0], input: unknown): string {
  const r = checkEventInput(kind, input, today);
  if (r.ok) throw new Error('expected a refusal');
  return r.message;
}

describe('checkEventInput', () => {
  it('accepts a simple event and normalises contact IDs', () => {
    const r = checkEventInput('pitch', { ...base, contactIds: ['c-1', 'C-0001', 'C-0002'], note: '  hello  ' }, today);
    expect(r.ok && r.value.contactIds).toEqual(['C-0001', 'C-0002']);
    expect(r.ok && r.value.event).toMatchObject({ kind: 'pitch', date: { year: 2026, month: 1, day: 9 }, note: 'hello' });
  });

  it('needs a valid event ID and at least one contact ID', () => {
    expect(refusal('pitch', { ...base, eventId: '' })).toMatch(/event ID/);
    expect(refusal('pitch', { ...base, eventId: '=1+1 and more' })).toMatch(/event ID/);
    expect(refusal('pitch', { ...base, contactIds: [] })).toMatch(/No contact/);
    expect(refusal('pitch', { ...base, contactIds: ['Ada'] })).toMatch(/not a contact ID/);
    expect(refusal('pitch', null)).toMatch(/no details/);
    expect(refusal('pitch', 'text')).toMatch(/no details/);
  });

  it('takes ISO dates only, and no future dates for things that already happened', () => {
    expect(refusal('pitch', { ...base, date: '09/01/2026' })).toMatch(/Date: enter a date like/);
    expect(refusal('pitch', { ...base, date: '' })).toMatch(/Date/);
    expect(refusal('interview', { ...base, date: '2026-01-10' })).toMatch(/in the future/);
    expect(checkEventInput('jobInterview', { ...base, date: '2026-02-01', company: 'Globex' }, today).ok).toBe(true);
    expect(checkEventInput('reply', { ...base, meetingDate: '2026-01-20' }, today).ok).toBe(true);
    expect(refusal('reply', { ...base, meetingDate: 'Tuesday' })).toMatch(/Conversation date/);
  });

  it('checks text against the 50,000-character cell limit', () => {
    expect(checkEventInput('pitch', { ...base, note: 'x'.repeat(50_000) }, today).ok).toBe(true);
    expect(refusal('pitch', { ...base, note: 'x'.repeat(50_001) })).toMatch(/Note is 50,001 characters long; a cell holds at most 50,000/);
    expect(refusal('interview', { ...base, learned: 'x'.repeat(50_001) })).toMatch(/What you learned/);
    expect(refusal('pitch', { ...base, note: 42 })).toMatch(/Note must be text/);
  });

  it('counts the apostrophe that keeps =, +, -, @ and number-like text as text', () => {
    expect(refusal('pitch', { ...base, note: '=' + 'x'.repeat(49_999) })).toMatch(
      /^Note is 50,000 characters long; a cell holds at most 50,000 \(49,999 for text that starts with =/,
    );
    expect(checkEventInput('pitch', { ...base, note: '=' + 'x'.repeat(49_998) }, today).ok).toBe(true);
    expect(refusal('interview', { ...base, referrals: [{ name: 'Dana', role: '-' + 'r'.repeat(49_999) }] })).toMatch(
      /^Referral 1's role is 50,000 characters long/,
    );
    expect(refusal('interview', { ...base, referrals: [{ name: '@' + 'n'.repeat(49_999) }] })).toMatch(/^Referral 1's name is 50,000/);
    expect(refusal('offer', { ...base, company: '1'.repeat(50_000) })).toMatch(/^Company is 50,000/);
  });

  it('interview: minutes, and referrals with a name, a plausible email and a known relationship', () => {
    const ok = checkEventInput(
      'interview',
      {
        ...base,
        minutes: '30',
        referrals: [
          { name: 'Grace Hopper', email: 'grace@navy.example' },
          { name: 'Alan', relationship: 'alumni' },
        ],
      },
      today,
    );
    expect(ok.ok && ok.value.event).toMatchObject({
      minutes: 30,
      referrals: [
        { name: 'Grace Hopper', relationship: 'Referral' },
        { name: 'Alan', relationship: 'Alumni' },
      ],
    });
    expect(refusal('interview', { ...base, minutes: 0 })).toMatch(/minutes/);
    expect(refusal('interview', { ...base, minutes: 12.5 })).toMatch(/minutes/);
    expect(refusal('interview', { ...base, referrals: [{ name: '', email: 'x@y.org' }] })).toMatch(/Referral 1 has no name/);
    expect(refusal('interview', { ...base, referrals: [{ name: 'Bo', email: 'not an email' }] })).toMatch(/does not look like an email/);
    expect(refusal('interview', { ...base, referrals: [{ name: 'Bo', relationship: 'Enemy' }] })).toMatch(/relationship must be one of/);
    expect(refusal('interview', { ...base, referrals: [{ name: 'Bo\nBo' }] })).toMatch(/one line/);
    expect(refusal('interview', { ...base, referrals: 'Bo' })).toMatch(/list/);
  });

  it('referrals belong to one contact', () => {
    expect(refusal('interview', { ...base, contactIds: ['C-0001', 'C-0002'], referrals: [{ name: 'Bo' }] })).toMatch(/one contact at a time/);
    expect(checkEventInput('interview', { ...base, contactIds: ['C-0001', 'C-0002'], referrals: [] }, today).ok).toBe(true);
  });

  it('outcomeKind maps the page kinds', () => {
    expect(outcomeKind({ kind: 'job_interview' })).toBe('jobInterview');
    expect(outcomeKind({ kind: 'offer' })).toBe('offer');
    expect(outcomeKind({ kind: 'raise' })).toBeNull();
    expect(outcomeKind(undefined)).toBeNull();
  });
});

describe('newEventId', () => {
  it('is a version-4 UUID that the dialog targets accept, and a thousand of them are all different', () => {
    const ids = Array.from({ length: 1000 }, () => newEventId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const today = parseIsoDate('2026-01-09')!;
    expect(checkEventInput('pitch', { eventId: ids[0], contactIds: ['C-0001'], date: '2026-01-09' }, today).ok).toBe(true);
  });

  it('takes every digit from the random source, so the extremes stay in range', () => {
    expect(newEventId(() => 0)).toBe('00000000-0000-4000-8000-000000000000');
    expect(newEventId(() => 0.9999)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });
});
