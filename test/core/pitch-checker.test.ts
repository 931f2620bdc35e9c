import { describe, expect, it } from 'vitest';
import { asksForTime, checkPitch, countWords, jobMentions, pronounCounts, type CheckCode } from '../../src/core/pitch/checker.ts';
import type { TemplatePurpose } from '../../src/core/pitch/templates.ts';

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

  it('warns above the word limit, and the limit is the user\'s', () => {
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

  it('flags a job word in the subject line', () => {
    expect(codes(GOOD, 'pitch', 'Internship question')).toContain('job');
  });

  it('asks for a question, except in a thank-you', () => {
    const noQuestion = GOOD.replace(/\?/g, '.');
    expect(codes(noQuestion)).toContain('no-question');
    expect(codes(noQuestion, 'thankYou')).not.toContain('no-question');
  });

  it.each(['15-30 minutes', '15–30 minutes', '15 to 20 minutes', '20 minutes', 'a 15-minute call', '20 min', 'twenty minutes', 'half an hour', 'a quick call', 'a short chat'])(
    'recognises a time request: %s',
    (phrase) => expect(asksForTime(`Would you have ${phrase} next week?`)).toBe(true),
  );

  it('warns when no time is asked for, only in pitches and follow-ups', () => {
    const vague = GOOD.replace('20 minutes for a call', 'some time to talk');
    expect(asksForTime(vague)).toBe(false);
    expect(codes(vague)).toContain('no-time');
    expect(codes(vague, 'followUp')).toContain('no-time');
    expect(codes(vague, 'askReferral')).not.toContain('no-time');
    expect(asksForTime('I have 200 minutes')).toBe(false);
  });

  it('reports each merge field with no value', () => {
    const w = checkPitch({ subject: 's', body: GOOD, purpose: 'pitch', wordLimit: 100, missing: [{ field: 'Company', reason: 'empty' }, { field: 'Compny', reason: 'unknown' }] }).warnings;
    expect(w.filter((x) => x.code === 'missing-field').map((x) => x.message)).toEqual([expect.stringContaining('{{Company}} is empty'), expect.stringContaining('{{Compny}} matches no column')]);
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
