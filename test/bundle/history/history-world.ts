// Shared by the history tests: a contact's story logged through the built bundle.
import { type App, log, tracker } from '../logging/log-world.ts';

/** C-0002 pitched, replied with a day, interviewed (two referrals), and a job interview ahead. */
export function storyOfAmara(): App {
  const app = tracker();
  log(app, 'logPitchSent', { eventId: 'pitch-amara-00001', contactIds: ['C-0002'], date: '2026-01-05', note: 'Sent via email' });
  log(app, 'logReply', { eventId: 'reply-amara-0001', contactIds: ['C-0002'], date: '2026-01-07', note: 'Happy to talk', meetingDate: '2026-01-09' });
  log(app, 'logInterview', {
    eventId: 'interview-amara-01',
    contactIds: ['C-0002'],
    date: '2026-01-09',
    minutes: 30,
    learned: 'Research roles need a PhD.',
    nextStep: 'Read the papers she mentioned',
    referrals: [
      { name: 'Dana Scully', email: 'dana@fbi.example' },
      { name: 'Liam OConnor', email: 'liam.oconnor@example.ie' },
    ],
  });
  return app;
}
