// Worker threads do not inherit the `--import tsx` loader of the main thread, so the worker
// registers it before loading its TypeScript entry: the workbook's worker (worker.ts), or the
// module `workerData.entry` names (the workbench bench, which runs in a thread like it).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData?.entry ?? './worker.ts');
