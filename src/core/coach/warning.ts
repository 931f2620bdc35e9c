// What a coach sees when the tracker itself is shared with them: the whole file. Sheets shares
// files, not sheets or columns: anyone the file is shared with can unhide hidden sheets and
// columns, and protected ranges only stop edits, not reading (see ../shared/PRODUCT.md).

export interface FileContents {
  trackerName: string;
  sheets: readonly { name: string; hidden: boolean }[];
  /** Headers of columns the user keeps private (private notes, columns marked private). */
  privateColumns: readonly string[];
  /** Every column header of the tracker sheet. */
  columnCount: number;
  hasInterviewLog: boolean;
}

function quoteList(items: readonly string[]): string {
  const q = items.map((i) => `“${i}”`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

/** One line per thing the coach will be able to see (and, as editor, do). */
export function directShareWarning(f: FileContents, role: 'viewer' | 'editor'): string[] {
  const hidden = f.sheets.filter((s) => s.hidden).map((s) => s.name);
  const lines = [
    `The whole spreadsheet “${f.trackerName}”: every sheet (${quoteList(f.sheets.map((s) => s.name))})${hidden.length ? `, including the hidden ${hidden.length === 1 ? 'sheet' : 'sheets'} ${quoteList(hidden)}` : ''}. Hiding or protecting a sheet or column hides nothing from someone the file is shared with.`,
    `Every one of the tracker's ${f.columnCount} columns${f.privateColumns.length ? `, including the ones you keep private: ${quoteList(f.privateColumns)}` : ''}, and every contact's details.`,
  ];
  if (f.hasInterviewLog) lines.push('The Interview log: every pitch, reply, interview, note and referral you logged.');
  lines.push('Cell notes and comments, and the names of everyone else the file is shared with.');
  lines.push(
    role === 'editor'
      ? 'As an editor: version history (earlier contents of every cell, including text you have since deleted), and the right to change or delete anything, and to share the file with others.'
      : 'As a viewer: they cannot change anything, but can download, print or copy the whole file unless you turn that off in the Share settings.',
  );
  return lines;
}
