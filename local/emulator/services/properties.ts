// PropertiesService: script, document and per-user key/value stores that outlive an execution.
//
// Pinned behaviours (sources):
// - Values are stored as strings; other types are converted.
//   https://developers.google.com/apps-script/guides/properties ("Data format")
// - getProperty returns null for a missing key.
//   https://developers.google.com/apps-script/reference/properties/properties#getProperty(String)
// - Limits: 9 KB per value, 500 KB per property store.
//   https://developers.google.com/apps-script/guides/services/quotas ("Current limitations")
//   Keys count toward the store size (tanaikech, "Report: Specification of Properties Service",
//   https://tanaikech.github.io/2023/05/22/report-specification-of-properties-service-for-google-apps-script/).
// - Going over either limit throws "You have exceeded the property storage quota. Please remove some
//   properties and try again." (lucasvtiradentes/gcal-sync#115 for a full store; projects that hit
//   the per-value limit report the same message, see README-services.md). "Argument too large: value"
//   is CacheService's message (joseballester/muFunds#13), not this one.
// - Document properties are per document: getDocumentProperties "Gets a property store that all users
//   can access within the current document, but only for this script"
//   (https://developers.google.com/apps-script/reference/properties/properties-service#getDocumentProperties()).
//   The current document is the one the script runs in (for an add-on, the file it was opened
//   from), never one opened with openById: the coach view, opened by the coach with the add-on,
//   has a store of its own. Script properties are one store per script, user properties one per
//   user, whatever the document (https://developers.google.com/apps-script/guides/properties).
// - Not available in AuthMode.NONE ("doesn't work in AuthMode.NONE"):
//   https://developers.google.com/apps-script/reference/script/auth-mode

import { GasException, RT, instrument, type Runtime } from '../runtime.ts';

export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;
export const QUOTA_MESSAGE = 'You have exceeded the property storage quota. Please remove some properties and try again.';

const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Every store of one emulator, shared by all its executions. Plain object: not a service. */
export class PropertyStores {
  readonly script = new Map<string, string>();
  private readonly documents = new Map<string, Map<string, string>>();
  private readonly users = new Map<string, Map<string, string>>();

  /** `currentDocument`: the id of the file the script runs in (the emulator's active spreadsheet). */
  constructor(private readonly currentDocument: () => string = () => '') {}

  /** The document store of the file the script runs in now. */
  get document(): Map<string, string> {
    return this.documentOf(this.currentDocument());
  }

  documentOf(fileId: string): Map<string, string> {
    let m = this.documents.get(fileId);
    if (!m) this.documents.set(fileId, (m = new Map()));
    return m;
  }

  user(email: string): Map<string, string> {
    let m = this.users.get(email);
    if (!m) this.users.set(email, (m = new Map()));
    return m;
  }

  clear(): void {
    this.script.clear();
    this.documents.clear();
    this.users.clear();
  }
}

export class EmuProperties implements GoogleAppsScript.Properties.Properties {
  readonly [RT]: Runtime;
  constructor(
    rt: Runtime,
    private readonly map: Map<string, string>,
  ) {
    this[RT] = rt;
  }

  getProperty(key: string): string | null {
    return this.map.get(String(key)) ?? null;
  }
  getProperties(): { [key: string]: string } {
    return Object.fromEntries(this.map);
  }
  getKeys(): string[] {
    return [...this.map.keys()];
  }
  setProperty(key: string, value: string): this {
    this._write(new Map([[String(key), String(value)]]), false);
    return this;
  }
  setProperties(properties: { [key: string]: string }, deleteAllOthers = false): this {
    const entries = Object.entries(properties).map(([k, v]): [string, string] => [k, String(v)]);
    this._write(new Map(entries), deleteAllOthers);
    return this;
  }
  deleteProperty(key: string): this {
    this.map.delete(String(key));
    return this;
  }
  deleteAllProperties(): this {
    this.map.clear();
    return this;
  }

  /** Applies all of `changes` or, when a limit would be passed, none of them. */
  _write(changes: Map<string, string>, deleteAllOthers: boolean): void {
    const next = new Map(deleteAllOthers ? [] : this.map);
    for (const [k, v] of changes) {
      if (utf8Bytes(v) > MAX_VALUE_BYTES) throw new GasException(QUOTA_MESSAGE);
      next.set(k, v);
    }
    let total = 0;
    for (const [k, v] of next) total += utf8Bytes(k) + utf8Bytes(v);
    if (total > MAX_STORE_BYTES) throw new GasException(QUOTA_MESSAGE);
    this.map.clear();
    for (const [k, v] of next) this.map.set(k, v);
  }
}

export class EmuPropertiesService implements GoogleAppsScript.Properties.PropertiesService {
  readonly [RT]: Runtime;
  constructor(
    rt: Runtime,
    private readonly stores: PropertyStores,
  ) {
    this[RT] = rt;
  }
  getScriptProperties(): EmuProperties {
    return new EmuProperties(this[RT], this.stores.script);
  }
  /** The store of the document the script runs in at the time of the call. */
  getDocumentProperties(): EmuProperties {
    return new EmuProperties(this[RT], this.stores.document);
  }
  /** The store of Runtime.activeUser at the time of the call. */
  getUserProperties(): EmuProperties {
    return new EmuProperties(this[RT], this.stores.user(this[RT].activeUser));
  }
}

instrument(EmuPropertiesService, 'PropertiesService');
instrument(EmuProperties, 'Properties');
