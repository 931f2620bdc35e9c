// Types that cross google.script.run between the pages and the server: plain JSON only
// (no Date, no class instances); dates travel as ISO strings.

/** One line of an imported file that was not used as given, and why. `line` is 1-based in the file. */
export interface ImportProblem {
  line: number;
  reason: string;
}

/**
 * What an import did. Every non-blank data line of the file is counted exactly once:
 * added + updated + skipped = contact lines in the file.
 * - added: appended as a new contact;
 * - updated: matched a contact already in the tracker and filled at least one of its empty cells;
 * - skipped: no name, a duplicate of an earlier line of the same file, or already in the tracker
 *   with nothing new. Only the first two kinds appear in `problems`; "already there, nothing new"
 *   is the normal result of importing the same export twice and is not a problem.
 */
export interface ImportSummary {
  added: number;
  updated: number;
  skipped: number;
  problems: ImportProblem[];
  /** Columns of the file that had no place in the tracker and were not imported. */
  ignoredColumns?: string[];
}

export interface ImportOptions {
  /**
   * Relationship given to contacts the import adds. Undefined means: "LinkedIn" for a
   * LinkedIn Connections export, empty otherwise. A value in the file itself wins.
   */
  relationship?: string;
  /** Fill empty cells of contacts already in the tracker (default true). Never overwrites. */
  updateExisting?: boolean;
  /** Compute the summary without writing anything. */
  dryRun?: boolean;
}

/** What "Set up tracker" did, or why it did nothing. */
export type SetupResult =
  | {
      ok: true;
      sheetName: string;
      /** 1-based row of the header. */
      headerRow: number;
      /** Tracker columns added by this run (empty on a re-run). */
      addedColumns: string[];
      /** Contacts given an ID by this run. */
      newIds: number;
      contacts: number;
      /** False when the run changed nothing. */
      changed: boolean;
      warnings: string[];
      /** What was recognised and what changed, in plain words. */
      summary: string;
    }
  | { ok: false; message: string; cancelled?: boolean };

/** What importContacts returns to the dialog. */
export type ImportResult =
  | { ok: true; sheetName: string; format: string; summary: ImportSummary; dryRun: boolean }
  | { ok: false; message: string };
