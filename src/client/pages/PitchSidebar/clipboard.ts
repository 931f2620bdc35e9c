// Copying text from inside the add-on's sandboxed frame. The Clipboard API may be refused there,
// so the fallback selects the text in a hidden textarea and runs the copy command, which works
// during a click or key press.

export async function copyText(text: string, scratch: HTMLTextAreaElement): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection-based copy
  }
  const focused = document.activeElement as HTMLElement | null;
  scratch.value = text;
  scratch.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  scratch.value = '';
  focused?.focus();
  return ok;
}
