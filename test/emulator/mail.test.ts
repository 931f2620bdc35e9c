// Pins MailApp (the outbox and the daily quota) and Session's effective user
// (sources and assumptions in local/emulator/services/mail.ts and session.ts).
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../local/emulator/index.ts';
import { EMAIL_QUOTA_MESSAGE, SEND_MAIL_SCOPE } from '../../local/emulator/services/mail.ts';
import { USERINFO_EMAIL_SCOPE } from '../../local/emulator/services/session.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
function setup(scopes: string[] | null = [SEND_MAIL_SCOPE, USERINFO_EMAIL_SCOPE]) {
  const emu = new Emulator({ buildDir: '/nonexistent', scopes });
  emu.setNow(Date.parse('2026-03-02T10:00:00Z'));
  return { emu, g: emu.globals() as any };
}

describe('MailApp.sendEmail', () => {
  it('takes all four signatures and puts each email in the outbox, from the effective user', () => {
    const { emu, g } = setup();
    g.MailApp.sendEmail('a@example.com', 'Plain', 'Body one');
    g.MailApp.sendEmail('b@example.com', 'With options', 'Body two', {
      htmlBody: '<b>Two</b>',
      name: 'Tracker',
      replyTo: 'r@example.com',
      cc: 'c@example.com',
      bcc: 'd@example.com',
      noReply: true,
    });
    g.MailApp.sendEmail({ to: 'e@example.com', subject: 'Message', body: 'Body three', htmlBody: '<p>Three</p>' });
    emu.actAs('owner@example.com', () => g.MailApp.sendEmail('f@example.com', 'reply@example.com', 'Four args', 'Body four'));
    expect(emu.outbox.sent.map(({ from, to, subject, body, htmlBody, replyTo }) => ({ from, to, subject, body, htmlBody, replyTo }))).toEqual([
      { from: 'me@example.com', to: 'a@example.com', subject: 'Plain', body: 'Body one', htmlBody: '', replyTo: '' },
      { from: 'me@example.com', to: 'b@example.com', subject: 'With options', body: 'Body two', htmlBody: '<b>Two</b>', replyTo: 'r@example.com' },
      { from: 'me@example.com', to: 'e@example.com', subject: 'Message', body: 'Body three', htmlBody: '<p>Three</p>', replyTo: '' },
      { from: 'owner@example.com', to: 'f@example.com', subject: 'Four args', body: 'Body four', htmlBody: '', replyTo: 'reply@example.com' },
    ]);
    expect(emu.outbox.sent[1]).toMatchObject({ name: 'Tracker', cc: 'c@example.com', bcc: 'd@example.com', noReply: true });
    expect(emu.outbox.sent[1].sentAt.slice(0, 16)).toBe('2026-03-02T10:00');
  });

  it('refuses no recipient and a malformed address, sending nothing', () => {
    const { emu, g } = setup();
    expect(() => g.MailApp.sendEmail('', 'S', 'B')).toThrow('Failed to send email: no recipient');
    expect(() => g.MailApp.sendEmail('a@example.com, not-an-address', 'S', 'B')).toThrow('Invalid email: not-an-address');
    expect(() => g.MailApp.sendEmail('a@example.com', 'S')).toThrow(/don't match the method signature/);
    expect(emu.outbox.sent).toEqual([]);
  });

  it('needs the script.send_mail scope', () => {
    const { g } = setup([USERINFO_EMAIL_SCOPE]);
    expect(() => g.MailApp.sendEmail('a@example.com', 'S', 'B')).toThrow(
      'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    expect(() => g.MailApp.getRemainingDailyQuota()).toThrow(/script\.send_mail/);
  });

  it('is refused in a simple trigger (AuthMode.LIMITED) even with the scope', () => {
    const { emu, g } = setup();
    emu.rt.authMode = 'LIMITED';
    expect(() => g.MailApp.sendEmail('a@example.com', 'S', 'B')).toThrow(
      'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    expect(emu.outbox.sent).toEqual([]);
  });
});

describe('the daily quota', () => {
  it('is 100 recipients a day for a consumer account; cc and bcc count; past it Google’s message, nothing sent', () => {
    const { emu, g } = setup();
    expect(g.MailApp.getRemainingDailyQuota()).toBe(100);
    g.MailApp.sendEmail('a@example.com', 'S', 'B', { cc: 'b@example.com, c@example.com', bcc: 'd@example.com' });
    expect(g.MailApp.getRemainingDailyQuota()).toBe(96);
    emu.outbox.use('me@example.com', emu.now(), 95);
    expect(g.MailApp.getRemainingDailyQuota()).toBe(1);
    expect(() => g.MailApp.sendEmail('a@example.com, b@example.com', 'S', 'B')).toThrow(EMAIL_QUOTA_MESSAGE);
    expect(EMAIL_QUOTA_MESSAGE).toBe('Service invoked too many times for one day: email.');
    g.MailApp.sendEmail('a@example.com', 'Last', 'B');
    expect(g.MailApp.getRemainingDailyQuota()).toBe(0);
    expect(() => g.MailApp.sendEmail('a@example.com', 'S', 'B')).toThrow(EMAIL_QUOTA_MESSAGE);
    expect(emu.outbox.sent.map((m) => m.subject)).toEqual(['S', 'Last']);
    // Each user has their own quota.
    expect(emu.actAs('other@example.com', () => g.MailApp.getRemainingDailyQuota())).toBe(100);
  });

  it('comes back 24 hours after the first email of the day, as Google documents', () => {
    const { emu, g } = setup();
    g.MailApp.sendEmail('a@example.com', 'First', 'B'); // 2026-03-02T10:00Z: the 24 hours begin
    emu.setNow(Date.parse('2026-03-02T20:00:00Z'));
    emu.outbox.use('me@example.com', emu.now(), 99);
    expect(g.MailApp.getRemainingDailyQuota()).toBe(0);
    emu.setNow(Date.parse('2026-03-03T09:59:00Z'));
    expect(g.MailApp.getRemainingDailyQuota()).toBe(0);
    emu.setNow(Date.parse('2026-03-03T10:01:00Z'));
    expect(g.MailApp.getRemainingDailyQuota()).toBe(100);
    g.MailApp.sendEmail('a@example.com', 'Next day', 'B'); // a new 24 hours
    emu.setNow(Date.parse('2026-03-04T10:00:00Z'));
    expect(g.MailApp.getRemainingDailyQuota()).toBe(99);
  });
});

describe('Session', () => {
  it('getEffectiveUser is the user the execution runs as, and needs userinfo.email', () => {
    const { emu, g } = setup();
    expect(g.Session.getEffectiveUser().getEmail()).toBe('me@example.com');
    expect(emu.actAs('owner@example.com', () => g.Session.getEffectiveUser().getEmail())).toBe('owner@example.com');
    const without = setup([SEND_MAIL_SCOPE]).g;
    expect(() => without.Session.getEffectiveUser()).toThrow(
      'You do not have permission to call Session.getEffectiveUser. Required permissions: https://www.googleapis.com/auth/userinfo.email',
    );
  });
});
