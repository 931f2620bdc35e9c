// The coach's email address: one address, checked before anything is shared.

/** Google accounts are addressed by email; Drive refuses anything longer than this. */
const MAX_EMAIL_LENGTH = 254;
// One address: no spaces, one @, a dot in the domain, no list separators. Deliberately simple:
// Google gives the final word when the file is shared; this catches typing mistakes first.
const EMAIL = /^[^\s@,;<>()"'\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export type EmailCheck = { ok: true; email: string } | { ok: false; message: string };

export function checkCoachEmail(raw: unknown): EmailCheck {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return { ok: false, message: "Enter your coach's email address." };
  if (/[\s,;]/.test(text) && text.split(/[\s,;]+/).filter(Boolean).length > 1) {
    return { ok: false, message: 'Enter one email address: the add-on shares with one coach at a time.' };
  }
  const email = text.replace(/^mailto:/i, '');
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email) || email.includes('..')) {
    return { ok: false, message: `"${text}" is not an email address. Check it and try again (for example coach@example.com).` };
  }
  return { ok: true, email };
}

/** Email addresses compare without regard to case (Google accounts are case-insensitive). */
export function sameEmail(a: string | null | undefined, b: string | null | undefined): boolean {
  return Boolean(a) && Boolean(b) && a!.trim().toLowerCase() === b!.trim().toLowerCase();
}
