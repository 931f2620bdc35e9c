// Type check only (nothing imports this file, so it is not in the bundle): every function the
// pages call (src/shared/api.ts) is an entry point of main.ts with that signature. A type error
// here names the function that drifted.
import type { ServerApi } from '../shared/api.ts';
import type * as EntryPoints from './main.ts';

export const ENTRY_POINTS_SERVE_THE_PAGES: ServerApi = null as unknown as typeof EntryPoints;
