// Developer metadata, protections, named ranges and the selection: the things a sheet
// records about ranges rather than in cells.

import { instrument, RT, GasException, type Runtime } from '../runtime.ts';
import type { GridRect } from './a1.ts';
import type { EmuRange } from './range.ts';
import { type EmuSheet, EmuRangeList } from './sheet.ts';
import type { EmuSpreadsheet } from './spreadsheet.ts';
import type { Signatures } from '../signatures.ts';

export const DeveloperMetadataVisibility = { DOCUMENT: 'DOCUMENT', PROJECT: 'PROJECT' } as const;
export type Visibility = keyof typeof DeveloperMetadataVisibility;
export const DeveloperMetadataLocationType = { SPREADSHEET: 'SPREADSHEET', SHEET: 'SHEET', ROW: 'ROW', COLUMN: 'COLUMN' } as const;
export type LocationType = keyof typeof DeveloperMetadataLocationType;
export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;

/** Where a metadata entry lives. Row and column entries move with their row or column. */
export type MetaLocation = { type: 'SPREADSHEET' } | { type: 'SHEET'; sheetId: number } | { type: 'ROW' | 'COLUMN'; sheetId: number; index: number }; // 1-based

export interface MetaEntry {
  id: number;
  key: string;
  value: string | null;
  visibility: Visibility;
  location: MetaLocation;
}

type DM = GoogleAppsScript.Spreadsheet.DeveloperMetadata;

export class EmuDeveloperMetadata implements Signatures<DM, 'getId' | 'getKey' | 'getValue' | 'setKey' | 'setValue' | 'remove' | 'moveToColumn'> {
  readonly [RT]: Runtime;
  constructor(
    private readonly ss: EmuSpreadsheet,
    readonly _entry: MetaEntry,
  ) {
    this[RT] = ss[RT];
  }
  getId(): number {
    return this._entry.id;
  }
  getKey(): string {
    return this._entry.key;
  }
  getValue(): string | null {
    return this._entry.value;
  }
  getVisibility(): Visibility {
    return this._entry.visibility;
  }
  setKey(key: string): this {
    this._entry.key = key;
    return this;
  }
  setValue(value: string): this {
    this._entry.value = value;
    return this;
  }
  remove(): void {
    this.ss._metadata = this.ss._metadata.filter((m) => m !== this._entry);
  }
  getLocation(): { getLocationType(): LocationType; getColumn(): EmuRange | null; getRow(): EmuRange | null; getSheet(): EmuSheet | null } {
    const loc = this._entry.location;
    const sheet = 'sheetId' in loc ? this.ss._sheetById(loc.sheetId) : null;
    return {
      getLocationType: () => loc.type,
      getColumn: () => (loc.type === 'COLUMN' && sheet ? sheet._wholeColumn(loc.index) : null),
      getRow: () => (loc.type === 'ROW' && sheet ? sheet._wholeRow(loc.index) : null),
      getSheet: () => sheet,
    };
  }
  moveToColumn(column: EmuRange): this {
    const loc = column._metadataLocation();
    if (loc.type !== 'COLUMN') throw new GasException('The range must be a single whole column.');
    this._entry.location = loc;
    return this;
  }
}

type DMF = GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder;

export class EmuDeveloperMetadataFinder implements Signatures<DMF, 'find' | 'withKey' | 'withId' | 'withValue'> {
  readonly [RT]: Runtime;
  private filters: ((m: MetaEntry) => boolean)[] = [];
  constructor(
    private readonly ss: EmuSpreadsheet,
    private readonly scope: (m: MetaEntry) => boolean,
  ) {
    this[RT] = ss[RT];
  }
  withKey(key: string): this {
    this.filters.push((m) => m.key === key);
    return this;
  }
  withValue(value: string): this {
    this.filters.push((m) => m.value === value);
    return this;
  }
  withId(id: number): this {
    this.filters.push((m) => m.id === id);
    return this;
  }
  withLocationType(type: LocationType): this {
    this.filters.push((m) => m.location.type === type);
    return this;
  }
  find(): EmuDeveloperMetadata[] {
    return this.ss._metadata.filter((m) => this.scope(m) && this.filters.every((f) => f(m))).map((m) => new EmuDeveloperMetadata(this.ss, m));
  }
}

export interface ProtectionData {
  sheetId: number;
  rect: GridRect | null; // null protects the whole sheet
  description: string;
  warningOnly: boolean;
  /** Who may edit, besides the owner; null until a script changes them: the spreadsheet's editors. */
  editors: Set<string> | null;
  /** A sheet protection's exceptions: cells anyone who can edit the file may edit. */
  unprotected: GridRect[];
  /** Whether everyone in the owner's Workspace domain may edit it (canDomainEdit). */
  domainEdit: boolean;
}

export function newProtection(sheet: EmuSheet, rect: GridRect | null): ProtectionData {
  // Like its editors, a new protection's domain access mirrors the file's.
  return { sheetId: sheet._id, rect, description: '', warningOnly: false, editors: null, unprotected: [], domainEdit: sheet._ss._domainCanEdit };
}

type P = GoogleAppsScript.Spreadsheet.Protection;
type User = { getEmail(): string };
/** An address as the emulator compares them (Google's are case-insensitive): trimmed, lower case. */
export const normEmail = (email: string) => email.trim().toLowerCase();
const emailOf = (u: string | User) => normEmail(typeof u === 'string' ? u : u.getEmail());

/**
 * A protection's editors, as lower-cased addresses: the ones set on it, or, until its list was
 * changed, the spreadsheet's owner and editors (Google: the owner is always an editor of it).
 */
function editorsOf(ss: EmuSpreadsheet, p: ProtectionData): Set<string> {
  return p.editors ?? new Set([...(ss._owner === null ? [] : [ss._owner]), ...ss._editors].map(emailOf));
}

/** Whether `user` may edit what `p` protects: warning-only, the owner, one of its editors, or its domain. */
export function mayEditProtected(ss: EmuSpreadsheet, p: ProtectionData, user: string | User): boolean {
  const e = emailOf(user);
  if (p.warningOnly || (ss._owner !== null && emailOf(ss._owner) === e) || editorsOf(ss, p).has(e)) return true;
  return p.domainEdit && ss._owner !== null && domainOf(e) === domainOf(emailOf(ss._owner));
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);

/** Google's consumer accounts: their files belong to no Workspace domain. */
const CONSUMER_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * What setDomainEdit throws for a consumer account's file. Google's reference: "Throws an exception
 * if the spreadsheet does not belong to a Google Workspace domain (that is, if it is owned by a
 * gmail.com account)" (https://developers.google.com/apps-script/reference/spreadsheet/protection#setDomainEdit(Boolean)).
 * Its wording is not documented and was not found in public reports: this stand-in is the Sheets
 * API's own sentence on domain protection ("Domain protection is only supported on documents
 * within a domain.", Editors.domainUsersCanEdit,
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/sheets#editors).
 */
export const DOMAIN_EDIT_CONSUMER = 'Domain protection is only supported on documents within a domain.';

export class EmuProtection implements Signatures<
  P,
  | 'getDescription'
  | 'setDescription'
  | 'isWarningOnly'
  | 'setWarningOnly'
  | 'remove'
  | 'canEdit'
  | 'addEditor'
  | 'addEditors'
  | 'removeEditor'
  | 'removeEditors'
  | 'canDomainEdit'
  | 'setDomainEdit'
  | 'getUnprotectedRanges'
  | 'setUnprotectedRanges'
> {
  readonly [RT]: Runtime;
  constructor(
    private readonly sheet: EmuSheet,
    readonly _data: ProtectionData,
  ) {
    this[RT] = sheet[RT];
  }
  private _editors(): Set<string> {
    return (this._data.editors ??= editorsOf(this.sheet._ss, this._data));
  }
  getDescription(): string {
    return this._data.description;
  }
  setDescription(description: string): this {
    this._data.description = description;
    return this;
  }
  isWarningOnly(): boolean {
    return this._data.warningOnly;
  }
  setWarningOnly(warningOnly: boolean): this {
    this._data.warningOnly = warningOnly;
    return this;
  }
  getProtectionType(): keyof typeof ProtectionType {
    return this._data.rect ? 'RANGE' : 'SHEET';
  }
  getRange(): EmuRange {
    const r = this._data.rect;
    return r ? this.sheet._range(r) : this.sheet._range({ row: 1, col: 1, numRows: this.sheet._maxRows, numCols: this.sheet._maxCols });
  }
  addEditor(user: string | User): this {
    this._editors().add(emailOf(user));
    return this;
  }
  addEditors(emailAddresses: string[]): this {
    for (const e of emailAddresses) this.addEditor(e);
    return this;
  }
  /** Any change to the editors (even removing only the owner, which is a no-op) fixes the list. */
  removeEditor(user: string | User): this {
    const e = emailOf(user);
    const editors = this._editors();
    if (!this.sheet._ss._isOwner(e)) editors.delete(e);
    return this;
  }
  removeEditors(users: (string | User)[]): this {
    const list = [...users];
    for (const u of list) this.removeEditor(u);
    return this;
  }
  getEditors(): User[] {
    return [...editorsOf(this.sheet._ss, this._data)].map((email) => ({ getEmail: () => email }));
  }
  /**
   * A consumer account's file has no domain, so nobody edits it through one: false (assumed; Google
   * documents a throw for setDomainEdit only, and its own sample calls setDomainEdit only when
   * canDomainEdit() is true).
   */
  canDomainEdit(): boolean {
    return this._data.domainEdit;
  }
  setDomainEdit(editable: boolean): this {
    const owner = this.sheet._ss._owner;
    if (owner !== null && CONSUMER_DOMAINS.has(domainOf(emailOf(owner)))) throw new GasException(DOMAIN_EDIT_CONSUMER);
    this._editors();
    this._data.domainEdit = editable === true;
    return this;
  }
  getUnprotectedRanges(): EmuRange[] {
    return this._data.unprotected.map((r) => this.sheet._range(r));
  }
  setUnprotectedRanges(ranges: EmuRange[]): this {
    if (this._data.rect) throw new GasException('Unprotected ranges can only be set on a sheet protection.');
    this._data.unprotected = ranges.map((r) => ({ ...r._rect }));
    return this;
  }
  canEdit(): boolean {
    return mayEditProtected(this.sheet._ss, this._data, this[RT].activeUser);
  }
  remove(): void {
    this.sheet._protections = this.sheet._protections.filter((p) => p !== this._data);
  }
}

export class EmuNamedRange implements Signatures<GoogleAppsScript.Spreadsheet.NamedRange, 'getName' | 'getRange' | 'remove'> {
  readonly [RT]: Runtime;
  constructor(
    private readonly ss: EmuSpreadsheet,
    private readonly name: string,
  ) {
    this[RT] = ss[RT];
  }
  getName(): string {
    return this.name;
  }
  getRange(): EmuRange {
    const nr = this.ss._namedRanges.get(this.name);
    if (!nr) throw new GasException(`Named range ${this.name} no longer exists.`);
    return nr.sheet._range(nr.rect);
  }
  remove(): void {
    this.ss._namedRanges.delete(this.name);
  }
}

export class EmuSelection implements Signatures<GoogleAppsScript.Spreadsheet.Selection, 'getActiveRange' | 'getActiveSheet' | 'getCurrentCell'> {
  readonly [RT]: Runtime;
  constructor(private readonly ss: EmuSpreadsheet) {
    this[RT] = ss[RT];
  }
  getActiveRange(): EmuRange {
    return this.ss._activeSheet._activeRange();
  }
  getActiveSheet(): EmuSheet {
    return this.ss._activeSheet;
  }
  getCurrentCell(): EmuRange {
    return this.ss._activeSheet._activeRange().getCell(1, 1);
  }
  getActiveRangeList(): EmuRangeList {
    const sheet = this.ss._activeSheet;
    return new EmuRangeList(
      this[RT],
      sheet._selection.map((r) => sheet._range(r)),
    );
  }
}

instrument(EmuDeveloperMetadata, 'DeveloperMetadata');
instrument(EmuDeveloperMetadataFinder, 'DeveloperMetadataFinder');
instrument(EmuProtection, 'Protection');
instrument(EmuNamedRange, 'NamedRange');
instrument(EmuSelection, 'Selection');
