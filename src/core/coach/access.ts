// Giving the coach access to one file and taking it back, without touching access they had for
// another reason. "before" is the coach's access to that file before the add-on first gave any.
//
// Apps Script's Spreadsheet methods cannot tell a viewer from a commenter: getViewers() lists
// both, and there is no addCommenter (DriveApp has one, but needs a Drive scope). So "viewer"
// here means "viewer or commenter", and the add-on never calls addViewer on someone who had that
// access before: it could take their comment access away. Someone with view or comment access
// whom the add-on made an editor is left an editor when the add-on takes its access back, and
// the user is told to set them back under Share.

export type Access = 'owner' | 'editor' | 'viewer' | 'none';
export type Role = 'viewer' | 'editor';
export type AccessOp = 'addViewer' | 'addEditor' | 'removeViewer' | 'removeEditor';

/** The calls that give `role` to someone whose access is `current` (and was `before` the add-on). */
export function grantOps(current: Access, role: Role, before: Access): AccessOp[] {
  if (current === 'owner') return [];
  if (role === 'editor') return current === 'editor' ? [] : ['addEditor'];
  // Viewer wanted. An editor stays one, unless the add-on made them editor from nothing.
  if (current === 'editor') return before === 'none' ? ['removeEditor', 'addViewer'] : [];
  return current === 'viewer' ? [] : ['addViewer'];
}

/** The calls that take back what the add-on gave: only to someone who had no access before. */
export function revokeOps(current: Access, before: Access): AccessOp[] {
  if (before !== 'none' || current === 'owner') return [];
  if (current === 'editor') return ['removeEditor'];
  if (current === 'viewer') return ['removeViewer'];
  return [];
}

/** The role the coach actually ends up with after grantOps (an editor for another reason stays one). */
export function effectiveRole(current: Access, role: Role, before: Access): Access {
  if (current === 'owner') return 'owner';
  if (role === 'viewer' && current === 'editor' && before !== 'none') return 'editor';
  return role;
}

/** True when taking back access leaves an editor whom the add-on promoted from view (or comment) access. */
export function leftPromoted(current: Access, before: Access): boolean {
  return before === 'viewer' && current === 'editor';
}
