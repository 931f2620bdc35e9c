// Deterministic made-up contacts for benchmarks and tests: realistic names, companies and
// roles, with the blanks and duplicates real exports have.

const FIRST = [
  'Ada',
  'Grace',
  'Alan',
  'Katherine',
  'Linus',
  'Margaret',
  'Tim',
  'Radia',
  'Dennis',
  'Barbara',
  'Ken',
  'Frances',
  'Guido',
  'Hedy',
  'José',
  'Mei',
  'Søren',
  'Aiyana',
  'Chidi',
  'Priya',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Johnson',
  'Torvalds',
  'Hamilton',
  'Berners-Lee',
  'Perlman',
  'Ritchie',
  'Liskov',
  'Thompson',
  'Allen',
  'van Rossum',
  'Lamarr',
  'García',
  'Chen',
  'Kierkegaard',
  'Redcloud',
  'Okafor',
  'Natarajan',
];
const COMPANIES = [
  'Northwind Labs',
  'Contoso Health',
  'Fabrikam',
  'Globex',
  'Initech',
  'Umbrella Analytics',
  'Acme Energy',
  'Wayne Foundation',
  'Stark Design',
  'Tyrell Bio',
];
const TITLES = [
  'Product Manager',
  'Data Analyst',
  'UX Researcher',
  'Software Engineer',
  'Program Officer',
  'Policy Advisor',
  'Clinical Researcher',
  'Marketing Lead',
  'Consultant',
  'Teacher',
];
const MET = ['Alumni event', 'Class of 2019', 'Internship', 'Friend of a friend', 'Conference', 'LinkedIn', ''];

/** A seeded generator (mulberry32), so every run makes the same data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const HAND_MADE_HEADER = ['Name', 'Email', 'Company', 'Title', 'How we met', 'Notes'];

/** `n` rows of a hand-made contacts sheet (header first). */
export function handMadeContacts(n: number, seed = 1): string[][] {
  const rnd = random(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const rows: string[][] = [HAND_MADE_HEADER];
  for (let i = 0; i < n; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const company = pick(COMPANIES);
    const email = rnd() < 0.7 ? `${first}.${last}.${i}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, '') : '';
    rows.push([`${first} ${last}`, email, company, pick(TITLES), pick(MET), rnd() < 0.2 ? 'Met briefly; follow up in spring' : '']);
  }
  return rows;
}

export function toCsv(rows: string[][]): string {
  return rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';
}

/**
 * An export to import into a tracker made from handMadeContacts(n): the tracker's first `known`
 * contacts again, bringing details the tracker lacks (so the import fills their empty cells),
 * then `n` people the tracker does not have (a middle initial and their own email domain keep
 * them from matching anyone). The same `known` contacts at every `n`, so the work an import
 * does beyond adding rows is the same at every size.
 */
export function importExport(n: number, known = 20): string[][] {
  const tracker = handMadeContacts(Math.max(n, known));
  const rows: string[][] = [[...HAND_MADE_HEADER, 'Phone']];
  for (let i = 1; i <= known; i++) {
    const [name, email, company, title, met, notes] = tracker[i];
    rows.push([name, email, company, title, met || 'Conference', notes || 'Asked about internships', `+1 555 01${String(i).padStart(2, '0')}`]);
  }
  for (const [name, email, company, title, met, notes] of handMadeContacts(n, 2).slice(1)) {
    rows.push([name.replace(' ', ' Q. '), email.replace('@example.com', '@new.example.org'), company, title, met, notes, '']);
  }
  return rows;
}
