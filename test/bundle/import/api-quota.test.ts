// A Sheets API call refused for quota (429 RESOURCE_EXHAUSTED: the script's Cloud project, which
// every user of a published add-on shares, has a per-minute limit of reads and of writes) applies
// nothing, so the action goes on through SpreadsheetApp as where the service is not enabled,
// instead of failing. The message is Google's (n8n-io/n8n#16750, Sage-Bionetworks/data_curator#110).
import { describe, expect, it } from 'vitest';
import { differenceOf } from '../fault-sweep.ts';
import { emulatorState } from '../../../local/emulator/state.ts';
import { GoogleJsonResponseException } from '../../../local/emulator/services/sheets-api.ts';
import { importOk, tracker, type App } from './import-world.ts';

const QUOTA = (metric: string) =>
  `Quota exceeded for quota metric '${metric} requests' and limit '${metric} requests per minute' of service 'sheets.googleapis.com' for consumer 'project_number:123456789012'.`;

/** The Sheets API answers 429 to `method` from now on, before applying anything. */
function overQuota(app: App, method: 'get' | 'batchUpdate'): void {
  app.emu.rt.beforeCall = (name) => {
    if (name === `Sheets.Spreadsheets.${method}`)
      throw new GoogleJsonResponseException({ code: 429, message: QUOTA(method === 'get' ? 'Read' : 'Write') }, `sheets.spreadsheets.${method}`);
  };
}

describe('Import when the Sheets API answers 429 (quota)', () => {
  it.each([['get'], ['batchUpdate']] as const)('at spreadsheets.%s: the same spreadsheet as without the service', (method) => {
    const refused = tracker(0);
    overQuota(refused, method);
    importOk(refused);
    refused.emu.rt.beforeCall = null;
    const without = tracker(0, { advancedServices: [] });
    importOk(without);
    expect(differenceOf(emulatorState(refused.emu), emulatorState(without.emu))).toBe('');
  });
});
