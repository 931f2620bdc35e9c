// The Share with coach dialog: choose the coach, how to share, and (for a coach copy) which
// columns; see exactly what sharing the tracker itself exposes; update or stop a share.
import '../../lib/addon.css';
import './style.css';
import { checkCoachEmail } from '../../../core/coach/email.ts';
import type { CoachColumnChoice, CoachMode, CoachResult, CoachRole, CoachSharingState, CoachUpdateResult } from '../../../shared/coach.ts';
import { callServer } from '../../lib/server.ts';
import { byId, clear, el } from '../../lib/dom.ts';
import { pageNotices } from '../../lib/notices.ts';
import { busyCalls } from '../../lib/busy.ts';

declare const google: { script: { host: { close(): void } } };

const form = byId<HTMLFormElement>('form');
const current = byId('current');
const email = byId<HTMLInputElement>('email');
const modeCopy = byId<HTMLInputElement>('mode-copy');
const modeDirect = byId<HTMLInputElement>('mode-direct');
const role = byId<HTMLSelectElement>('role');
const copyOptions = byId('copy-options');
const directOptions = byId('direct-options');
const noTracker = byId('no-tracker');
const trackerProblem = byId('tracker-problem');
const columnsTable = byId('columns');
const columnRows = byId('column-rows');
const warning = byId<HTMLUListElement>('warning');
const warningHeading = byId('warning-heading');
const ack = byId<HTMLInputElement>('ack');
const shareButton = byId<HTMLButtonElement>('share');
const updateButton = byId<HTMLButtonElement>('update');
const stopButton = byId<HTMLButtonElement>('stop');
const forgetButton = byId<HTMLButtonElement>('forget');
const notes = pageNotices();

let state: CoachSharingState | null = null;
let roleChosen = false;
const choices = new Map<string, { share: HTMLInputElement; private: HTMLInputElement }>();

const mode = (): CoachMode => (modeDirect.checked ? 'direct' : 'copy');

function renderColumns(columns: readonly CoachColumnChoice[]): void {
  clear(columnRows);
  choices.clear();
  for (const c of columns) {
    const row = el('tr', undefined, c.lock ? 'locked' : undefined);
    const name = el('td', c.header);
    if (c.lock === 'required') name.title = 'Always shared: the coach’s feedback is matched to your contacts by it.';
    if (c.lock === 'never') name.title = 'Your private notes are never shared.';
    const share = el('input');
    share.type = 'checkbox';
    share.checked = c.shared;
    share.disabled = Boolean(c.lock) || c.private;
    share.setAttribute('aria-label', `Share ${c.header}`);
    const priv = el('input');
    priv.type = 'checkbox';
    priv.checked = c.private;
    priv.disabled = Boolean(c.lock);
    priv.setAttribute('aria-label', `Keep ${c.header} private`);
    priv.addEventListener('change', () => {
      share.disabled = priv.checked;
      if (priv.checked) share.checked = false;
    });
    const shareCell = el('td');
    shareCell.appendChild(share);
    const privCell = el('td');
    privCell.appendChild(priv);
    row.append(name, shareCell, privCell);
    columnRows.appendChild(row);
    if (!c.lock) choices.set(c.id, { share, private: priv });
  }
}

function renderMode(): void {
  const direct = mode() === 'direct';
  copyOptions.hidden = direct;
  directOptions.hidden = !direct;
  if (!roleChosen) role.value = direct ? 'viewer' : 'editor';
  renderWarning();
}

// Until the state has loaded (or when it failed to) there is nothing to list: no "your coach will
// be able to see" without what they would see (nor a table of columns: render shows it).
function renderWarning(): void {
  clear(warning);
  warningHeading.hidden = !state;
  if (!state) return;
  for (const line of state.directWarning[role.value as CoachRole]) warning.appendChild(el('li', line));
}

function render(next: CoachSharingState): void {
  state = next;
  const coach = next.coach;
  current.hidden = !coach;
  clear(current);
  if (coach) {
    const how = coach.mode === 'copy' ? `a coach copy, as ${coach.role}` : `this tracker itself, as ${coach.role}`;
    current.appendChild(document.createTextNode(`Shared with ${coach.email} (${how}). `));
    if (/^https:\/\//.test(coach.url)) {
      const link = el('a', coach.mode === 'copy' ? 'Open the coach view' : 'Open');
      link.setAttribute('href', coach.url);
      link.setAttribute('target', '_blank');
      link.setAttribute('rel', 'noopener');
      current.appendChild(link);
    }
    if (!email.value) email.value = coach.email;
    (coach.mode === 'direct' ? modeDirect : modeCopy).checked = true;
    role.value = coach.role;
    roleChosen = true;
  }
  updateButton.hidden = !coach || coach.mode !== 'copy';
  stopButton.hidden = !coach;
  noTracker.hidden = next.hasTracker;
  // A tracker whose header row cannot be found: what to fix, instead of its columns.
  trackerProblem.textContent = next.trackerProblem ?? '';
  trackerProblem.hidden = next.trackerProblem === null;
  columnsTable.hidden = !next.hasTracker || next.trackerProblem !== null;
  renderColumns(next.columns);
  renderMode();
}

// Without the dialog's state (it failed to load) a share would send no column choices, which the
// server would take as "share none": Share waits for the state.
const busy = busyCalls(notes, (button) => button !== shareButton || state !== null);

async function act(progress: string, what: string, call: () => Promise<CoachResult | CoachUpdateResult>): Promise<void> {
  forgetButton.hidden = true;
  const result = await busy([shareButton, updateButton, stopButton, forgetButton], progress, what, async () => {
    const r = await call();
    // An update sends back only the share it changed.
    if (r.ok && 'state' in r) render(r.state);
    else if (r.ok && state) render({ ...state, coach: r.coach });
    return r;
  });
  if (!result) return;
  if (result.ok) notes.say(result.message, 'ok');
  else {
    notes.error(result.message);
    // Stop could not take the access back: once the user has removed it by hand, they may say so.
    forgetButton.hidden = !('canForget' in result && result.canForget);
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const checked = checkCoachEmail(email.value);
  if (!checked.ok) {
    notes.error(checked.message);
    email.setAttribute('aria-invalid', 'true');
    email.focus();
    return;
  }
  email.removeAttribute('aria-invalid');
  if (mode() === 'direct' && !ack.checked) {
    notes.error('Read what your coach will see, and tick "I understand" to share the tracker itself.');
    ack.focus();
    return;
  }
  if (mode() === 'copy' && state && !state.hasTracker) {
    notes.error('Run Set up tracker first: a coach copy is made from your tracker.');
    return;
  }
  if (mode() === 'copy' && state?.trackerProblem) {
    notes.error(state.trackerProblem);
    return;
  }
  const shared = [...choices].filter(([, c]) => c.share.checked).map(([id]) => id);
  const privateIds = [...choices].filter(([, c]) => c.private.checked).map(([id]) => id);
  void act(mode() === 'copy' ? 'Making the coach copy…' : 'Sharing…', 'Could not share with your coach', () =>
    callServer('shareWithCoachNow', {
      email: checked.email,
      mode: mode(),
      role: role.value as CoachRole,
      shared,
      private: privateIds,
      acknowledged: mode() === 'direct' && ack.checked,
    }),
  );
});

modeCopy.addEventListener('change', renderMode);
modeDirect.addEventListener('change', renderMode);
role.addEventListener('change', () => {
  roleChosen = true;
  renderWarning();
});
updateButton.addEventListener('click', () => void act('Updating the coach view…', 'Could not update the coach view', () => callServer('updateCoachViewNow')));
stopButton.addEventListener('click', () => void act('Stopping…', 'Could not stop sharing', () => callServer('stopSharingWithCoachNow')));
forgetButton.addEventListener(
  'click',
  () => void act('Forgetting this coach…', 'Could not forget this coach', () => callServer('stopSharingWithCoachNow', { forget: true })),
);
byId('close').addEventListener('click', () => google.script.host.close());

const load = async () => {
  render(await callServer('getCoachSharing'));
  return true;
};
void busy(shareButton, 'Loading…', 'Could not read who the tracker is shared with', load).then((loaded) => {
  if (loaded) notes.clear();
});
