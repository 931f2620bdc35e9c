// The user's own details for merge fields ({{My name}}, …) and the checker's word limit.
// Kept in user properties, so they follow the user, not the spreadsheet.

export interface PitchSettings {
  myName: string;
  /** One line about the user: "a final-year economics student at Leeds". */
  aboutMe: string;
  /** The field the user is exploring. */
  myField: string;
  /** What the user wants to learn from these conversations. */
  learnGoal: string;
  /** The checker warns above this many words. */
  wordLimit: number;
}

export type DetailKey = Exclude<keyof PitchSettings, 'wordLimit'>;

/** Each detail's merge field name and how the sidebar labels it. */
export const USER_FIELDS: readonly { key: DetailKey; merge: string; label: string; example: string; max: number }[] = [
  { key: 'myName', merge: 'My name', label: 'Your name', example: 'Sam Rivera', max: 100 },
  { key: 'aboutMe', merge: 'About me', label: 'About you, in one line', example: 'a final-year economics student at Leeds', max: 300 },
  { key: 'myField', merge: 'My field', label: 'The field you are exploring', example: 'health-care data analysis', max: 200 },
  { key: 'learnGoal', merge: 'What I want to learn', label: 'What you want to learn', example: 'how people move from research into product roles', max: 300 },
];

const DEFAULT_WORD_LIMIT = 100;
export const WORD_LIMIT_MIN = 20;
export const WORD_LIMIT_MAX = 1000;

export const DEFAULT_SETTINGS: PitchSettings = { myName: '', aboutMe: '', myField: '', learnGoal: '', wordLimit: DEFAULT_WORD_LIMIT };

export type SettingsCheck = { ok: true; value: PitchSettings } | { ok: false; message: string };

/** Checks settings sent by the page (untrusted JSON); every refusal names the field. */
export function checkSettings(raw: unknown): SettingsCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, message: 'No details were sent. Reopen the sidebar and try again.' };
  const r = raw as Record<string, unknown>;
  const value: PitchSettings = { ...DEFAULT_SETTINGS };
  for (const f of USER_FIELDS) {
    const v = r[f.key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') return { ok: false, message: `${f.label} must be text.` };
    const text = v.trim().replace(/\s+/g, ' ');
    if (text.length > f.max) return { ok: false, message: `${f.label} is ${text.length} characters long; keep it to at most ${f.max}.` };
    value[f.key] = text;
  }
  if (r.wordLimit !== undefined && r.wordLimit !== null && r.wordLimit !== '') {
    const n = typeof r.wordLimit === 'string' ? Number(r.wordLimit) : r.wordLimit;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < WORD_LIMIT_MIN || n > WORD_LIMIT_MAX) {
      return { ok: false, message: `Word limit: enter a whole number between ${WORD_LIMIT_MIN} and ${WORD_LIMIT_MAX}.` };
    }
    value.wordLimit = n;
  }
  return { ok: true, value };
}

/** Settings read back from storage: anything unreadable falls back to the defaults. */
export function parseStoredSettings(text: string | null): PitchSettings {
  if (!text) return { ...DEFAULT_SETTINGS };
  try {
    const checked = checkSettings(JSON.parse(text));
    return checked.ok ? checked.value : { ...DEFAULT_SETTINGS };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}
