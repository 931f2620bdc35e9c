// A bank of questions for the conversation itself, grouped the way such a conversation tends
// to run, and the agenda text made from the ones the user picks.

export interface QuestionGroup {
  id: 'path' | 'work' | 'industry' | 'advice' | 'people';
  title: string;
  questions: readonly string[];
}

export const QUESTION_BANK: readonly QuestionGroup[] = [
  {
    id: 'path',
    title: 'Their path',
    questions: [
      'How did you first get into this field?',
      'What did your career look like before your current role, and what made you move?',
      'Which experience or course prepared you best for the work you do now?',
      'Looking back, what would you do differently?',
    ],
  },
  {
    id: 'work',
    title: 'The work',
    questions: [
      'What does a typical week look like for you?',
      'What projects are you working on at the moment?',
      'Who do you work with most closely, inside and outside your team?',
      'What do you enjoy most about the work, and what do you enjoy least?',
      'What kinds of people do well in this role?',
    ],
  },
  {
    id: 'industry',
    title: 'The industry and what is changing',
    questions: [
      'What is changing in your industry right now?',
      'Which skills do you think will matter more in five years?',
      'Which organisations do you think are doing interesting work in this area?',
      'What do people outside the field usually misunderstand about it?',
    ],
  },
  {
    id: 'advice',
    title: 'Advice',
    questions: [
      'What do hiring managers look for in people new to the field?',
      'If you were in my position, what would you do in the next six months?',
      'Which skills or experience should I build first?',
      'What resources (reading, communities, events) would you recommend?',
    ],
  },
  {
    id: 'people',
    title: 'Who else to talk to',
    questions: [
      'Who else would you suggest I talk to?',
      'May I mention that you suggested I get in touch?',
      'Is it all right if I keep you posted on how my search goes?',
    ],
  },
];

export interface AgendaOptions {
  /** The contact's name, for the heading. */
  name?: string;
  /** "YYYY-MM-DD" of the conversation, if known. */
  date?: string;
}

/** A plain-text agenda: a heading, then each group that has picked questions, as a list. */
export function agendaText(picked: readonly string[], options: AgendaOptions = {}): string {
  const chosen = new Set(picked);
  const heading = ['Questions', options.name ? `for ${options.name}` : '', options.date ? `(${options.date})` : ''].filter(Boolean).join(' ');
  const sections: string[] = [];
  for (const group of QUESTION_BANK) {
    const qs = group.questions.filter((q) => chosen.has(q));
    if (qs.length) sections.push([group.title, ...qs.map((q) => `- ${q}`)].join('\n'));
  }
  return sections.length ? `${heading}\n\n${sections.join('\n\n')}\n` : '';
}
