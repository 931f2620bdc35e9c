// Ties the emulator's classes to @types/google-apps-script so that their signatures cannot
// drift from Google's: `class EmuRange implements Signatures<GoogleAppsScript.Spreadsheet.Range, 'getValues' | ...>`.
// Google's object types in parameters and results are mapped to the emulator's classes.
// For overloaded methods TypeScript checks the last overload declared by @types. Google's
// enums are declared as TypeScript enums; at run time Apps Script enum values print as their
// names, so the emulator uses the names and its parameters accept both.

import type { EmuRange } from './spreadsheet/range.ts';
import type { EmuRangeList, EmuSheet } from './spreadsheet/sheet.ts';
import type { EmuSpreadsheet } from './spreadsheet/spreadsheet.ts';
import type { EmuConditionalFormatRule, EmuConditionalFormatRuleBuilder, EmuDataValidation, EmuDataValidationBuilder } from './spreadsheet/rules.ts';
import type { EmuDeveloperMetadata, EmuDeveloperMetadataFinder, EmuProtection, EmuNamedRange, EmuSelection } from './spreadsheet/metadata.ts';

type S = typeof GoogleAppsScript.Spreadsheet;
type G = GoogleAppsScript.Spreadsheet.Range;

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Emu<R> = R extends GoogleAppsScript.Spreadsheet.Range
  ? EmuRange
  : R extends GoogleAppsScript.Spreadsheet.Sheet
    ? EmuSheet
    : R extends GoogleAppsScript.Spreadsheet.Spreadsheet
      ? EmuSpreadsheet
      : R extends GoogleAppsScript.Spreadsheet.DataValidationBuilder
        ? EmuDataValidationBuilder
        : R extends GoogleAppsScript.Spreadsheet.DataValidation
          ? EmuDataValidation
          : R extends GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder
            ? EmuConditionalFormatRuleBuilder
            : R extends GoogleAppsScript.Spreadsheet.ConditionalFormatRule
              ? EmuConditionalFormatRule
              : R extends GoogleAppsScript.Spreadsheet.DeveloperMetadata
                ? EmuDeveloperMetadata
                : R extends GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder
                  ? EmuDeveloperMetadataFinder
                  : R extends GoogleAppsScript.Spreadsheet.Protection
                    ? EmuProtection
                    : R extends GoogleAppsScript.Spreadsheet.NamedRange
                      ? EmuNamedRange
                      : R extends GoogleAppsScript.Spreadsheet.Selection
                        ? EmuSelection
                        : R extends GoogleAppsScript.Spreadsheet.RangeList
                          ? EmuRangeList
                          : R extends (infer E)[]
                            ? Emu<E>[]
                            : R;

type EmuArgs<A extends any[]> = { [I in keyof A]: Emu<A[I]> };

export type Signatures<T, K extends keyof T> = {
  [P in K]: T[P] extends (...a: infer A) => infer R ? (...a: EmuArgs<A>) => Emu<R> : never;
};

// Keep the unused aliases referenced so the file documents what it maps from.
export type _Unused = [S, G];
