// A dialog that sizes itself: the server shows it without setWidth/setHeight (two calls fewer),
// and the page sets its width, then its height to what its content takes, again whenever the
// content grows or shrinks (rows added, a message shown). google.script.host.setWidth/setHeight
// "set the width/height of the current dialog"
// (https://developers.google.com/apps-script/guides/html/reference/host#setheightheight).
// Until the page has run, the dialog has Apps Script's default size.

declare const google: { script: { host: { setWidth(width: number): void; setHeight(height: number): void } } };

/**
 * Past this height the page scrolls inside the dialog instead: a dialog taller than a laptop's
 * window would put its buttons out of reach.
 */
export const MAX_DIALOG_HEIGHT = 600;

export function fitDialog(width: number): void {
  google.script.host.setWidth(width);
  let shown = 0;
  const fit = () => {
    // The body's own height (it has no height set), not the document's, which is at least the frame's.
    const height = Math.min(MAX_DIALOG_HEIGHT, Math.ceil(document.body.getBoundingClientRect().height));
    if (height === shown) return;
    shown = height;
    google.script.host.setHeight(height);
  };
  new ResizeObserver(fit).observe(document.body);
}
