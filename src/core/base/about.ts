// The text of the About box, kept out of the server code so it can be tested and reused.
export const ABOUT_TITLE = 'Informational Interview Tracker';

export const ABOUT_TEXT = [
  'Turns your contacts sheet into a tracker for informational interviews: short conversations',
  'with people in a field you want to learn about.',
  '',
  'It works only inside this spreadsheet. It never sends email for you and never shares the',
  'sheet unless you ask it to.',
].join('\n');
