import { describe, expect, it } from 'vitest';
import { askForReferralText, routineHint, routineText, summariseLogged } from '../../../src/core/logging/summary.ts';
import type { LoggedContact } from '../../../src/shared/types.ts';

const ada: LoggedContact = {
  id: 'C-0001',
  name: 'Ada Lovelace',
  company: 'Acme',
  stage: 'Pitched',
  stageKept: false,
  nextFollowUp: '2026-01-20',
  secondContactBy: '',
  alreadyLogged: false,
};

describe('summariseLogged', () => {
  it('says what changed for each contact', () => {
    const text = summariseLogged(
      'Pitch sent',
      [ada, { ...ada, id: 'C-0002', name: 'Grace Hopper', stage: 'Interviewed', stageKept: true, nextFollowUp: '' }],
      [{ id: 'C-0009', name: 'Alan Turing', status: 'added' }],
    );
    expect(text).toContain('Logged “Pitch sent” for 2 contacts in the Interview log.');
    expect(text).toContain('Ada Lovelace (C-0001): stage Pitched, next follow-up Tue 2026-01-20.');
    expect(text).toContain('Grace Hopper (C-0002): stays at Interviewed (stages only move forward), no follow-up date.');
    expect(text).toContain('New contacts from referrals: Alan Turing (C-0009).');
  });

  it('says when nothing new was written', () => {
    expect(summariseLogged('Reply', [{ ...ada, alreadyLogged: true }], [])).toBe(
      '“Reply” was already in the Interview log for this contact; nothing new was written.',
    );
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
    expect(
      askForReferralText([
        { name: 'A B', company: '' },
        { name: 'C D', company: '' },
      ]).startsWith('Hi there,'),
    ).toBe(true);
  });
});

describe('the 3B7 routine, said in full', () => {
  const pitched: LoggedContact = { ...ada, company: 'Northwind', secondContactBy: '2026-01-14' };

  it('after a pitch: the second-contact day and the Next follow-up day, across the weekend', () => {
    const text = summariseLogged('Pitch sent', [pitched], []);
    expect(text).toContain(
      '3B7: no reply by Wed 2026-01-14 (3 business days)? Reach out to a second contact at Northwind. Still none by Tue 2026-01-20 (7 business days, the Next follow-up date)? Follow up once with Ada. Show follow-ups due reminds you of both.',
    );
    expect(routineText([pitched, { ...pitched, id: 'C-0002', name: 'Grace Hopper' }])).toMatch(
      /second contact at each organisation\. .* Follow up once with each of them\./,
    );
    // Nothing to say when the contact was further along (stage kept, no 3B7 dates), or already logged.
    expect(routineText([{ ...ada, stageKept: true, stage: 'Interviewed' }])).toBe('');
    expect(routineText([{ ...pitched, alreadyLogged: true }])).toBe('');
  });

  it('the pitch dialog says before saving which day Next follow-up gets, and what the 3rd business day is for', () => {
    const hint = routineHint('pitch', '2026-01-09', [{ name: 'Jordan Ellis', company: 'Northwind Analytics', stage: 'To contact' }]);
    expect(hint).toBe(
      '3B7: if Jordan does not reply, by Wed 2026-01-14 (3 business days) reach out to a second contact at Northwind Analytics; by Tue 2026-01-20 (7 business days) follow up once with Jordan. Next follow-up will be set to Tue 2026-01-20; Show follow-ups due reminds you of both steps.',
    );
    const several = routineHint('pitch', '2026-01-10', [
      { name: 'A B', company: 'X', stage: 'To contact' },
      { name: 'C D', company: 'Y', stage: 'Interviewed' },
    ]);
    // Saturday: counting starts on Monday, as WORKDAY does.
    expect(several).toMatch(
      /^3B7: if they do not reply, by Wed 2026-01-14 .* by Tue 2026-01-20 .* Contacts already further along keep their stage and dates\.$/,
    );
    expect(routineHint('followUp', '2026-01-20', [{ name: 'Jordan Ellis', company: '', stage: 'Pitched' }])).toBe(
      'If there is still no reply by Thu 2026-01-29 (7 business days), mark Jordan as No response and move on. Next follow-up will be set to Thu 2026-01-29.',
    );
    expect(routineHint('pitch', 'not a date', [{ name: 'A', company: '', stage: '' }])).toBe('');
    expect(routineHint('thankYou', '2026-01-09', [{ name: 'A', company: '', stage: '' }])).toBe('');
  });
});
