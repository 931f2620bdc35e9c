// Pins PropertiesService behaviour. Each case cites its source.
import { describe, expect, it } from 'vitest';
import { Runtime } from '../../local/emulator/runtime.ts';
import { EmuPropertiesService, PropertyStores, QUOTA_MESSAGE } from '../../local/emulator/services/properties.ts';
import { Emulator } from '../../local/emulator/index.ts';
import type { EmuSpreadsheetApp } from '../../local/emulator/spreadsheet/spreadsheet.ts';

function setup() {
  const rt = new Runtime();
  const stores = new PropertyStores();
  return { rt, stores, service: new EmuPropertiesService(rt, stores) };
}

describe('PropertiesService stores', () => {
  // https://developers.google.com/apps-script/reference/properties/properties#getProperty(String)
  it('getProperty returns null for a missing key', () => {
    const { service } = setup();
    expect(service.getScriptProperties().getProperty('nope')).toBeNull();
  });

  // https://developers.google.com/apps-script/guides/properties ("Data format": stored as strings)
  it('stores every value as a string', () => {
    const p = setup().service.getDocumentProperties();
    p.setProperty('n', 42 as unknown as string).setProperty('b', true as unknown as string);
    p.setProperties({ o: { a: 1 } as unknown as string });
    expect(p.getProperty('n')).toBe('42');
    expect(p.getProperty('b')).toBe('true');
    expect(p.getProperty('o')).toBe('[object Object]');
  });

  it('setters chain, setProperties(…, true) replaces everything, deletes work', () => {
    const p = setup().service.getScriptProperties();
    expect(p.setProperty('a', '1').setProperty('b', '2')).toBe(p);
    p.setProperties({ c: '3' }, true);
    expect(p.getKeys()).toEqual(['c']);
    expect(p.getProperties()).toEqual({ c: '3' });
    p.setProperties({ d: '4' });
    expect(p.deleteProperty('c').getProperties()).toEqual({ d: '4' });
    expect(p.deleteAllProperties().getKeys()).toEqual([]);
  });

  it('getProperties returns a copy, not a live view', () => {
    const p = setup().service.getScriptProperties().setProperty('a', '1');
    const copy = p.getProperties();
    copy.a = 'changed';
    expect(p.getProperty('a')).toBe('1');
  });

  it('stores outlive the service object (a new execution sees them)', () => {
    const { rt, stores, service } = setup();
    service.getDocumentProperties().setProperty('k', 'v');
    const nextExecution = new EmuPropertiesService(rt, stores);
    expect(nextExecution.getDocumentProperties().getProperty('k')).toBe('v');
  });

  // https://developers.google.com/apps-script/guides/properties (user properties: "the current user")
  it('user properties belong to the active user', () => {
    const { rt, service } = setup();
    rt.activeUser = 'ana@example.com';
    service.getUserProperties().setProperty('theme', 'dark');
    rt.activeUser = 'bo@example.com';
    expect(service.getUserProperties().getProperty('theme')).toBeNull();
    service.getUserProperties().setProperty('theme', 'light');
    rt.activeUser = 'ana@example.com';
    expect(service.getUserProperties().getProperty('theme')).toBe('dark');
  });
});

describe('PropertiesService stores per document', () => {
  // https://developers.google.com/apps-script/reference/properties/properties-service#getDocumentProperties():
  // "a property store that all users can access within the current document, but only for this script".
  it('each document has its own document store; script and user stores are the same in every document', () => {
    const emu = new Emulator({ scopes: null });
    const globals = emu.globals();
    const props = globals.PropertiesService as EmuPropertiesService;
    const tracker = emu.active;
    const other = (globals.SpreadsheetApp as EmuSpreadsheetApp).create('Coach view');
    props.getDocumentProperties().setProperty('k', 'tracker');
    props.getScriptProperties().setProperty('s', 'script');
    props.getUserProperties().setProperty('u', 'me');

    emu.active = other;
    expect(props.getDocumentProperties().getProperty('k')).toBeNull();
    props.getDocumentProperties().setProperty('k', 'coach view');
    expect(props.getScriptProperties().getProperty('s')).toBe('script');
    expect(props.getUserProperties().getProperty('u')).toBe('me');

    emu.active = tracker;
    expect(props.getDocumentProperties().getProperty('k')).toBe('tracker');
    expect(emu.properties.documentOf(other.getId()).get('k')).toBe('coach view');
  });

  it('a store taken in one document stays that document’s when the script runs in another', () => {
    const emu = new Emulator({ scopes: null });
    const props = emu.globals().PropertiesService as EmuPropertiesService;
    const taken = props.getDocumentProperties();
    emu.active = emu.createSpreadsheet('Other');
    taken.setProperty('k', 'v');
    expect(props.getDocumentProperties().getKeys()).toEqual([]);
  });
});

describe('PropertiesService quotas', () => {
  // https://developers.google.com/apps-script/guides/services/quotas: "Properties value size 9 KB / val".
  // Message: the one users report for property quota errors (lucasvtiradentes/gcal-sync#115).
  it('accepts a 9 KB value and refuses one byte more, leaving the store unchanged', () => {
    const p = setup().service.getScriptProperties();
    p.setProperty('ok', 'x'.repeat(9 * 1024));
    expect(() => p.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow(QUOTA_MESSAGE);
    expect(p.getProperty('big')).toBeNull();
    expect(QUOTA_MESSAGE).toBe('You have exceeded the property storage quota. Please remove some properties and try again.');
  });

  it('counts UTF-8 bytes, not characters', () => {
    const p = setup().service.getScriptProperties();
    expect(() => p.setProperty('e', 'é'.repeat(4700))).toThrow(QUOTA_MESSAGE); // 9,400 bytes
  });

  it('the error is an Apps Script Exception', () => {
    const p = setup().service.getScriptProperties();
    try {
      p.setProperty('big', 'x'.repeat(10000));
      expect.unreachable();
    } catch (e) {
      expect((e as Error).name).toBe('Exception');
    }
  });

  // Quotas page: "Properties total storage 500 KB / property store"; keys count (tanaikech report).
  it('refuses to grow a store past 500 KB; overwriting counts the new size only', () => {
    const p = setup().service.getScriptProperties();
    const value = 'y'.repeat(9000);
    let stored = 0;
    expect(() => {
      for (; stored < 100; stored++) p.setProperty(`k${stored}`, value);
    }).toThrow(QUOTA_MESSAGE);
    expect(stored).toBe(56); // 56 × ~9 KB ≤ 512,000 bytes < 57 × ~9 KB
    expect(p.getProperty(`k${stored}`)).toBeNull();
    p.setProperty('k0', 'small');
    p.setProperty('k56', value);
    expect(p.getKeys()).toHaveLength(57);
  });

  it('counts keys in UTF-8 bytes toward the store', () => {
    const p = setup().service.getScriptProperties();
    for (let i = 0; i < 56; i++) p.setProperty(`k${String(i).padStart(2, '0')}`, 'y'.repeat(9000)); // 9,003 bytes each
    const room = 500 * 1024 - 56 * 9003; // 7,832 bytes
    expect(() => p.setProperty('連'.repeat(Math.floor(room / 3) + 1), '')).toThrow(QUOTA_MESSAGE); // 2,611 characters, 7,833 bytes
    p.setProperty('連'.repeat(Math.floor(room / 3)), '');
    expect(p.getKeys()).toHaveLength(57);
  });

  it('a setProperties call that would overflow stores none of its values', () => {
    const p = setup().service.getScriptProperties();
    const batch: Record<string, string> = {};
    for (let i = 0; i < 60; i++) batch[`k${i}`] = 'z'.repeat(9000);
    expect(() => p.setProperties(batch)).toThrow(QUOTA_MESSAGE);
    expect(p.getKeys()).toEqual([]);
  });

  it('user stores have their own quota', () => {
    const { rt, service } = setup();
    for (const user of ['a@example.com', 'b@example.com']) {
      rt.activeUser = user;
      const p = service.getUserProperties();
      for (let i = 0; i < 50; i++) p.setProperty(`k${i}`, 'w'.repeat(9000));
    }
    expect(service.getUserProperties().getKeys()).toHaveLength(50);
  });
});

describe('PropertiesService and the runtime', () => {
  // https://developers.google.com/apps-script/reference/script/auth-mode: properties "doesn't work in AuthMode.NONE"
  it('throws in AuthMode.NONE', () => {
    const { rt, service } = setup();
    rt.authMode = 'NONE';
    expect(() => service.getDocumentProperties()).toThrow(/permission/);
  });

  it('counts each call as a service round trip', () => {
    const { rt, service } = setup();
    const p = service.getScriptProperties();
    p.setProperties({ a: '1', b: '2' });
    p.getProperties();
    expect(rt.callsByMethod()).toEqual({
      'Properties.getProperties': 1,
      'Properties.setProperties': 1,
      'PropertiesService.getScriptProperties': 1,
    });
  });
});
