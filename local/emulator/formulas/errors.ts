// A formula error as Sheets shows it, from HyperFormula's. Apps Script reads an error cell as its
// text ("#DIV/0!", "#N/A", ...) through getValue and getDisplayValue alike; most of HyperFormula's
// error codes are Sheets' own, but not these:
// - #SPILL! (an array result blocked by a value in its way): Sheets shows #REF! with the note
//   "Array result was not expanded because it would overwrite data in <cell>" (as users quote it,
//   e.g. microCOVID/microCOVID#871; Google's help has no page on the note).

/** HyperFormula's error codes that Sheets writes otherwise. */
const SHEETS_CODE: Record<string, string> = { '#SPILL!': '#REF!' };

/** The text Sheets shows for an error HyperFormula computed (`error.value` is its code, "#SPILL!"...). */
export function sheetsErrorText(error: { value: string }): string {
  return SHEETS_CODE[error.value] ?? error.value;
}
