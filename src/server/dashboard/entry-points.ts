// Entry points of the Dashboard, re-exported by main.ts: Build dashboard.

import type { DashboardResult } from '../../shared/types.ts';
import { menuAction } from '../base/entry-point.ts';
import { buildDashboard } from './dashboard.ts';

/** Menu: Build dashboard. Builds the Dashboard sheet, or rebuilds and repairs it; never changes its settings. */
export function refreshDashboard(): DashboardResult {
  // A build without errors says so in a toast (buildDashboard); anything else in an alert.
  const result: DashboardResult = menuAction(() => buildDashboard({ activate: true, report: true }), { lock: true });
  if (!result.ok || result.errors.length) {
    const ui = SpreadsheetApp.getUi();
    ui.alert('Build dashboard', result.message, ui.ButtonSet.OK);
  }
  return result;
}
