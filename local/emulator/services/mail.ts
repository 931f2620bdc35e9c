// MailApp: an outbox instead of Gmail, and the daily recipients quota.
//
// Pinned behaviours (sources):
// - Four signatures: sendEmail(message), (recipient, subject, body), (recipient, subject, body,
//   options), (to, replyTo, subject, body); options to, cc, bcc (comma-separated), subject, body,
//   htmlBody ("devices capable of rendering HTML will use it instead of the required body"), name,
//   replyTo, noReply ("only possible for Google Workspace accounts, not Gmail users"), attachments,
//   inlineImages (https://developers.google.com/apps-script/reference/mail/mail-app).
// - getRemainingDailyQuota(): "the number of recipients you can send emails to for the rest of the
//   day"; a consumer account has 100 recipients a day, Workspace 1,500, and "Quotas are per user and
//   reset 24 hours after the first request" (https://developers.google.com/apps-script/guides/services/quotas).
//   Every address in to, cc and bcc counts.
// - Past the quota: "Service invoked too many times for one day: email." (the message scripts log,
//   e.g. dwyl/learn-to-send-email-via-google-script-html-no-server#376).
// - Both methods need the script.send_mail scope, and are refused in a simple trigger (see requireScope).
// Assumed (not documented): the 24 hours start at the first email sent (not at a mere
// getRemainingDailyQuota); a message with more recipients than remain is refused whole, nothing sent; noReply is kept as asked but a consumer account still sends from itself.
// Addresses are checked for an "@" with text either side: a bad one is "Invalid email: <address>",
// no recipient at all "Failed to send email: no recipient" (the messages scripts report).
// Attachments and inline images are not emulated (refused, so a test never believes they were sent).

import { GasException, RT, instrument, type GasShape, type Runtime } from '../runtime.ts';

export const SEND_MAIL_SCOPE = 'https://www.googleapis.com/auth/script.send_mail';
export const EMAIL_QUOTA_MESSAGE = 'Service invoked too many times for one day: email.';
export const CONSUMER_DAILY_RECIPIENTS = 100;
const QUOTA_WINDOW_MS = 24 * 3600_000;

/**
 * A call outside the manifest's oauthScopes fails as Apps Script reports it: "You do not have
 * permission to call X. Required permissions: <scope>" (https://developers.google.com/apps-script/concepts/scopes).
 * Scopes unknown (null) are not checked. With `notInSimpleTriggers`, a simple trigger's run
 * (AuthMode.LIMITED) is refused in the same words even with the scope: "The onOpen simple trigger
 * can't use services that require scopes" (googleworkspace/apps-script-oauth2#125), reported as
 * "You do not have permission to call ScriptApp.getProjectTriggers. Required permissions: …script.scriptapp"
 * from onOpen with the scope in the manifest (boilermaker-ben/Google-Sheets-NFL-Pick-Ems-and-Survivor-Pool#16).
 */
export function requireScope(rt: Runtime, method: string, scope: string, notInSimpleTriggers = false): void {
  if ((rt.scopes && !rt.scopes.includes(scope)) || (notInSimpleTriggers && rt.authMode === 'LIMITED'))
    throw new GasException(`You do not have permission to call ${method}. Required permissions: ${scope}`);
}

export interface SentMail {
  from: string;
  to: string;
  cc: string;
  bcc: string;
  replyTo: string;
  name: string;
  noReply: boolean;
  subject: string;
  body: string;
  htmlBody: string;
  /** ISO time it was sent (the emulator's clock). */
  sentAt: string;
}

/** Every email sent by any execution, and each sender's recipients in their quota window. Plain object: not a service. */
export class Outbox {
  readonly sent: SentMail[] = [];
  /** Recipients a day per user (100: a consumer account). */
  dailyRecipients = CONSUMER_DAILY_RECIPIENTS;
  /** Per user: when their 24 hours began (their first email since the last reset), and the recipients since. */
  private readonly windows = new Map<string, { start: number; used: number }>();

  private window(user: string, now: number): { start: number; used: number } | null {
    const w = this.windows.get(user);
    return w && now < w.start + QUOTA_WINDOW_MS ? w : null;
  }

  remaining(user: string, now: number): number {
    return Math.max(0, this.dailyRecipients - (this.window(user, now)?.used ?? 0));
  }

  /** Uses up `recipients` of the user's quota (a test may use it to start with the quota spent). */
  use(user: string, now: number, recipients: number): void {
    const w = this.window(user, now);
    if (w) w.used += recipients;
    else this.windows.set(user, { start: now, used: recipients });
  }
}

function addresses(list: string): string[] {
  return list
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

export class EmuMailApp implements GasShape<GoogleAppsScript.Mail.MailApp, 'getRemainingDailyQuota' | 'sendEmail'> {
  readonly [RT]: Runtime;
  constructor(
    rt: Runtime,
    private readonly outbox: Outbox,
  ) {
    this[RT] = rt;
  }

  getRemainingDailyQuota(): number {
    requireScope(this[RT], 'MailApp.getRemainingDailyQuota', SEND_MAIL_SCOPE, true);
    return this.outbox.remaining(this[RT].activeUser, this[RT].now());
  }

  sendEmail(...args: unknown[]): void {
    requireScope(this[RT], 'MailApp.sendEmail', SEND_MAIL_SCOPE, true);
    const message = EmuMailApp.message(args);
    const rt = this[RT];
    const recipients = [message.to, message.cc, message.bcc].flatMap(addresses);
    if (recipients.length === 0) throw new GasException('Failed to send email: no recipient');
    const bad = recipients.find((a) => !/^[^@\s]+@[^@\s]+$/.test(a));
    if (bad) throw new GasException(`Invalid email: ${bad}`);
    if (recipients.length > this.outbox.remaining(rt.activeUser, rt.now())) throw new GasException(EMAIL_QUOTA_MESSAGE);
    this.outbox.use(rt.activeUser, rt.now(), recipients.length);
    this.outbox.sent.push({ from: rt.activeUser, ...message, sentAt: new Date(rt.now()).toISOString() });
  }

  private static message(args: unknown[]): Omit<SentMail, 'from' | 'sentAt'> {
    let options: Record<string, unknown>;
    if (args.length === 1 && typeof args[0] === 'object' && args[0] !== null) {
      options = args[0] as Record<string, unknown>;
    } else if (args.length === 3 || (args.length === 4 && typeof args[3] === 'object' && args[3] !== null)) {
      options = { ...((args[3] as Record<string, unknown>) ?? {}), to: args[0], subject: args[1], body: args[2] };
    } else if (args.length === 4 && typeof args[3] !== 'object') {
      options = { to: args[0], replyTo: args[1], subject: args[2], body: args[3] };
    } else {
      throw new GasException("The parameters () don't match the method signature for MailApp.sendEmail.");
    }
    if (options.attachments !== undefined || options.inlineImages !== undefined) {
      throw new GasException('The emulator does not send attachments or inline images (local/emulator/README-services.md).');
    }
    return {
      to: text(options.to),
      cc: text(options.cc),
      bcc: text(options.bcc),
      replyTo: text(options.replyTo),
      name: text(options.name),
      noReply: options.noReply === true,
      subject: text(options.subject),
      body: text(options.body),
      htmlBody: text(options.htmlBody),
    };
  }
}

instrument(EmuMailApp, 'MailApp');
