// Data validation and conditional format rules: the builders script code uses, and the
// immutable rule objects the sheet records. Sheets enforces a validation rule with
// allowInvalid=false only against what a user types in the grid (the workbench calls
// `validationAccepts`); values written by script are stored and flagged, not rejected.
// Source: https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#setAllowInvalid(Boolean)
// ("whether to show a warning when input fails data validation or whether to reject the input entirely").

import { instrument, RT, GasException, type Runtime } from '../runtime.ts';
import type { GridRect } from './a1.ts';
import type { EmuRange } from './range.ts';
import type { Signatures } from '../signatures.ts';

export const DataValidationCriteria = {
  DATE_AFTER: 'DATE_AFTER',
  DATE_BEFORE: 'DATE_BEFORE',
  DATE_BETWEEN: 'DATE_BETWEEN',
  DATE_EQUAL_TO: 'DATE_EQUAL_TO',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  DATE_NOT_BETWEEN: 'DATE_NOT_BETWEEN',
  DATE_ON_OR_AFTER: 'DATE_ON_OR_AFTER',
  DATE_ON_OR_BEFORE: 'DATE_ON_OR_BEFORE',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_EQUAL_TO: 'NUMBER_EQUAL_TO',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS_THAN: 'NUMBER_LESS_THAN',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN',
  NUMBER_NOT_EQUAL_TO: 'NUMBER_NOT_EQUAL_TO',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_DOES_NOT_CONTAIN',
  TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
  TEXT_IS_VALID_EMAIL: 'TEXT_IS_VALID_EMAIL',
  TEXT_IS_VALID_URL: 'TEXT_IS_VALID_URL',
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
  CHECKBOX: 'CHECKBOX',
} as const;
export type DataValidationCriteriaName = keyof typeof DataValidationCriteria;

export const BooleanCriteria = {
  CELL_EMPTY: 'CELL_EMPTY',
  CELL_NOT_EMPTY: 'CELL_NOT_EMPTY',
  DATE_AFTER: 'DATE_AFTER',
  DATE_BEFORE: 'DATE_BEFORE',
  DATE_EQUAL_TO: 'DATE_EQUAL_TO',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_EQUAL_TO: 'NUMBER_EQUAL_TO',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS_THAN: 'NUMBER_LESS_THAN',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN',
  NUMBER_NOT_EQUAL_TO: 'NUMBER_NOT_EQUAL_TO',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_DOES_NOT_CONTAIN',
  TEXT_ENDS_WITH: 'TEXT_ENDS_WITH',
  TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
  TEXT_STARTS_WITH: 'TEXT_STARTS_WITH',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
} as const;
export type BooleanCriteriaName = keyof typeof BooleanCriteria;

type DV = GoogleAppsScript.Spreadsheet.DataValidation;
type DVB = GoogleAppsScript.Spreadsheet.DataValidationBuilder;

export interface DataValidationSpec {
  criteria: DataValidationCriteriaName;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

export class EmuDataValidation implements Signatures<DV, 'getAllowInvalid' | 'getCriteriaValues' | 'getHelpText'> {
  readonly [RT]: Runtime;
  constructor(
    rt: Runtime,
    readonly _spec: Readonly<DataValidationSpec>,
  ) {
    this[RT] = rt;
  }
  getCriteriaType(): DataValidationCriteriaName {
    return this._spec.criteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this._spec.values];
  }
  getAllowInvalid(): boolean {
    return this._spec.allowInvalid;
  }
  getHelpText(): string {
    return this._spec.helpText ?? '';
  }
  copy(): EmuDataValidationBuilder {
    return new EmuDataValidationBuilder(this[RT], { ...this._spec, values: [...this._spec.values] });
  }
}

export class EmuDataValidationBuilder implements Signatures<
  DVB,
  | 'build'
  | 'requireCheckbox'
  | 'requireValueInList'
  | 'requireValueInRange'
  | 'requireTextIsEmail'
  | 'requireTextIsUrl'
  | 'requireNumberBetween'
  | 'requireNumberGreaterThanOrEqualTo'
  | 'requireFormulaSatisfied'
  | 'requireDate'
  | 'setAllowInvalid'
  | 'setHelpText'
> {
  readonly [RT]: Runtime;
  private spec: DataValidationSpec;
  constructor(rt: Runtime, spec?: DataValidationSpec) {
    this[RT] = rt;
    this.spec = spec ?? { criteria: 'VALUE_IN_LIST', values: [], allowInvalid: true, helpText: null };
  }
  private _set(criteria: DataValidationCriteriaName, values: unknown[]): this {
    this.spec = { ...this.spec, criteria, values };
    return this;
  }
  requireValueInList(values: string[], showDropdown = true): this {
    if (!Array.isArray(values) || values.length === 0) throw new GasException('Invalid argument: values');
    if (values.length > 500) throw new GasException('The data validation list may contain at most 500 items.');
    return this._set('VALUE_IN_LIST', [values.map(String), showDropdown]);
  }
  requireValueInRange(range: EmuRange, showDropdown = true): this {
    return this._set('VALUE_IN_RANGE', [range, showDropdown]);
  }
  requireCheckbox(checked?: unknown, unchecked?: unknown): this {
    return this._set('CHECKBOX', checked === undefined ? [] : [checked, unchecked]);
  }
  requireTextIsEmail(): this {
    return this._set('TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): this {
    return this._set('TEXT_IS_VALID_URL', []);
  }
  requireNumberBetween(start: number, end: number): this {
    return this._set('NUMBER_BETWEEN', [start, end]);
  }
  requireNumberGreaterThanOrEqualTo(number: number): this {
    return this._set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }
  requireFormulaSatisfied(formula: string): this {
    return this._set('CUSTOM_FORMULA', [formula]);
  }
  requireDate(): this {
    return this._set('DATE_IS_VALID_DATE', []);
  }
  setAllowInvalid(allowInvalidData: boolean): this {
    this.spec = { ...this.spec, allowInvalid: allowInvalidData };
    return this;
  }
  setHelpText(helpText: string): this {
    this.spec = { ...this.spec, helpText };
    return this;
  }
  getCriteriaType(): DataValidationCriteriaName {
    return this.spec.criteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this.spec.values];
  }
  build(): EmuDataValidation {
    return new EmuDataValidation(this[RT], { ...this.spec });
  }
}

/** Whether Sheets would accept `value` typed by a user into a cell with this rule. */
export function validationAccepts(dv: EmuDataValidation, value: unknown, listFromRange?: () => unknown[]): boolean {
  const { criteria, values, allowInvalid } = dv._spec;
  if (allowInvalid || value === '' || value === null) return true;
  switch (criteria) {
    case 'VALUE_IN_LIST':
      return (values[0] as string[]).includes(String(value));
    case 'VALUE_IN_RANGE':
      return (listFromRange?.() ?? []).map(String).includes(String(value));
    case 'CHECKBOX':
      return values.length ? values.some((v) => v === value) : typeof value === 'boolean';
    case 'TEXT_IS_VALID_EMAIL':
      return typeof value === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
    case 'TEXT_IS_VALID_URL':
      return typeof value === 'string' && /^https?:\/\/\S+$/.test(value);
    case 'NUMBER_BETWEEN':
      return typeof value === 'number' && value >= (values[0] as number) && value <= (values[1] as number);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return typeof value === 'number' && value >= (values[0] as number);
    case 'DATE_IS_VALID_DATE':
      return value instanceof Date;
    default:
      return true;
  }
}

export interface CfFormat {
  background?: string | null;
  fontColor?: string | null;
  bold?: boolean | null;
  italic?: boolean | null;
  strikethrough?: boolean | null;
}

/** What a sheet records for one conditional format rule; ranges are kept as rectangles. */
export interface CfRuleData {
  rects: GridRect[];
  criteria: BooleanCriteriaName;
  values: unknown[];
  format: CfFormat;
}

type CFR = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type CFRB = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;

export class EmuConditionalFormatRule implements Signatures<CFR, 'getRanges' | 'copy'> {
  readonly [RT]: Runtime;
  constructor(
    rt: Runtime,
    readonly _data: Readonly<Omit<CfRuleData, 'rects'>>,
    readonly _ranges: EmuRange[],
  ) {
    this[RT] = rt;
  }
  getRanges(): EmuRange[] {
    return [...this._ranges];
  }
  getBooleanCondition(): {
    getCriteriaType(): BooleanCriteriaName;
    getCriteriaValues(): unknown[];
    getBackground(): string | null;
    getFontColor(): string | null;
    getBold(): boolean | null;
  } {
    const d = this._data;
    return {
      getCriteriaType: () => d.criteria,
      getCriteriaValues: () => [...d.values],
      getBackground: () => d.format.background ?? null,
      getFontColor: () => d.format.fontColor ?? null,
      getBold: () => d.format.bold ?? null,
    };
  }
  copy(): EmuConditionalFormatRuleBuilder {
    return new EmuConditionalFormatRuleBuilder(this[RT], { ...this._data, format: { ...this._data.format } }, [...this._ranges]);
  }
}

export class EmuConditionalFormatRuleBuilder implements Signatures<
  CFRB,
  | 'build'
  | 'setRanges'
  | 'setBackground'
  | 'setFontColor'
  | 'setBold'
  | 'setItalic'
  | 'setStrikethrough'
  | 'whenFormulaSatisfied'
  | 'whenTextEqualTo'
  | 'whenTextContains'
  | 'whenTextStartsWith'
  | 'whenCellEmpty'
  | 'whenCellNotEmpty'
  | 'whenNumberGreaterThan'
  | 'whenNumberLessThan'
  | 'whenNumberBetween'
> {
  readonly [RT]: Runtime;
  private data: Omit<CfRuleData, 'rects'>;
  private ranges: EmuRange[];
  constructor(rt: Runtime, data?: Omit<CfRuleData, 'rects'>, ranges: EmuRange[] = []) {
    this[RT] = rt;
    this.data = data ?? { criteria: 'CELL_NOT_EMPTY', values: [], format: {} };
    this.ranges = ranges;
  }
  private _when(criteria: BooleanCriteriaName, values: unknown[]): this {
    this.data = { ...this.data, criteria, values };
    return this;
  }
  private _format(f: CfFormat): this {
    this.data = { ...this.data, format: { ...this.data.format, ...f } };
    return this;
  }
  whenFormulaSatisfied(formula: string): this {
    return this._when('CUSTOM_FORMULA', [formula]);
  }
  whenTextEqualTo(text: string): this {
    return this._when('TEXT_EQUAL_TO', [text]);
  }
  whenTextContains(text: string): this {
    return this._when('TEXT_CONTAINS', [text]);
  }
  whenTextStartsWith(text: string): this {
    return this._when('TEXT_STARTS_WITH', [text]);
  }
  whenCellEmpty(): this {
    return this._when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): this {
    return this._when('CELL_NOT_EMPTY', []);
  }
  whenNumberGreaterThan(number: number): this {
    return this._when('NUMBER_GREATER_THAN', [number]);
  }
  whenNumberLessThan(number: number): this {
    return this._when('NUMBER_LESS_THAN', [number]);
  }
  whenNumberBetween(start: number, end: number): this {
    return this._when('NUMBER_BETWEEN', [start, end]);
  }
  setBackground(color: string | null): this {
    return this._format({ background: color });
  }
  setFontColor(color: string | null): this {
    return this._format({ fontColor: color });
  }
  setBold(bold: boolean | null): this {
    return this._format({ bold });
  }
  setItalic(italic: boolean | null): this {
    return this._format({ italic });
  }
  setStrikethrough(strikethrough: boolean | null): this {
    return this._format({ strikethrough });
  }
  setRanges(ranges: EmuRange[]): this {
    this.ranges = [...ranges];
    return this;
  }
  getRanges(): EmuRange[] {
    return [...this.ranges];
  }
  build(): EmuConditionalFormatRule {
    if (this.ranges.length === 0) throw new GasException('Conditional format rule must have at least one range.');
    return new EmuConditionalFormatRule(this[RT], { ...this.data }, [...this.ranges]);
  }
}

instrument(EmuDataValidation, 'DataValidation');
instrument(EmuDataValidationBuilder, 'DataValidationBuilder');
instrument(EmuConditionalFormatRule, 'ConditionalFormatRule');
instrument(EmuConditionalFormatRuleBuilder, 'ConditionalFormatRuleBuilder');
