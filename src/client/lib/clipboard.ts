// Copying text from inside the add-on's sandboxed frame. The Clipboard API may be refused there,
// so the fallback selects the text in a hidden textarea and runs the copy command, which works
// during a click or key press. Says whether the text was copied, so that a page can ask the
// user to copy it by hand when it was not.

/** Copies `text`; `scratch` is a hidden textarea the page keeps for it (one is made if not given). */
export async function copyText(text: string, scratch?: HTMLTextAreaElement): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection-based copy
  }
  const focused = document.activeElement as HTMLElement | null;
  const box = scratch ?? document.body.appendChild(Object.assign(document.createElement('textarea')));
  box.setAttribute('aria-hidden', 'true');
  box.style.position = 'fixed';
  box.style.left = '-9999px';
  box.value = text;
  box.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  box.value = '';
  if (!scratch) box.remove();
  focused?.focus();
  return ok;
}
