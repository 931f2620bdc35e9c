import { describe, expect, it } from 'vitest';
import { askForReferralText, summariseLogged } from '../../src/core/event-summary.ts';
import type { LoggedContact } from '../../src/shared/types.ts';

const ada: LoggedContact = { id: 'C-0001', name: 'Ada Lovelace', company: 'Acme', stage: 'Pitched', stageKept: false, nextFollowUp: '2026-01-20', alreadyLogged: false };

describe('summariseLogged', () => {
  it('says what changed for each contact', () => {
    const text = summariseLogged('Pitch sent', [ada, { ...ada, id: 'C-0002', name: 'Grace Hopper', stage: 'Interviewed', stageKept: true, nextFollowUp: '' }], [{ id: 'C-0009', name: 'Alan Turing', status: 'added' }]);
    expect(text).toContain('Logged “Pitch sent” for 2 contacts in the Interview log.');
    expect(text).toContain('Ada Lovelace (C-0001): stage Pitched, next follow-up Tue 2026-01-20.');
    expect(text).toContain('Grace Hopper (C-0002): stays at Interviewed (stages only move forward), no follow-up date.');
    expect(text).toContain('New contacts from referrals: Alan Turing (C-0009).');
  });

  it('says when nothing new was written', () => {
    expect(summariseLogged('Reply', [{ ...ada, alreadyLogged: true }], [])).toBe('“Reply” was already in the Interview log for this contact; nothing new was written.');
  });
});

describe('askForReferralText', () => {
  it('is short, addressed by first name, and asks whom else to talk to', () => {
    const text = askForReferralText([{ name: 'Prof. Amara Obi', company: 'State University' }]);
    expect(text.startsWith('Hi Amara,')).toBe(true);
    expect(text).toContain('at State University');
    expect(text).toMatch(/\?/);
    expect(text.split(/\s+/).length).toBeLessThan(100);
    expect(text).not.toMatch(/\bjob\b/i);
  });

  it('greets generally when several contacts declined', () => {
    expect(askForReferralText([{ name: 'A B', company: '' }, { name: 'C D', company: '' }]).startsWith('Hi there,')).toBe(true);
  });
});
