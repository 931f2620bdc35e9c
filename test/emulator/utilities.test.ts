// Pins Utilities and Session behaviour. Sources are cited per case.
import { describe, expect, it } from 'vitest';
import { EmulatorError, Runtime } from '../../local/emulator/runtime.ts';
import { EmuUtilities } from '../../local/emulator/services/utilities.ts';
import { EmuSession } from '../../local/emulator/services/session.ts';

function setup() {
  const rt = new Runtime();
  return { rt, u: new EmuUtilities(rt), session: new EmuSession(rt, { scriptTimeZone: 'Europe/Paris', locale: 'fr' }) };
}

// Utilities.formatDate takes Java SimpleDateFormat patterns:
// https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)
// https://docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html
describe('Utilities.formatDate', () => {
  const { u } = setup();
  const beforeDst = new Date('2024-03-10T06:59:59.000Z'); // New York: 01:59:59 EST
  const afterDst = new Date('2024-03-10T07:00:00.000Z'); // New York: 03:00:00 EDT

  it('crosses the US spring-forward gap in America/New_York', () => {
    const iso = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
    expect(u.formatDate(beforeDst, 'America/New_York', iso)).toBe('2024-03-10T01:59:59.000-05:00');
    expect(u.formatDate(afterDst, 'America/New_York', iso)).toBe('2024-03-10T03:00:00.000-04:00');
    expect(u.formatDate(beforeDst, 'America/New_York', 'z Z X')).toBe('EST -0500 -05');
    expect(u.formatDate(afterDst, 'America/New_York', 'z Z XX')).toBe('EDT -0400 -0400');
  });

  it('follows Europe/London into summer time and Australia/Sydney out of it', () => {
    expect(u.formatDate(new Date('2024-03-31T00:59:00Z'), 'Europe/London', 'HH:mm z')).toBe('00:59 GMT');
    expect(u.formatDate(new Date('2024-03-31T01:00:00Z'), 'Europe/London', 'HH:mm z')).toBe('02:00 BST');
    expect(u.formatDate(new Date('2024-04-06T15:59:00Z'), 'Australia/Sydney', 'HH:mm Z')).toBe('02:59 +1100');
    expect(u.formatDate(new Date('2024-04-06T16:00:00Z'), 'Australia/Sydney', 'HH:mm Z')).toBe('02:00 +1000');
  });

  it('the date can change with the zone', () => {
    const d = new Date('2024-12-31T23:30:00Z');
    expect(u.formatDate(d, 'Asia/Tokyo', 'yyyy-MM-dd')).toBe('2025-01-01');
    expect(u.formatDate(d, 'America/Los_Angeles', 'yyyy-MM-dd')).toBe('2024-12-31');
  });

  it('text fields, 12-hour clock, short year and single letters', () => {
    expect(u.formatDate(afterDst, 'America/New_York', 'EEEE MMMM d, yy h:mm a')).toBe('Sunday March 10, 24 3:00 AM');
    expect(u.formatDate(afterDst, 'America/New_York', 'EEE, d MMM yyyy')).toBe('Sun, 10 Mar 2024');
    expect(u.formatDate(new Date('2024-07-04T00:05:09.007Z'), 'UTC', 'y M d H m s S')).toBe('2024 7 4 0 5 9 7');
    expect(u.formatDate(new Date('2024-07-04T12:00:00Z'), 'UTC', 'hh a, K k D u')).toBe('12 PM, 0 12 186 4');
  });

  it('quoted literals, doubled quotes, and Z for a zero ISO offset', () => {
    expect(u.formatDate(afterDst, 'America/New_York', "h 'o''clock' a")).toBe("3 o'clock AM");
    expect(u.formatDate(afterDst, 'UTC', "''HH''")).toBe("'07'");
    expect(u.formatDate(afterDst, 'UTC', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe('2024-03-10T07:00:00Z');
  });

  it('accepts Java custom zone ids like GMT+05:30', () => {
    expect(u.formatDate(afterDst, 'GMT+05:30', 'HH:mm z')).toBe('12:30 GMT+05:30');
  });

  // SimpleDateFormat: "Illegal pattern character" for unreserved letters.
  it('rejects letters that are not pattern letters', () => {
    expect(() => u.formatDate(afterDst, 'UTC', 'yyyy-qq')).toThrow("Illegal pattern character 'q'");
  });

  it('an unknown zone id is an emulator error rather than a silent GMT', () => {
    expect(() => u.formatDate(afterDst, 'America/Nowhere', 'HH')).toThrow(EmulatorError);
  });
});

describe('Utilities.parseCsv', () => {
  const { u } = setup();
  // RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quoted fields.
  it('handles quoted commas, doubled quotes and embedded newlines', () => {
    const csv = 'name,notes\n"Lovelace, Ada","said ""hi"""\n"Multi\nline",x\n';
    expect(u.parseCsv(csv)).toEqual([
      ['name', 'notes'],
      ['Lovelace, Ada', 'said "hi"'],
      ['Multi\nline', 'x'],
    ]);
  });

  it('accepts CRLF line ends, empty fields and another delimiter', () => {
    expect(u.parseCsv('a;;b\r\n;c;\r\n', ';')).toEqual([
      ['a', '', 'b'],
      ['', 'c', ''],
    ]);
  });

  it('returns strings only, never numbers', () => {
    expect(u.parseCsv('1,2.5,true')).toEqual([['1', '2.5', 'true']]);
  });

  it('no final empty row after a trailing newline; empty input gives no rows', () => {
    expect(u.parseCsv('a\n')).toEqual([['a']]);
    expect(u.parseCsv('')).toEqual([]);
  });
});

describe('Utilities: ids, sleep, bytes', () => {
  it('getUuid returns RFC 4122 version 4 UUIDs', () => {
    const { u } = setup();
    const id = u.getUuid();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(u.getUuid()).not.toBe(id);
  });

  it('sleep advances the virtual clock instead of blocking', () => {
    const { rt, u } = setup();
    const started = Date.now();
    u.sleep(120_000);
    expect(rt.virtualMs).toBe(120_000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(() => u.sleep(300_001)).toThrow(/300000/);
  });

  // Bytes are Java bytes (-128..127): https://developers.google.com/apps-script/reference/utilities/utilities#base64Decode(String)
  it('base64 round-trips UTF-8 and returns signed bytes', () => {
    const { u } = setup();
    expect(u.base64Encode('héllo')).toBe('aMOpbGxv');
    expect(u.base64Decode('/w==')).toEqual([-1]);
    expect(u.newBlob(u.base64Decode(u.base64Encode('héllo'))).getDataAsString()).toBe('héllo');
    expect(u.base64EncodeWebSafe([-5, -1])).toBe('-_8=');
    expect(u.base64DecodeWebSafe('-_8=')).toEqual([-5, -1]);
  });

  it('computeDigest returns signed bytes', () => {
    const { u } = setup();
    const md5 = u.computeDigest(u.DigestAlgorithm.MD5, 'abc');
    const hex = md5.map((b) => (b & 0xff).toString(16).padStart(2, '0')).join('');
    expect(hex).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5[0]).toBe(-112);
    expect(u.computeDigest(u.DigestAlgorithm.SHA_256, 'abc')).toHaveLength(32);
  });

  it('newBlob keeps the content type and name', () => {
    const { u } = setup();
    const blob = u.newBlob('a,b', 'text/csv', 'x.csv');
    expect([blob.getContentType(), blob.getName(), blob.getDataAsString()]).toEqual(['text/csv', 'x.csv', 'a,b']);
  });

  // Utilities needs no authorization scope, so it is usable in AuthMode.NONE.
  it('is allowed in AuthMode.NONE', () => {
    const { rt, u } = setup();
    rt.authMode = 'NONE';
    expect(u.formatDate(new Date(0), 'UTC', 'yyyy')).toBe('1970');
  });
});

// https://developers.google.com/apps-script/reference/base/session
describe('Session', () => {
  it('gives the script time zone, the user locale and the user', () => {
    const { rt, session } = setup();
    rt.activeUser = 'ana@example.com';
    expect(session.getScriptTimeZone()).toBe('Europe/Paris');
    expect(session.getActiveUserLocale()).toBe('fr');
    expect(session.getActiveUser().getEmail()).toBe('ana@example.com');
    expect(session.getEffectiveUser().getEmail()).toBe('ana@example.com');
  });

  // getActiveUser needs the userinfo.email scope; getScriptTimeZone/getActiveUserLocale need none.
  it('in AuthMode.NONE the time zone and locale work but the user does not', () => {
    const { rt, session } = setup();
    rt.authMode = 'NONE';
    expect(session.getScriptTimeZone()).toBe('Europe/Paris');
    expect(session.getActiveUserLocale()).toBe('fr');
    expect(() => session.getActiveUser()).toThrow(/permission/);
  });

  // "the user's email address is not available ... like a simple onOpen(e) or onEdit(e) trigger"
  it("the active user's email is blank in AuthMode.LIMITED", () => {
    const { rt, session } = setup();
    rt.authMode = 'LIMITED';
    expect(session.getActiveUser().getEmail()).toBe('');
  });

  it('the temporary user key is stable per user and hides the address', () => {
    const { rt, session } = setup();
    const a = session.getTemporaryActiveUserKey();
    expect(session.getTemporaryActiveUserKey()).toBe(a);
    expect(a).not.toContain('example.com');
    rt.activeUser = 'other@example.com';
    expect(session.getTemporaryActiveUserKey()).not.toBe(a);
  });
});
