// Limits of one import, kept apart from the CSV parser so pages can use them without bundling it.

export interface CsvLimits {
  maxRows?: number;
  maxBytes?: number;
}

/**
 * 30,000 rows: LinkedIn caps a member at 30,000 connections, so any Connections export fits
 * in one import. 10 MB of UTF-8: the text crosses google.script.run and is held in memory a
 * few times over (string, parsed rows, the rows to write), and a Google Contacts export of
 * 30,000 people with its dozens of mostly empty columns stays under it. Writing 30,000 rows
 * is one setValues call, far inside the 6-minute execution limit.
 */
export const DEFAULT_CSV_LIMITS: Required<CsvLimits> = { maxRows: 30_000, maxBytes: 10 * 1024 * 1024 };
