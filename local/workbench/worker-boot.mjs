// Worker threads do not inherit the `--import tsx` loader of the main thread, so the worker
// registers it before loading its TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
