// The calendar panel: the question bank, the agenda drawn from it, and a calendar link for the
// interview with the agenda in its details.
import { agendaText } from '../../../core/pitch/questions.ts';
import { calendarUrl } from '../../../core/pitch/links.ts';
import { $, copyAndSay, notes, state } from './page.ts';
import { setLink } from './preview.ts';
import { buildQuestions } from './questions-panel.ts';

let pickedQuestions: () => string[] = () => [];

export function renderCalendar(): void {
  const c = state.contact;
  const agenda = agendaText(pickedQuestions(), { name: c?.name });
  const details = [c?.company && `${c.name}, ${c.company}`, c?.email, agenda].filter(Boolean).join('\n');
  const url = c
    ? calendarUrl({ date: $.calDate.value, time: $.calTime.value, title: `Informational interview: ${c.name}`, details, timeZone: state.timeZone || undefined })
    : null;
  setLink($.calendar, url);
}

export function initCalendar(): void {
  pickedQuestions = buildQuestions($.questions);
  $.copyAgenda.addEventListener('click', () => {
    const text = agendaText(pickedQuestions(), { name: state.contact?.name, date: $.calDate.value || undefined });
    if (!text) notes.error('Pick at least one question first.');
    else void copyAndSay(text, 'agenda');
  });
  $.questions.addEventListener('change', renderCalendar);
  $.calDate.addEventListener('input', renderCalendar);
  $.calTime.addEventListener('input', renderCalendar);
}
