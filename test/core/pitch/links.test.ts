import { describe, expect, it } from 'vitest';
import { calendarUrl, gmailComposeUrl, mailtoUrl, wallClock } from '../../../src/core/pitch/links.ts';

const tricky = {
  to: 'Ada <ADA@Example.com> ::: other@example.org',
  subject: 'Q&A? 50% off + "quotes" #1',
  body: 'Line one\nLine two & more?\nÉmilie 👋 cc=bob@evil.com',
};

describe('mail links', () => {
  it('builds a Gmail compose URL whose parameters decode back to the text', () => {
    const url = new URL(gmailComposeUrl(tricky));
    expect(url.origin + url.pathname).toBe('https://mail.google.com/mail/');
    expect(url.searchParams.get('view')).toBe('cm');
    expect(url.searchParams.get('fs')).toBe('1');
    expect(url.searchParams.get('to')).toBe('ada@example.com');
    expect(url.searchParams.get('su')).toBe(tricky.subject);
    expect(url.searchParams.get('body')).toBe(tricky.body);
    expect([...url.searchParams.keys()]).toEqual(['view', 'fs', 'to', 'su', 'body']);
  });

  it('builds a mailto: link with every reserved character encoded and CRLF line breaks', () => {
    const link = mailtoUrl(tricky);
    expect(link.startsWith('mailto:ada@example.com?subject=')).toBe(true);
    const query = link.slice(link.indexOf('?') + 1);
    // No raw "&", "?", "#", "+" or space can split or change the headers.
    expect(query.split('&')).toHaveLength(2);
    expect(query).not.toMatch(/[ ?#+"<>\n]/);
    const params = Object.fromEntries(
      query
        .split('&')
        .map((p) => p.split('='))
        .map(([k, v]) => [k, decodeURIComponent(v)]),
    );
    expect(params.subject).toBe(tricky.subject);
    expect(params.body).toBe(tricky.body.replace(/\n/g, '\r\n'));
    expect(link).toContain('%0D%0A');
  });

  it('leaves "to" empty when the cell holds no valid address', () => {
    expect(mailtoUrl({ to: '', subject: 's', body: 'b' })).toBe('mailto:?subject=s&body=b');
    expect(new URL(gmailComposeUrl({ to: 'x', subject: 's', body: 'b' })).searchParams.get('to')).toBe('');
  });
});

describe('calendar link', () => {
  it('makes a 30-minute slot in Google Calendar, with the zone and details', () => {
    const url = calendarUrl({
      date: '2026-03-05',
      time: '14:30',
      title: 'Informational interview: Ada & co',
      details: 'Questions\n- How did you start?',
      timeZone: 'Europe/London',
    })!;
    expect(url).toContain('https://calendar.google.com/calendar/render?action=TEMPLATE&text=');
    expect(url).toContain('&dates=20260305T143000/20260305T150000&');
    const params = new URL(url).searchParams;
    expect(params.get('text')).toBe('Informational interview: Ada & co');
    expect(params.get('details')).toBe('Questions\n- How did you start?');
    expect(params.get('ctz')).toBe('Europe/London');
  });

  it('carries a slot over midnight and month ends', () => {
    expect(wallClock('2026-01-31', '23:45', 30)).toBe('20260201T001500');
    expect(wallClock('2028-02-28', '23:50', 30)).toBe('20280229T002000');
    // The same days as every date the add-on reads (parseIsoDate).
    expect(wallClock('2027-02-29', '10:00')).toBeNull();
    expect(wallClock('1899-12-31', '10:00')).toBeNull();
  });

  it('refuses malformed or impossible dates and times', () => {
    for (const [date, time] of [
      ['2026-02-30', '10:00'],
      ['2026-13-01', '10:00'],
      ['05/03/2026', '10:00'],
      ['2026-03-05', '24:00'],
      ['2026-03-05', ''],
    ]) {
      expect(calendarUrl({ date, time, title: 't' })).toBeNull();
    }
  });
});
