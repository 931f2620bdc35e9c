import { describe, expect, it } from 'vitest';
import { formatIsoDate, type DateParts, parseIsoDate } from '../../../src/core/base/dates.ts';
import { firstName } from '../../../src/core/tracker/contacts.ts';
import { type ContactState, type CycleEvent, contactChange } from '../../../src/core/logging/events.ts';

const d = (iso: string): DateParts => parseIsoDate(iso)!;
const contact = (over: Partial<ContactState> = {}): ContactState => ({
  name: 'Ada Lovelace',
  company: 'Acme',
  stage: 'To contact',
  lastContact: null,
  nextFollowUp: null,
  thankYouSent: null,
  outcome: '',
  ...over,
});
const isoOf = (v: unknown) => (v && typeof v === 'object' ? formatIsoDate(v as DateParts) : v);
const simple = (kind: 'pitch' | 'followUp' | 'thankYou' | 'declined', date: string): CycleEvent => ({ kind, date: d(date), note: '' });

describe('pitch sent and follow-up sent: the 3B7 routine', () => {
  it('a pitch moves To contact to Pitched and sets the follow-up 7 business days later', () => {
    const c = contactChange(contact(), simple('pitch', '2026-01-09')); // a Friday
    expect(c.set.stage).toBe('Pitched');
    expect(isoOf(c.set.lastContact)).toBe('2026-01-09');
    expect(isoOf(c.set.nextFollowUp)).toBe('2026-01-20');
    expect(c.nextStep).toBe('No reply by Wed 2026-01-14: reach out to a second contact at Acme. Still none by Tue 2026-01-20: follow up once with Ada.');
  });

  it('reads a stage typed in another case as that stage', () => {
    const c = contactChange(contact({ stage: 'pitched' }), simple('pitch', '2026-01-09'));
    expect(c).toMatchObject({ stageAfter: 'Pitched', stageKept: false });
    expect(isoOf(c.set.nextFollowUp)).toBe('2026-01-20');
    const r = contactChange(contact({ stage: ' SCHEDULED ' }), { kind: 'reply', date: d('2026-01-12'), note: '', meetingDate: d('2026-01-16') });
    expect(isoOf(r.set.interviewDate)).toBe('2026-01-16');
  });

  it('a pitch logged on a Saturday counts from Monday', () => {
    expect(isoOf(contactChange(contact(), simple('pitch', '2026-01-10')).set.nextFollowUp)).toBe('2026-01-20');
  });

  it('a follow-up moves Pitched to Followed up and gives 7 more business days', () => {
    const c = contactChange(contact({ stage: 'Pitched', lastContact: d('2026-01-09') }), simple('followUp', '2026-01-20'));
    expect(c.set.stage).toBe('Followed up');
    expect(isoOf(c.set.nextFollowUp)).toBe('2026-01-29');
    expect(c.nextStep).toMatch(/mark Ada as No response/);
  });

  it('an event for a contact in a later stage is logged without moving the stage back', () => {
    const c = contactChange(contact({ stage: 'Interviewed', lastContact: d('2026-01-05'), nextFollowUp: d('2026-01-06') }), simple('pitch', '2026-01-09'));
    expect(c.stageKept).toBe(true);
    expect(c.stageAfter).toBe('Interviewed');
    expect(c.set.stage).toBeUndefined();
    expect(c.set.nextFollowUp).toBeUndefined(); // no 3B7 clock for someone already interviewed
    expect(isoOf(c.set.lastContact)).toBe('2026-01-09');
  });

  it('a back-dated event never moves Last contact back', () => {
    const c = contactChange(contact({ stage: 'Pitched', lastContact: d('2026-01-20') }), simple('followUp', '2026-01-15'));
    expect(c.set.lastContact).toBeUndefined();
  });

  it('stage names typed in another case are understood', () => {
    expect(contactChange(contact({ stage: 'interviewed' }), simple('pitch', '2026-01-09')).stageKept).toBe(true);
  });
});

describe('reply', () => {
  it('with a day fixed: Scheduled, Interview date and follow-up on that day', () => {
    const c = contactChange(contact({ stage: 'Pitched' }), { kind: 'reply', date: d('2026-01-12'), note: '', meetingDate: d('2026-01-16') });
    expect(c.set.stage).toBe('Scheduled');
    expect(isoOf(c.set.interviewDate)).toBe('2026-01-16');
    expect(isoOf(c.set.nextFollowUp)).toBe('2026-01-16');
  });

  it('without a day: stage unchanged, a nudge 3 business days later', () => {
    const c = contactChange(contact({ stage: 'Pitched' }), { kind: 'reply', date: d('2026-01-09'), note: '', meetingDate: null });
    expect(c.set.stage).toBeUndefined();
    expect(isoOf(c.set.nextFollowUp)).toBe('2026-01-14');
  });

  it('a late reply brings a contact back from No response only when a day is fixed', () => {
    expect(contactChange(contact({ stage: 'No response' }), { kind: 'reply', date: d('2026-01-09'), note: '', meetingDate: d('2026-01-15') }).set.stage).toBe(
      'Scheduled',
    );
    expect(contactChange(contact({ stage: 'No response' }), { kind: 'reply', date: d('2026-01-09'), note: '', meetingDate: null }).set.stage).toBeUndefined();
  });
});

describe('interview, thank-you, declined', () => {
  const interview = (date: string): CycleEvent => ({ kind: 'interview', date: d(date), note: '', minutes: 30, nextStep: '', referrals: [] });

  it('an interview: Interviewed, Interview date, a thank-you due the next (calendar) day', () => {
    const c = contactChange(contact({ stage: 'Scheduled' }), interview('2026-01-09'));
    expect(c.set.stage).toBe('Interviewed');
    expect(isoOf(c.set.interviewDate)).toBe('2026-01-09');
    expect(isoOf(c.set.nextFollowUp)).toBe('2026-01-10');
    expect(c.nextStep).toBe('Send Ada a thank-you by Sat 2026-01-10.');
  });

  it("an interview keeps the user's own next step", () => {
    expect(contactChange(contact(), { ...interview('2026-01-09'), nextStep: 'Send my portfolio' } as CycleEvent).nextStep).toBe('Send my portfolio');
  });

  it('no thank-you reminder for an interview already thanked', () => {
    expect(contactChange(contact({ stage: 'Thanked', thankYouSent: d('2026-01-10') }), interview('2026-01-09')).set.nextFollowUp).toBeUndefined();
  });

  it('no thank-you reminder for a contact whose follow-ups are over (Thanked, Declined, No response is resumed)', () => {
    // Thanked earlier, talked again: the stage stays Thanked, whose follow-ups no list shows.
    expect(contactChange(contact({ stage: 'Thanked', thankYouSent: d('2026-01-05') }), interview('2026-01-09')).set.nextFollowUp).toBeUndefined();
    expect(contactChange(contact({ stage: 'Declined' }), interview('2026-01-09')).set.nextFollowUp).toBeUndefined();
    // A late reply brings No response on to Interviewed, which does get the reminder.
    expect(isoOf(contactChange(contact({ stage: 'No response' }), interview('2026-01-09')).set.nextFollowUp)).toBe('2026-01-10');
  });

  it('a thank-you clears the reminder, even one set for later: Thanked is closed', () => {
    const due = contactChange(contact({ stage: 'Interviewed', nextFollowUp: d('2026-01-10') }), simple('thankYou', '2026-01-10'));
    expect(due.set.stage).toBe('Thanked');
    expect(isoOf(due.set.thankYouSent)).toBe('2026-01-10');
    expect(due.set.nextFollowUp).toBe('');
    const later = contactChange(contact({ stage: 'Interviewed', nextFollowUp: d('2026-03-01') }), simple('thankYou', '2026-01-10'));
    expect(later.set.nextFollowUp).toBe('');
  });

  it('declined: the stage becomes Declined and the follow-up is cleared', () => {
    const c = contactChange(contact({ stage: 'Pitched', nextFollowUp: d('2026-01-20') }), simple('declined', '2026-01-12'));
    expect(c.set.stage).toBe('Declined');
    expect(c.set.nextFollowUp).toBe('');
    expect(c.nextStep).toMatch(/whom else/);
  });

  it('declined after the interview keeps the stage', () => {
    const c = contactChange(contact({ stage: 'Interviewed', nextFollowUp: d('2026-01-10') }), simple('declined', '2026-01-12'));
    expect(c.stageKept).toBe(true);
    expect(c.set.nextFollowUp).toBeUndefined();
  });
});

describe('outcomes', () => {
  const outcome = (kind: 'jobInterview' | 'offer'): CycleEvent => ({ kind, date: d('2026-02-01'), note: '', company: 'Globex' });

  it('only move forward: none → Job interview → Offer', () => {
    expect(contactChange(contact(), outcome('jobInterview')).set.outcome).toBe('Job interview');
    expect(contactChange(contact({ outcome: 'Job interview' }), outcome('offer')).set.outcome).toBe('Offer');
    expect(contactChange(contact({ outcome: 'Offer' }), outcome('jobInterview')).set.outcome).toBeUndefined();
    expect(contactChange(contact({ outcome: 'offer' }), outcome('offer')).set.outcome).toBeUndefined();
  });

  it("keep the user's own words, and leave stage and last contact alone", () => {
    const c = contactChange(contact({ outcome: 'Hired!', stage: 'Thanked' }), outcome('offer'));
    expect(c.set).toEqual({});
  });
});

describe('firstName', () => {
  it('skips a title', () => {
    expect(firstName('Prof. Amara Obi')).toBe('Amara');
    expect(firstName('Dr Grace Hopper')).toBe('Grace');
    expect(firstName('Ada')).toBe('Ada');
    expect(firstName('  ')).toBe('');
  });

  it('is the First Name a pitch greets: every title skipped, "Last, First" read as the sheet writes it', () => {
    expect(firstName('Ellis, Jordan')).toBe('Jordan');
    expect(firstName('Miss Jane Marple')).toBe('Jane');
    expect(firstName('Professor Amara Obi')).toBe('Amara');
    expect(firstName('Dr. Prof. Ada Lovelace')).toBe('Ada');
  });
});

describe('update sent: keeping a contact posted', () => {
  it('moves Last contact on and nothing else: the stage and follow-up stay as they are', () => {
    const c = contactChange(contact({ stage: 'Thanked', lastContact: d('2026-01-10'), thankYouSent: d('2026-01-10') }), {
      kind: 'update',
      date: d('2026-03-07'),
      note: '',
    });
    expect(c.set).toEqual({ lastContact: d('2026-03-07') });
    expect(c.stageAfter).toBe('Thanked');
    expect(c.nextStep).toContain('Keep Ada posted again');
  });
});
