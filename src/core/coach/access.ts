// Giving the coach access to one file and taking it back, without touching access they had for
// another reason. "before" is the coach's access to that file before the add-on first gave any.

export type Access = 'owner' | 'editor' | 'viewer' | 'none';
export type Role = 'viewer' | 'editor';
export type AccessOp = 'addViewer' | 'addEditor' | 'removeViewer' | 'removeEditor';

const RANK: Record<Access, number> = { none: 0, viewer: 1, editor: 2, owner: 3 };

/** The calls that give `role` to someone whose access is `current` (and was `before` the add-on). */
export function grantOps(current: Access, role: Role, before: Access): AccessOp[] {
  if (current === 'owner') return [];
  if (role === 'editor') return current === 'editor' ? [] : ['addEditor'];
  // Viewer wanted. Someone who is an editor stays one, unless the add-on made them editor.
  if (current === 'editor') return RANK[before] < RANK.editor ? ['removeEditor', 'addViewer'] : [];
  return current === 'viewer' ? [] : ['addViewer'];
}

/** The calls that bring the coach back to the access they had before the add-on. */
export function revokeOps(current: Access, before: Access): AccessOp[] {
  if (RANK[before] >= RANK.editor || current === 'owner') return [];
  if (before === 'viewer') return current === 'editor' ? ['removeEditor', 'addViewer'] : [];
  if (current === 'editor') return ['removeEditor'];
  if (current === 'viewer') return ['removeViewer'];
  return [];
}

/** The role the coach actually ends up with after grantOps (an editor for another reason stays one). */
export function effectiveRole(current: Access, role: Role, before: Access): Access {
  if (current === 'owner') return 'owner';
  if (role === 'viewer' && current === 'editor' && RANK[before] >= RANK.editor) return 'editor';
  return role;
}
