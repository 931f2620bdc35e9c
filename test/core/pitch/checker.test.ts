import { describe, expect, it } from 'vitest';
import {
  asksForTime,
  checkPitch,
  checkSummary,
  countWords,
  jobMentions,
  longTimeRequest,
  pronounCounts,
  timeMentions,
  type CheckCode,
} from '../../../src/core/pitch/checker.ts';
import type { TemplatePurpose } from '../../../src/core/pitch/templates.ts';

const GOOD = `Hi Ada,

Professor Chen suggested I reach out. I'm a final-year economics student, and your move from research into product work at Northwind is the path I'm curious about.

Would you have 20 minutes for a call in the next two weeks? Which day and time would suit you, and do you prefer phone or video?

Thank you,
Sam`;

function codes(body: string, purpose: TemplatePurpose = 'pitch', subject = 'A question about your work', wordLimit = 100): CheckCode[] {
  return checkPitch({ subject, body, purpose, wordLimit }).warnings.map((w) => w.code);
}

describe('pitch checker', () => {
  it('passes a short, specific pitch that ends with a question', () => {
    expect(codes(GOOD)).toEqual([]);
  });

  it('counts words, including contractions and hyphenated words as one', () => {
    expect(countWords("I'm a well-known 20-minute fan")).toBe(5);
    expect(countWords('')).toBe(0);
    expect(countWords('Søren, José and 李 are here.')).toBe(6);
  });

  it("warns above the word limit, and the limit is the user's", () => {
    const long = `${GOOD}\n${'More words here. '.repeat(20)}`;
    expect(codes(long)).toContain('too-long');
    expect(codes(long, 'pitch', 'Subject', 500)).not.toContain('too-long');
    const result = checkPitch({ subject: 's', body: long, purpose: 'pitch', wordLimit: 100 });
    expect(result.warnings.find((w) => w.code === 'too-long')!.message).toContain(`${result.words} words`);
  });

  it.each(['job', 'jobs', 'position', 'hiring', 'résumé', 'resume', 'Resume', 'internship', 'CV'])('flags "%s" in a first pitch', (word) => {
    expect(codes(`${GOOD}\nI attached my ${word}.`)).toContain('job');
  });

  it('does not flag words that only contain a job word, and not in a thank-you', () => {
    expect(jobMentions('jobless hirer positional resumed curriculum')).toEqual([]);
    expect(codes(`${GOOD} Your position on this.`, 'thankYou')).not.toContain('job');
  });

  it('flags job words only in a first pitch, not in a follow-up or a request for a referral', () => {
    const withJob = `${GOOD}\nI saw the analyst position on your site.`;
    expect(codes(withJob, 'pitch')).toContain('job');
    expect(codes(withJob, 'followUp')).not.toContain('job');
    expect(codes(withJob, 'askReferral')).not.toContain('job');
    expect(codes(GOOD, 'followUp', 'About the internship')).not.toContain('job');
  });

  it('flags a job word in the subject line', () => {
    expect(codes(GOOD, 'pitch', 'Internship question')).toContain('job');
  });

  it('asks for a question, except in a thank-you', () => {
    const noQuestion = GOOD.replace(/\?/g, '.');
    expect(codes(noQuestion)).toContain('no-question');
    expect(codes(noQuestion, 'thankYou')).not.toContain('no-question');
  });

  it.each([
    '15-30 minutes',
    '15–30 minutes',
    '15 to 20 minutes',
    '20 minutes',
    'a 15-minute call',
    '20 min',
    'twenty minutes',
    'twenty-five minutes',
    '10 mins',
    'half an hour',
    'a half-hour call',
    'a quarter of an hour',
    'a few minutes',
    'a quick call',
    'a short chat',
  ])('recognises a time request: %s', (phrase) => expect(asksForTime(`Would you have ${phrase} next week?`)).toBe(true));

  it.each(['60 minutes', '5 min', '45 minutes', 'an hour', '1 hour', '1.5 hours', 'two hours', '2-5 min'])(
    'does not count %s as a request for 10 to 30 minutes',
    (phrase) => {
      expect(asksForTime(`Would you have ${phrase} next week?`)).toBe(false);
    },
  );

  it('reads amounts of time in minutes', () => {
    expect(
      timeMentions('Could we talk for 20-45 minutes? I spent 2 hours on your blog. Or half an hour.').map((t) => [t.text, t.minutes, t.inRequest]),
    ).toEqual([
      ['20-45 minutes', 45, true],
      ['2 hours', 120, false],
      ['half an hour', 30, false],
    ]);
    expect(timeMentions('a 1.5 hr call, a quarter-hour, an hour-long chat').map((t) => t.minutes)).toEqual([90, 15, 60]);
  });

  it('warns on a request for much more than 30 minutes, and not on a long time told as a story', () => {
    for (const phrase of ['an hour', '60 minutes', '45 minutes', 'a couple of hours', '20 to 60 minutes']) {
      const body = GOOD.replace('20 minutes', phrase);
      expect(codes(body), phrase).toEqual(['long-time']);
      expect(checkPitch({ subject: 's', body, purpose: 'pitch', wordLimit: 100 }).warnings[0].message).toContain(
        `Asks for “${phrase}”. Ask for 15 to 30 minutes`,
      );
    }
    expect(longTimeRequest('I spent two hours reading your papers. Would you have 20 minutes?')).toBeNull();
    expect(codes(`${GOOD}\nI spent two hours reading your papers.`)).toEqual([]);
    expect(codes(GOOD.replace('20 minutes', 'an hour'), 'thankYou')).toEqual([]);
  });

  it('says a 5-minute request is too short for a conversation', () => {
    const body = GOOD.replace('20 minutes', '5 min');
    expect(codes(body)).toEqual(['no-time']);
    expect(checkPitch({ subject: 's', body, purpose: 'pitch', wordLimit: 100 }).warnings[0].message).toMatch(
      /^“5 min” is hardly time for a conversation\. Ask for 15 to 30 minutes/,
    );
  });

  it('warns when no time is asked for, only in pitches and follow-ups', () => {
    const vague = GOOD.replace('20 minutes for a call', 'some time to talk');
    expect(asksForTime(vague)).toBe(false);
    expect(codes(vague)).toContain('no-time');
    expect(codes(vague, 'followUp')).toContain('no-time');
    expect(codes(vague, 'askReferral')).not.toContain('no-time');
    expect(asksForTime('I have 200 minutes')).toBe(false);
  });

  it('reports each merge field with no value', () => {
    const w = checkPitch({
      subject: 's',
      body: GOOD,
      purpose: 'pitch',
      wordLimit: 100,
      missing: [
        { field: 'Company', reason: 'empty' },
        { field: 'Compny', reason: 'unknown' },
      ],
    }).warnings;
    expect(w.filter((x) => x.code === 'missing-field').map((x) => x.message)).toEqual([
      expect.stringContaining('{{Company}} is empty'),
      expect.stringContaining('{{Compny}} matches no column'),
    ]);
  });

  it('warns when the message says "I" far more than "you"', () => {
    const selfish = "Hi, I'm Sam. I study economics and I love data. My goal is to work in health. I think I would be great. Could we talk for 20 minutes?";
    expect(pronounCounts(selfish)).toEqual({ me: 6, you: 0 });
    expect(codes(selfish)).toContain('about-me');
    expect(codes(`${selfish} What do you enjoy about your work? How did you start? What would you advise?`)).not.toContain('about-me');
  });

  it('asks for a message when the body is empty, and notes a missing subject', () => {
    expect(codes('  ')).toEqual(['empty']);
    expect(codes(GOOD, 'pitch', '')).toEqual(['no-subject']);
  });
});

describe('checker summary', () => {
  it('says the word count and each kind of problem once, briefly', () => {
    expect(checkSummary(checkPitch({ subject: 's', body: GOOD, purpose: 'pitch', wordLimit: 100 }), 100)).toMatch(/^\d+ of 100 words\. No problems found\.$/);
    const missing = [
      { field: 'A', reason: 'empty' as const },
      { field: 'B', reason: 'unknown' as const },
    ];
    const r = checkPitch({ subject: 's', body: 'I want a job at {{A}} {{B}}.', purpose: 'pitch', wordLimit: 100, missing });
    expect(checkSummary(r, 100)).toBe('7 of 100 words. 4 problems: mentions a job; no question; no request for 15 to 30 minutes; a merge field has no value.');
  });
});
