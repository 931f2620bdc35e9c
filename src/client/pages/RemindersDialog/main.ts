// The Reminders dialog: the daily digest on or off, its hour and days, the weekly summary's day,
// and the keep-in-touch cadences. The current settings come with the page (printed escaped into
// an attribute by the server and read back as data); Save calls setReminders.
import '../../lib/addon.css';
import './style.css';
import { DAY_NAMES } from '../../../core/reminders/settings.ts';
import type { ReminderSettings, RemindersState } from '../../../shared/reminders.ts';
import { callServer } from '../../lib/server.ts';
import { byId, el } from '../../lib/dom.ts';
import { pageNotices } from '../../lib/notices.ts';
import { busyCalls } from '../../lib/busy.ts';

declare const google: { script: { host: { close(): void } } };

const notes = pageNotices();
const form = byId<HTMLFormElement>('form');
const digest = byId<HTMLInputElement>('digest');
const hour = byId<HTMLSelectElement>('hour');
const weekly = byId<HTMLInputElement>('weekly');
const weeklyDay = byId<HTMLSelectElement>('weekly-day');
const daysBox = byId('days');
const cadenceBox = byId('cadence');
const last = byId('last');
const dayBoxes = new Map<string, HTMLInputElement>();
const cadenceInputs = new Map<string, HTMLInputElement>();

function readState(): RemindersState | null {
  try {
    const state = JSON.parse(byId('state').getAttribute('data-state') ?? '') as RemindersState;
    return state && state.ok && state.settings ? state : null;
  } catch {
    return null;
  }
}

function render(state: RemindersState): void {
  for (let h = 0; h < 24; h++) hour.appendChild(el('option', `${String(h).padStart(2, '0')}:00`)).setAttribute('value', String(h));
  byId('zone').textContent = `(${state.timeZone}${state.email ? `, to ${state.email}` : ''})`;
  for (const day of DAY_NAMES) {
    const box = el('input');
    box.type = 'checkbox';
    box.id = `day-${day}`;
    const label = el('label', day.slice(0, 3), 'inline');
    label.htmlFor = box.id;
    const wrap = el('span', undefined, 'day');
    wrap.append(box, ' ', label, ' ');
    daysBox.appendChild(wrap);
    dayBoxes.set(day, box);
    weeklyDay.appendChild(el('option', day)).setAttribute('value', day);
  }
  for (const relationship of [...state.relationships, '']) {
    const input = el('input');
    input.type = 'number';
    input.min = '0';
    input.max = '104';
    input.step = '1';
    input.id = `cadence-${relationship || 'other'}`;
    input.className = 'weeks';
    const label = el('label', relationship || 'No relationship', 'inline');
    label.htmlFor = input.id;
    const row = el('div');
    row.append(input, ' ', label);
    cadenceBox.appendChild(row);
    cadenceInputs.set(relationship, input);
  }
  show(state.settings);
  if (state.viewOnly) notes.error(state.viewOnly);
  if (state.lastSent) {
    last.textContent = `Last run: ${state.lastSent}`;
    last.hidden = false;
  }
}

function show(s: ReminderSettings): void {
  digest.checked = s.digest;
  hour.value = String(s.hour);
  weekly.checked = s.weekly;
  weeklyDay.value = s.weeklyDay;
  for (const [day, box] of dayBoxes) box.checked = s.days.includes(day as never);
  for (const [relationship, input] of cadenceInputs) input.value = String(s.cadenceWeeks[relationship] ?? '');
}

function collect(): ReminderSettings {
  return {
    digest: digest.checked,
    hour: Number(hour.value),
    days: DAY_NAMES.filter((d) => dayBoxes.get(d)?.checked),
    weekly: weekly.checked,
    weeklyDay: weeklyDay.value as ReminderSettings['weeklyDay'],
    cadenceWeeks: Object.fromEntries([...cadenceInputs].map(([r, input]) => [r, input.value.trim() === '' ? Number.NaN : Number(input.value)])),
  };
}

const state = readState();
if (!state) notes.error('The dialog could not read your settings. Close it and choose Reminders… again.');
else render(state);

const busy = busyCalls(notes);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!state) return;
  void busy(byId<HTMLButtonElement>('save'), 'Saving…', 'Could not save the reminders', async () => {
    const result = await callServer('setReminders', collect());
    if (!result.ok) return notes.error(result.message);
    show(result.settings);
    notes.say(result.message, 'ok');
  });
});
byId('close').addEventListener('click', () => google.script.host.close());
