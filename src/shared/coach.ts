// Types that cross google.script.run between the Share with coach dialog and the server.

/** copy: a separate spreadsheet with chosen columns as values; direct: the tracker itself. */
export type CoachMode = 'copy' | 'direct';
export type CoachRole = 'viewer' | 'editor';

export interface CoachColumnChoice {
  id: string;
  header: string;
  shared: boolean;
  private: boolean;
  /** required: always in the copy; never: the user's private notes, never shared. */
  lock?: 'required' | 'never';
}

export interface CoachShareInfo {
  email: string;
  mode: CoachMode;
  role: CoachRole;
  /** What the coach opens: the coach view, or the tracker itself. */
  url: string;
  /** ISO timestamps. */
  sharedAt: string;
  updatedAt: string | null;
}

/** What the dialog is opened with. */
export interface CoachSharingState {
  trackerName: string;
  /** False until Set up tracker has run: a coach copy needs a tracker. */
  hasTracker: boolean;
  /** Why the tracker's columns cannot be listed (its header row is not found), for the user; else null. */
  trackerProblem: string | null;
  coach: CoachShareInfo | null;
  columns: CoachColumnChoice[];
  /** What sharing the tracker itself exposes, by role, one line per item. */
  directWarning: Record<CoachRole, string[]>;
  hasDashboard: boolean;
}

export interface ShareWithCoachInput {
  email: string;
  mode: CoachMode;
  /** Default: editor of the coach copy (so they can type feedback); viewer of the tracker. */
  role?: CoachRole;
  /** Column ids to put in the coach copy (copy mode). */
  shared?: string[];
  /** Column ids never to share. */
  private?: string[];
  /** Direct mode only: the user has read the warning of what the coach will see. */
  acknowledged?: boolean;
}

/** How the coach's feedback came back into the tracker (see src/core/coach/feedback.ts). */
export interface FeedbackSummary {
  /** Empty tracker cells filled, cells replaced (coach edited their own words), cells extended. */
  filled: number;
  replaced: number;
  extended: number;
  /** The coach's text added below text the user had typed. */
  appended: number;
  /** Cells the coach emptied: the tracker kept its text. */
  cleared: number;
  /** Feedback for contact IDs no longer in the tracker: could not come back. */
  orphaned: number;
  /** Contacts whose feedback would not fit in the tracker's cell beside the user's text: left in the coach view. */
  tooLong: number;
}

export type CoachResult =
  | { ok: true; changed: boolean; message: string; state: CoachSharingState; feedback?: FeedbackSummary }
  | {
      ok: false;
      message: string;
      /** Stop sharing could not take the access back: the user may remove it by hand, then tell the add-on to forget the coach. */
      canForget?: boolean;
    };

/**
 * Update coach view: of the dialog's state only the coach's share changes (when it was updated),
 * so that is all it sends back; the rest would cost a service call per sheet.
 */
export type CoachUpdateResult =
  { ok: true; changed: boolean; message: string; coach: CoachShareInfo; feedback: FeedbackSummary } | { ok: false; message: string };

/** Options of Stop sharing with coach. */
export interface StopSharingOptions {
  /** The user removed the coach's access by hand: forget them even if the add-on cannot check. */
  forget?: boolean;
}
