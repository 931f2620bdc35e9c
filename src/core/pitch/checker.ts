// The pitch checker: what makes an outreach message work (short, about them, asking for a
// little time and information, ending in a question), checked on the message as it will be sent.

import type { MissingField } from './merge.ts';
import type { TemplatePurpose } from './templates.ts';

export type CheckCode = 'empty' | 'no-subject' | 'too-long' | 'job' | 'no-question' | 'no-time' | 'long-time' | 'missing-field' | 'about-me';

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

// Which rules apply to which kind of message. Job words are flagged in a first pitch (first
// contact, alumni, cold, a referral's introduction): later messages may rightly name the job
// they talked about. A thank-you asks for nothing; a request to be introduced asks a question
// but not for time.
const RULES: Record<TemplatePurpose, { job: boolean; question: boolean; time: boolean }> = {
  pitch: { job: true, question: true, time: true },
  followUp: { job: false, question: true, time: true },
  askReferral: { job: false, question: true, time: false },
  thankYou: { job: false, question: false, time: false },
  update: { job: false, question: false, time: false },
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

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  five: 5,
  ten: 10,
  fifteen: 15,
  twenty: 20,
  'twenty-five': 25,
  thirty: 30,
  forty: 40,
  'forty-five': 45,
  sixty: 60,
  ninety: 90,
};
const AMOUNT = `(?:\\d{1,3}(?:[.,]\\d)?|${Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const EDGE_L = '(?<![\\p{L}\\p{N}])';
const EDGE_R = '(?![\\p{L}])';
// "15-30 minutes", "15 to 20 minutes", "a 15-minute call", "20 min", "an hour", "half an hour"...
const AMOUNTS = new RegExp(
  [
    `${EDGE_L}(${AMOUNT})(?:\\s*(?:-|–|—|to|or)\\s*(${AMOUNT}))?[\\s-]*(min(?:ute)?s?|h(?:ou)?rs?)${EDGE_R}`,
    `${EDGE_L}(half)[\\s-](?:an?[\\s-])?hour${EDGE_R}`,
    `${EDGE_L}(quarter)[\\s-](?:of[\\s-]an?[\\s-])?hour${EDGE_R}`,
    `${EDGE_L}(?:an|a\\s+full|one)[\\s-]+(hour)${EDGE_R}`,
    `${EDGE_L}a\\s+(?:few|couple\\s+of)\\s+(hours)${EDGE_R}`,
  ].join('|'),
  'giu',
);
// Asking for "a few minutes" or "a quick call" is a small request too, without a number.
const SMALL_ASK =
  /(?<![\p{L}])(?:(?:a\s+)?(?:few|couple\s+of)\s+minutes|(?:quick|short|brief)\s+(?:call|chat|conversation|coffee|meeting|video\s+call|phone\s+call))(?![\p{L}])/iu;
// A sentence that asks for something: a long amount of time there is a request, not a story.
const REQUEST = /[?？]|(?<![\p{L}])(?:would|could|can|may|spare|meet|meeting|talk|chat|call|coffee|conversation|lunch)(?![\p{L}])/iu;

const TIME_ASK = { min: 10, max: 30 } as const;

export interface TimeMention {
  text: string;
  /** The largest number of minutes it names. */
  minutes: number;
  /** It is in a sentence that asks for something. */
  inRequest: boolean;
}

const toNumber = (s: string) => NUMBER_WORDS[s.toLowerCase()] ?? Number(s.replace(',', '.'));

/** Every amount of time the text names, in minutes. */
export function timeMentions(text: string): TimeMention[] {
  const out: TimeMention[] = [];
  for (const sentence of text.split(/(?<=[.!?？])\s+|\n+/)) {
    const inRequest = REQUEST.test(sentence);
    for (const m of sentence.matchAll(AMOUNTS)) {
      const [whole, a, b, unit, half, quarter, oneHour, fewHours] = m;
      let minutes: number;
      if (half) minutes = 30;
      else if (quarter) minutes = 15;
      else if (oneHour) minutes = 60;
      else if (fewHours) minutes = 120;
      else minutes = Math.max(toNumber(a), b ? toNumber(b) : 0) * (/^h/i.test(unit) ? 60 : 1);
      out.push({ text: whole.trim(), minutes, inRequest });
    }
  }
  return out;
}

/** Asks for roughly 10 to 30 minutes ("20 minutes", "15-30 min", "half an hour"), or for a little time ("a quick call"). */
export function asksForTime(text: string): boolean {
  return SMALL_ASK.test(text) || timeMentions(text).some((t) => t.minutes >= TIME_ASK.min && t.minutes <= TIME_ASK.max);
}

/** A request for more time than a first conversation needs (45 minutes, an hour). */
export function longTimeRequest(text: string): TimeMention | null {
  return timeMentions(text).find((t) => t.inRequest && t.minutes > TIME_ASK.max) ?? null;
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
function tooMuchAboutMe(counts: { me: number; you: number }): boolean {
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
    add(
      'too-long',
      `${words} words, over your limit of ${input.wordLimit}. Short messages get more replies: keep who you are, how you are connected, what you want to learn, and your question.`,
    );
  }
  if (rules.job) {
    const jobs = jobMentions(`${subject}\n${body}`);
    if (jobs.length) add('job', `Mentions ${jobs.map(quote).join(', ')}. Ask for information and advice, not for a job: it makes saying yes easy.`);
  }
  if (rules.question && !/[?？]/.test(body))
    add('no-question', 'No question. End with one, such as which day, time and medium (phone, video, coffee) would suit them.');
  if (rules.time) {
    const long = longTimeRequest(body);
    if (long) {
      add('long-time', `Asks for ${quote(long.text)}. Ask for 15 to 30 minutes: a small request is easier to say yes to, and they can always offer more.`);
    } else if (!asksForTime(body)) {
      const short = timeMentions(body).find((t) => t.inRequest && t.minutes < TIME_ASK.min);
      add(
        'no-time',
        short
          ? `${quote(short.text)} is hardly time for a conversation. Ask for 15 to 30 minutes, e.g. “Would you have 20 minutes…?”`
          : 'No request for a set amount of time. Ask for 15 to 30 minutes, e.g. “Would you have 20 minutes…?”',
      );
    }
  }
  for (const m of input.missing ?? []) {
    add(
      'missing-field',
      m.reason === 'unknown'
        ? `{{${m.field}}} matches no column or detail of yours. Check its spelling, or add a fallback like {{${m.field}|…}}.`
        : `{{${m.field}}} is empty for this contact. Fill in the cell or your details, add a fallback like {{${m.field}|…}}, or edit the text.`,
    );
  }
  const counts = pronounCounts(body);
  if (tooMuchAboutMe(counts))
    add('about-me', `It talks mostly about yourself: I/me/my ${counts.me} times, you/your ${counts.you}. Say more about them and their work.`);
  return { words, warnings };
}

const SHORT: Record<CheckCode, string> = {
  empty: 'the message is empty',
  'no-subject': 'no subject',
  'too-long': 'over your word limit',
  job: 'mentions a job',
  'no-question': 'no question',
  'no-time': 'no request for 15 to 30 minutes',
  'long-time': 'asks for more than 30 minutes',
  'missing-field': 'a merge field has no value',
  'about-me': 'mostly about you',
};

/** The checker's findings in one short sentence, for a screen reader to announce. */
export function checkSummary(result: CheckResult, wordLimit: number): string {
  const codes = [...new Set(result.warnings.map((w) => w.code))];
  const words = `${result.words} of ${wordLimit} words.`;
  if (!codes.length) return `${words} No problems found.`;
  return `${words} ${codes.length} ${codes.length === 1 ? 'problem' : 'problems'}: ${codes.map((c) => SHORT[c]).join('; ')}.`;
}
