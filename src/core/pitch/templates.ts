// The built-in message templates, and which one suits a contact. Merge fields are filled by
// merge.ts; fallbacks after "|" keep a message readable when a cell is empty.

import { canonicalStage } from '../tracker/schema.ts';

/**
 * What a message is for; the checker's rules and the event "Mark as sent" logs follow from it.
 * - pitch: a first request for a conversation;
 * - followUp: a second note after silence;
 * - askReferral: after a decline, asking whom else to talk to;
 * - thankYou: after the conversation;
 * - update: keeping the person posted later (the keep-in-touch update).
 */
export type TemplatePurpose = 'pitch' | 'followUp' | 'askReferral' | 'thankYou' | 'update';

export const PURPOSES: readonly TemplatePurpose[] = ['pitch', 'followUp', 'askReferral', 'thankYou', 'update'];

export const PURPOSE_LABELS: Record<TemplatePurpose, string> = {
  pitch: 'First pitch',
  followUp: 'Follow-up',
  askReferral: 'Ask for a referral',
  thankYou: 'Thank-you',
  update: 'Keep-in-touch update',
};

export interface MessageTemplate {
  id: string;
  name: string;
  purpose: TemplatePurpose;
  subject: string;
  body: string;
}

export type BuiltInId = 'known' | 'alumni' | 'cold' | 'referral' | 'followUp' | 'askReferral' | 'thankYou' | 'update' | 'itWorked';

const built = (id: BuiltInId, name: string, purpose: TemplatePurpose, subject: string, body: string[]): MessageTemplate => ({
  id: `builtin:${id}`,
  name,
  purpose,
  subject,
  body: body.join('\n'),
});

export const BUILT_IN_TEMPLATES: readonly MessageTemplate[] = [
  built('known', 'First contact: someone you know', 'pitch', 'Could I ask your advice?', [
    'Hi {{First Name|there}},',
    '',
    "I hope you're well! I'm {{About me}}, and lately I've been thinking seriously about {{My field}}. You're someone whose judgement I trust, and I'd love to hear how you found your way into your work at {{Company|your organisation}}.",
    '',
    'Would you have 20 minutes for a call or a coffee in the next couple of weeks? Which day and time suit you, and do you prefer phone, video or meeting in person?',
    '',
    'Thank you,',
    '{{My name}}',
  ]),
  built('alumni', 'First contact: alumni', 'pitch', 'A fellow alum with a question about your path', [
    'Hi {{First Name|there}},',
    '',
    "I found you through our alumni network. I'm {{About me}}, exploring {{My field}}, and your path to {{Position|your role}} at {{Company|your organisation}} stood out. I'd value hearing how you got there and what your work is like day to day.",
    '',
    'Would you be open to a 20-minute call in the next few weeks? If so, which day and time work for you, and would you prefer phone or video?',
    '',
    'Many thanks,',
    '{{My name}}',
  ]),
  built('cold', 'First contact: cold', 'pitch', 'A question about your work at {{Company|your organisation}}', [
    'Hi {{First Name|there}},',
    '',
    "Your work as {{Position|part of the team}} at {{Company|your organisation}} is exactly what I'm hoping to understand better. I'm {{About me}}, and I'm trying to learn {{What I want to learn|how people build a career in this field}}.",
    '',
    "Could I ask you a few questions in a 15-minute call? If you're open to it, what day and time would suit you, and would phone or video be easier?",
    '',
    'Thank you for considering it,',
    '{{My name}}',
  ]),
  built('referral', 'Referral introduction', 'pitch', '{{Referred by}} suggested I reach out', [
    'Hi {{First Name|there}},',
    '',
    "{{Referred by}} suggested I reach out to you. I'm {{About me}}, and when I mentioned my interest in {{My field}}, {{Referred by}} said you would be a great person to talk to about your work at {{Company|your organisation}}.",
    '',
    'Would you have 20 minutes for a conversation in the next couple of weeks? Which day and time suit you, and is phone, video or coffee easiest?',
    '',
    'With thanks,',
    '{{My name}}',
  ]),
  built('followUp', 'Follow-up after silence', 'followUp', 'Following up: 15 minutes to learn about your work?', [
    'Hi {{First Name|there}},',
    '',
    "I'm following up on my earlier note in case it got buried. I would still value 15 to 20 minutes to hear about your work at {{Company|your organisation}} and what you see changing in {{My field}}.",
    '',
    "Is there a day and time in the next two weeks that works for you? I'm happy to fit around your schedule, by phone or video.",
    '',
    'Best wishes,',
    '{{My name}}',
  ]),
  built('askReferral', 'Ask for a referral after a decline', 'askReferral', 'Thank you, and one small question', [
    'Hi {{First Name|there}},',
    '',
    "Thank you for letting me know, and I completely understand that now isn't a good time for you. May I ask one small favour instead: is there someone in your network you would suggest I talk to about {{My field}}?",
    '',
    'Any name would help a great deal, and I would mention that you suggested them.',
    '',
    'Thanks again for your time,',
    '{{My name}}',
  ]),
  built('thankYou', 'Thank-you after the conversation', 'thankYou', 'Thank you for your time', [
    'Hi {{First Name|there}},',
    '',
    "Thank you for taking the time to talk with me. Your advice about {{My field}} was really helpful, and your story about getting into your work at {{Company|your organisation}} gave me a lot to think about. I'll follow up with the people you suggested.",
    '',
    "I'll let you know how things go, and if there is ever anything I can do for you in return, please just ask.",
    '',
    'With gratitude,',
    '{{My name}}',
  ]),
  built('update', 'Keep-in-touch update', 'update', 'A quick update, and thanks again', [
    'Hi {{First Name|there}},',
    '',
    'It has been a little while since we talked, and I wanted to let you know how things are going. Your advice about {{My field}} has stayed with me: since then I have [what you did, whom you met, where your search stands].',
    '',
    'I hope all is well at {{Company|your organisation}}. Thank you again for your help along the way.',
    '',
    'Best wishes,',
    '{{My name}}',
  ]),
  // Offered by the pitch sidebar to each person of the chain that led to a job interview or an
  // offer, with THANKS_FIELDS filled in for them (core/history/chain.ts says their part).
  built('itWorked', 'It worked: thank you', 'update', 'It worked: thank you', [
    'Hi {{First Name|there}},',
    '',
    'Some good news I wanted you to hear from me: my search in {{My field}} has led to {{What it led to|a real opportunity}}. It started with {{Your part|your help}}, and I am very grateful.',
    '',
    'I will let you know how it goes. If there is ever anything I can do for you in return, please just ask.',
    '',
    'With thanks,',
    '{{My name}}',
  ]),
];

/** The merge fields the "It worked: thank you" update takes besides the person's row. */
export const THANKS_FIELDS = { outcome: 'What it led to', part: 'Your part' } as const;

export function builtInTemplate(id: BuiltInId): MessageTemplate {
  return BUILT_IN_TEMPLATES.find((t) => t.id === `builtin:${id}`)!;
}

export function isPurpose(value: unknown): value is TemplatePurpose {
  return typeof value === 'string' && (PURPOSES as readonly string[]).includes(value);
}

/** What the sidebar knows about a contact when it suggests a template. */
export interface TemplateHints {
  stage: string;
  relationship: string;
  /** The contact has a referrer (Referred by is filled). */
  referred: boolean;
}

/** The built-in template that fits a contact's stage and relationship best. */
export function suggestTemplate(h: TemplateHints): BuiltInId {
  const stage = canonicalStage(h.stage);
  switch (stage) {
    case 'Pitched':
    case 'Followed up':
    case 'No response':
      return 'followUp';
    case 'Declined':
      return 'askReferral';
    case 'Interviewed':
      return 'thankYou';
    case 'Thanked':
      return 'update';
  }
  if (h.referred) return 'referral';
  switch (h.relationship.trim().toLowerCase()) {
    case 'alumni':
      return 'alumni';
    case 'cold':
    case 'linkedin':
      return 'cold';
    case 'referral':
      return 'referral';
    default:
      return 'known';
  }
}
