// The pitch checker: what makes an outreach message work (short, about them, asking for a
// little time and information, ending in a question), checked on the message as it will be sent.

import type { MissingField } from './merge.ts';
import type { TemplatePurpose } from './templates.ts';

export type CheckCode = 'empty' | 'no-subject' | 'too-long' | 'job' | 'no-question' | 'no-time' | 'missing-field' | 'about-me';

export interface PitchWarning {
  code: CheckCode;
  message: string;
}

export interface CheckInput {
  subject: string;
  body: string;
  purpose: TemplatePurpose;
  wordLimit: number;
  missing?: readonly MissingField[];
}

export interface CheckResult {
  words: number;
  warnings: PitchWarning[];
}

// Which rules apply to which kind of message. A thank-you asks for nothing; a request to be
// introduced asks a question but not for time.
const RULES: Record<TemplatePurpose, { job: boolean; question: boolean; time: boolean }> = {
  pitch: { job: true, question: true, time: true },
  followUp: { job: true, question: true, time: true },
  askReferral: { job: true, question: true, time: false },
  thankYou: { job: false, question: false, time: false },
};

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu;

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

// Letters on either side would make it part of another word ("jobless" is fine, "résumé" is not).
const JOB_WORDS = /(?<![\p{L}\p{N}])(jobs?|positions?|hiring|hire|r[ée]sum[ée]s?|cvs?|internships?|vacanc(?:y|ies)|job openings?)(?![\p{L}\p{N}])/giu;

/** Words in `text` that read as asking for a job rather than for information, as written. */
export function jobMentions(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(JOB_WORDS)) if (!found.some((f) => f.toLowerCase() === m[0].toLowerCase())) found.push(m[0]);
  return found;
}

const NUMBER_WORDS = '(?:ten|fifteen|twenty|twenty-five|thirty|forty-five)';
const AMOUNT = `(?:\\d{1,2}|${NUMBER_WORDS})`;
const TIME_REQUEST = new RegExp(
  [
    // "15-30 minutes", "15 to 20 minutes", "20 minutes", "a 15-minute call", "20 min", "twenty minutes"
    `(?<![\\p{L}\\p{N}])${AMOUNT}(?:\\s*(?:-|–|—|to|or)\\s*${AMOUNT})?[\\s-]*min(?:ute)?s?(?![\\p{L}])`,
    '(?<![\\p{L}])half[\\s-]an?[\\s-]hour(?![\\p{L}])',
    '(?<![\\p{L}])half-hour(?![\\p{L}])',
    '(?<![\\p{L}])(?:quick|short|brief)\\s+(?:call|chat|conversation|coffee|meeting|video call|phone call)(?![\\p{L}])',
  ].join('|'),
  'iu',
);

export function asksForTime(text: string): boolean {
  return TIME_REQUEST.test(text);
}

const FIRST_PERSON = new Set(['i', "i'm", "i've", "i'd", "i'll", 'me', 'my', 'mine', 'myself']);
const SECOND_PERSON = new Set(['you', "you're", "you've", "you'd", "you'll", 'your', 'yours', 'yourself', 'yourselves']);

/** How often the message says I/me/my and you/your. */
export function pronounCounts(text: string): { me: number; you: number } {
  let me = 0;
  let you = 0;
  for (const w of text.match(WORD) ?? []) {
    const word = w.toLowerCase().replace(/’/g, "'");
    if (FIRST_PERSON.has(word)) me++;
    else if (SECOND_PERSON.has(word)) you++;
  }
  return { me, you };
}

/** "Far more I than you": at least 5 of them, and more than twice as many as you/your. */
export function tooMuchAboutMe(counts: { me: number; you: number }): boolean {
  return counts.me >= 5 && counts.me > 2 * counts.you;
}

const quote = (s: string) => `“${s}”`;

export function checkPitch(input: CheckInput): CheckResult {
  const { subject, body } = input;
  const words = countWords(body);
  const warnings: PitchWarning[] = [];
  const add = (code: CheckCode, message: string) => warnings.push({ code, message });
  if (!body.trim()) {
    add('empty', 'The message is empty. Pick a template or write your message.');
    return { words, warnings };
  }
  const rules = RULES[input.purpose];
  if (!subject.trim()) add('no-subject', 'There is no subject line. A short, specific subject gets more replies.');
  if (words > input.wordLimit) {
    add('too-long', `${words} words, over your limit of ${input.wordLimit}. Short messages get more replies: keep who you are, how you are connected, what you want to learn, and your question.`);
  }
  if (rules.job) {
    const jobs = jobMentions(`${subject}\n${body}`);
    if (jobs.length) add('job', `Mentions ${jobs.map(quote).join(', ')}. Ask for information and advice, not for a job: it makes saying yes easy.`);
  }
  if (rules.question && !/[?？]/.test(body)) add('no-question', 'No question. End with one, such as which day, time and medium (phone, video, coffee) would suit them.');
  if (rules.time && !asksForTime(body)) add('no-time', 'No request for a set amount of time. Ask for 15 to 30 minutes, e.g. “Would you have 20 minutes…?”');
  for (const m of input.missing ?? []) {
    add(
      'missing-field',
      m.reason === 'unknown'
        ? `{{${m.field}}} matches no column or detail of yours. Check its spelling, or add a fallback like {{${m.field}|…}}.`
        : `{{${m.field}}} is empty for this contact. Fill in the cell or your details, add a fallback like {{${m.field}|…}}, or edit the text.`,
    );
  }
  const counts = pronounCounts(body);
  if (tooMuchAboutMe(counts)) add('about-me', `It talks mostly about yourself: I/me/my ${counts.me} times, you/your ${counts.you}. Say more about them and their work.`);
  return { words, warnings };
}
