// Column letters for A1 references (A, B, ..., Z, AA, ...).
export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** 1-based bounds of a range written "H2:H1000", "H2" or "Contacts!H2:H1000" (as getA1Notation gives it), or null. */
export function a1Bounds(a1: string): { row: number; column: number; lastRow: number; lastColumn: number } | null {
  const m = /^(?:.*!)?\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(a1.trim().toUpperCase());
  if (!m) return null;
  const column = columnNumber(m[1]);
  const row = Number(m[2]);
  return { row, column, lastRow: m[4] ? Number(m[4]) : row, lastColumn: m[3] ? columnNumber(m[3]) : column };
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
