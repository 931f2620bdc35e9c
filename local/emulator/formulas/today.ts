// TODAY() and NOW() as Sheets computes them: on the wall clock of the spreadsheet's time zone
// (File > Settings), not the machine's. HyperFormula's own versions read the host's local time,
// so a dashboard's "this week" or "due today" would depend on where the tests run.
// The engine's `context` (HyperFormula's config option for custom functions) supplies, per
// spreadsheet, its time zone and the emulator's clock (Runtime.now, which tests can move).

import { CellValueDetailedType, FunctionPlugin, HyperFormula } from 'hyperformula';
import { zonedParts } from '../spreadsheet/tz.ts';

export interface SheetClockContext {
  /** Milliseconds since the epoch, now. */
  now(): number;
  /** The spreadsheet's IANA time zone. */
  timeZone(): string;
}

type RunArgs = Parameters<FunctionPlugin['runFunction']>;
type Result = ReturnType<FunctionPlugin['runFunction']>;

const DAY_SECONDS = 86400;

class SheetClockPlugin extends FunctionPlugin {
  static override implementedFunctions = {
    TODAY: { method: 'today', parameters: [], isVolatile: true, returnNumberType: CellValueDetailedType.NUMBER_DATE },
    NOW: { method: 'now', parameters: [], isVolatile: true, returnNumberType: CellValueDetailedType.NUMBER_DATETIME },
  };

  private wallClock(): { day: number; seconds: number } {
    const context = this.config.context as SheetClockContext | undefined;
    const p = zonedParts(new Date(context ? context.now() : Date.now()), context ? context.timeZone() : 'Etc/UTC');
    return { day: this.dateTimeHelper.dateToNumber({ year: p.year, month: p.month, day: p.day }), seconds: p.hour * 3600 + p.minute * 60 + p.second };
  }

  today(ast: { args: RunArgs[0] }, state: RunArgs[1]): Result {
    return this.runFunction(ast.args, state, this.metadata('TODAY'), () => this.wallClock().day);
  }

  now(ast: { args: RunArgs[0] }, state: RunArgs[1]): Result {
    return this.runFunction(ast.args, state, this.metadata('NOW'), () => {
      const { day, seconds } = this.wallClock();
      return day + seconds / DAY_SECONDS;
    });
  }
}

let registered = false;

/** Replaces TODAY and NOW for every engine built afterwards (HyperFormula's registry is global). */
export function registerSheetClock(): void {
  if (registered) return;
  HyperFormula.registerFunction('TODAY', SheetClockPlugin);
  HyperFormula.registerFunction('NOW', SheetClockPlugin);
  registered = true;
}
