// Referrals given in an interview: each person becomes a new contact row linked to the referrer
// (Referred by = the referrer's Contact ID, Relationship = Referral), or, when they are already
// in the tracker (same email, or same name where the companies agree), fills in that row's
// empty cells instead of duplicating it. A retry finds the rows a failed attempt added, so it
// converges instead of adding them twice.

import { type CellFill, type OutCell, isEmptyCell } from '../tracker/cells.ts';
import { type Contact, contactFromRow, matchReason, nameColumns, normaliseEmails, normaliseName } from '../tracker/contacts.ts';
import type { ReferralInput } from './events.ts';
import { assignIds, canonicalContactId } from '../tracker/ids.ts';
import { FIRST_STAGE } from '../tracker/schema.ts';
import { toSheetText } from '../base/text.ts';
import type { TrackerTable } from '../tracker/table.ts';

/** The tracker as referrals are matched and added to it; `width`: a new row's, the table's last used column. */
export type ReferralTable = Pick<TrackerTable, 'headerRow' | 'rows' | 'formulas' | 'contact' | 'tracker' | 'idCounter'> & { width: number };

export interface ResolvedReferral {
  input: ReferralInput;
  id: string;
  name: string;
  status: 'added' | 'matched';
  /** This referral was not yet linked to the referrer before (so it counts as a new referral). */
  newlyLinked: boolean;
  /** Given values the tracker has no column for ("Email: …"), to keep in the log instead. */
  unstored: string[];
}

export interface ReferralPlan {
  resolved: ResolvedReferral[];
  /** New contact rows, `width` cells each, to append after the last row. */
  append: OutCell[][];
  /** Empty cells of matched contacts to fill (1-based sheet row and column). */
  fills: CellFill[];
  idCounter: number;
}

type Target = { kind: 'existing'; index: number; contact: Contact } | { kind: 'new'; index: number; contact: Contact };

function asContact(r: ReferralInput): Contact {
  const fields: Contact['fields'] = { fullName: r.name };
  if (r.email) fields.email = r.email;
  if (r.company) fields.company = r.company;
  if (r.role) fields.title = r.role;
  return { name: r.name, fields, emails: normaliseEmails(r.email), linkedinUrl: '', connectedOn: null };
}

/** Where a referral's values go: [0-based column, value, label for when there is no column]. */
function placements(t: ReferralTable, r: ReferralInput, referrerId: string): { column: number | undefined; value: string; label: string }[] {
  const c = t.contact;
  const out: { column: number | undefined; value: string; label: string }[] = [];
  if (c.fullName !== undefined) out.push({ column: c.fullName, value: r.name, label: 'Name' });
  else if (c.firstName !== undefined && c.lastName !== undefined) {
    const parts = nameColumns(r.name, c.middleName !== undefined);
    out.push(
      { column: c.firstName, value: parts.first, label: 'First name' },
      { column: c.middleName, value: parts.middle, label: 'Middle name' },
      { column: c.lastName, value: parts.last, label: 'Last name' },
    );
  } else out.push({ column: c.firstName, value: r.name, label: 'Name' });
  out.push(
    { column: c.email, value: r.email, label: 'Email' },
    { column: c.company, value: r.company, label: 'Company' },
    { column: c.title, value: r.role, label: 'Role' },
    { column: t.tracker.relationship, value: r.relationship, label: 'Relationship' },
    { column: t.tracker.referredBy, value: referrerId, label: 'Referred by' },
  );
  return out.filter((p) => p.value !== '');
}

/**
 * Resolves `referrals` given by contact `referrerId` (on data row `referrerIndex`).
 * Returns an error message instead when a referral is the referrer.
 */
export function planReferrals(
  t: ReferralTable,
  referrerId: string,
  referrerIndex: number,
  referrals: readonly ReferralInput[],
): ReferralPlan | { error: string } {
  const idColumn = t.tracker.contactId;
  const referredByColumn = t.tracker.referredBy;
  const isEmpty = (index: number, column: number) => isEmptyCell(t.rows[index]?.[column], t.formulas[index]?.[column]);

  const byEmail = new Map<string, Target>();
  const byName = new Map<string, Target[]>();
  const remember = (target: Target) => {
    for (const e of target.contact.emails) if (!byEmail.has(e)) byEmail.set(e, target);
    const name = normaliseName(target.contact.name);
    byName.set(name, [...(byName.get(name) ?? []), target]);
  };
  t.rows.forEach((cells, index) => {
    const contact = contactFromRow(cells, t.contact);
    if (normaliseName(contact.name)) remember({ kind: 'existing', index, contact });
  });
  const find = (c: Contact): Target | null => {
    for (const e of c.emails) {
      const hit = byEmail.get(e);
      if (hit) return hit;
    }
    return (byName.get(normaliseName(c.name)) ?? []).find((x) => matchReason(c, x.contact) !== null) ?? null;
  };

  const existingIds = idColumn === undefined ? [] : t.rows.map((r) => r[idColumn]);
  const resolved: ResolvedReferral[] = [];
  const append: OutCell[][] = [];
  const fills: CellFill[] = [];
  const seen = new Set<Target>();
  let counter = t.idCounter;

  for (const [n, input] of referrals.entries()) {
    const contact = asContact(input);
    const target = find(contact);
    if (target?.kind === 'existing' && target.index === referrerIndex) {
      return { error: `Referral ${n + 1} (${input.name}) is the contact you are logging the interview for.` };
    }
    if (target && seen.has(target)) continue; // the same person entered twice
    const places = placements(t, input, referrerId);
    const unstored = places.filter((p) => p.column === undefined && p.label !== 'Referred by').map((p) => `${p.label}: ${p.value}`);
    if (target?.kind === 'existing') {
      seen.add(target);
      const before = referredByColumn === undefined ? '' : String(t.rows[target.index][referredByColumn] ?? '').trim();
      const row = t.headerRow + 1 + target.index;
      for (const p of places) {
        if (p.column === undefined || p.label === 'Name' || p.label === 'First name' || p.label === 'Middle name' || p.label === 'Last name') continue;
        if (isEmpty(target.index, p.column)) fills.push({ row, column: p.column + 1, value: toSheetText(p.value) });
      }
      let id = '';
      if (idColumn !== undefined) {
        const existing = canonicalContactId(t.rows[target.index][idColumn]);
        if (existing !== null) id = existing;
        else if (isEmpty(target.index, idColumn)) {
          // A row added after setup has no ID yet: give it one, so the link has something to point at.
          const ids = assignIds(existingIds, counter, 1);
          counter = ids.counter;
          existingIds.push((id = ids.ids[0]));
          fills.push({ row, column: idColumn + 1, value: id });
        }
      }
      resolved.push({
        input,
        id,
        name: target.contact.name,
        status: 'matched',
        newlyLinked: canonicalContactId(before) !== canonicalContactId(referrerId),
        unstored,
      });
      continue;
    }
    const ids = assignIds(existingIds, counter, 1);
    counter = ids.counter;
    existingIds.push(ids.ids[0]);
    const row: OutCell[] = new Array(t.width).fill('');
    for (const p of places) if (p.column !== undefined) row[p.column] = toSheetText(p.value);
    if (idColumn !== undefined) row[idColumn] = ids.ids[0];
    if (t.tracker.stage !== undefined) row[t.tracker.stage] = FIRST_STAGE;
    const added: Target = { kind: 'new', index: append.length, contact };
    append.push(row);
    seen.add(added);
    remember(added);
    resolved.push({ input, id: ids.ids[0], name: input.name, status: 'added', newlyLinked: true, unstored });
  }
  return { resolved, append, fills, idCounter: counter };
}
