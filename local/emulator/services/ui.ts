// SpreadsheetApp.getUi(): menus, alerts, prompts, sidebars and dialogs, recorded in a UiRecorder
// so tests can see what the user would see and script the user's answers.
//
// Pinned behaviours (sources):
// - Menus can be built in AuthMode.NONE; other services cannot be used there.
//   https://developers.google.com/apps-script/reference/script/auth-mode (onOpen example)
// - Add-on sidebars are 300 px wide.
//   https://developers.google.com/workspace/add-ons/concepts/dialogs
// - alert(prompt) shows a single OK button; Button.CLOSE is the title-bar close button present in
//   every dialog. https://developers.google.com/apps-script/reference/base/ui and .../base/button
// - A toast without a timeout lasts 5 seconds.
//   https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#toast(String,String,Number)

import { EmulatorError, RT, instrument, type GasShape, type Runtime } from '../runtime.ts';
import type { EmuHtmlOutput } from './html.ts';

export const Button = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' } as const;
export type ButtonName = keyof typeof Button;
export const ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' } as const;
export type ButtonSetName = keyof typeof ButtonSet;

const BUTTONS_IN: Record<ButtonSetName, ButtonName[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export const SIDEBAR_WIDTH = 300;
export const DEFAULT_TOAST_SECONDS = 5;

export type MenuEntry =
  { type: 'item'; caption: string; functionName: string } | { type: 'separator' } | { type: 'submenu'; caption: string; items: MenuEntry[] };

export interface RecordedMenu {
  title: string;
  /** True for Ui.createAddonMenu(): shown under Extensions with the add-on's name. */
  addon: boolean;
  items: MenuEntry[];
}
export interface RecordedAlert {
  title: string;
  prompt: string;
  buttons: ButtonSetName;
  answer: ButtonName;
}
export interface RecordedPrompt extends RecordedAlert {
  text: string;
}
export interface RecordedPanel {
  title: string;
  width: number;
  /** null for sidebars, which take the editor's height. */
  height: number | null;
  html: string;
}
export interface RecordedDialog extends RecordedPanel {
  modal: boolean;
}
export interface RecordedToast {
  message: string;
  title: string;
  timeoutSeconds: number;
}

/** An answer to the next alert or prompt: a button, or for prompts a button and the typed text. */
export type ScriptedAnswer = ButtonName | { button: ButtonName; text?: string };

/** An alert or prompt as the user sees it. */
export interface AskedQuestion {
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  buttons: ButtonSetName;
}

/** What the user would see, and the answers they will give. Plain object: not a service. */
export class UiRecorder {
  menus: RecordedMenu[] = [];
  alerts: RecordedAlert[] = [];
  prompts: RecordedPrompt[] = [];
  sidebars: RecordedPanel[] = [];
  dialogs: RecordedDialog[] = [];
  toasts: RecordedToast[] = [];
  private queue: ScriptedAnswer[] = [];
  /**
   * Asked for the answer when no scripted answer is queued (the local workbench blocks here until
   * its user clicks a button). Unset, an OK-only alert answers OK and anything else throws.
   */
  onQuestion?: (question: AskedQuestion) => ScriptedAnswer;

  /** Queues the user's answers to the next alerts/prompts, in order. */
  answer(...answers: ScriptedAnswer[]): this {
    for (const a of answers) {
      const button = typeof a === 'string' ? a : a?.button;
      if (!(button in Button)) throw new EmulatorError(`Unknown button ${JSON.stringify(button)} in a scripted answer.`);
    }
    this.queue.push(...answers);
    return this;
  }

  get pendingAnswers(): number {
    return this.queue.length;
  }

  /** Called by Spreadsheet.toast(msg, title, timeoutSeconds). */
  recordToast(message: unknown, title?: unknown, timeoutSeconds?: number | null): void {
    this.toasts.push({
      message: String(message),
      title: title == null ? '' : String(title),
      timeoutSeconds: timeoutSeconds == null ? DEFAULT_TOAST_SECONDS : timeoutSeconds,
    });
  }

  menu(title: string): RecordedMenu | undefined {
    return this.menus.find((m) => m.title === title);
  }

  /** Forgets everything shown and every unused answer. */
  reset(): void {
    this.menus = [];
    this.alerts = [];
    this.prompts = [];
    this.sidebars = [];
    this.dialogs = [];
    this.toasts = [];
    this.queue = [];
  }

  takeAnswer(): ScriptedAnswer | undefined {
    return this.queue.shift();
  }
}

type InternalEntry = { type: 'item'; caption: string; functionName: string } | { type: 'separator' } | { type: 'submenu'; menu: EmuMenu };

export class EmuMenu implements GasShape<GoogleAppsScript.Base.Menu, keyof GoogleAppsScript.Base.Menu> {
  readonly [RT]: Runtime;
  private readonly entries: InternalEntry[] = [];

  constructor(
    rt: Runtime,
    private readonly recorder: UiRecorder,
    readonly title: string,
    readonly addon: boolean,
  ) {
    this[RT] = rt;
  }

  addItem(caption: string, functionName: string): this {
    if (typeof functionName !== 'string' || functionName === '') {
      throw new EmulatorError(`Menu item ${JSON.stringify(caption)} needs the name of a function, got ${JSON.stringify(functionName)}.`);
    }
    this.entries.push({ type: 'item', caption: String(caption), functionName });
    return this;
  }
  addSeparator(): this {
    this.entries.push({ type: 'separator' });
    return this;
  }
  addSubMenu(menu: EmuMenu): this {
    this.entries.push({ type: 'submenu', menu });
    return this;
  }
  /** Running onOpen again replaces the menu of the same title, as reopening the file does. */
  addToUi(): void {
    const menu: RecordedMenu = { title: this.title, addon: this.addon, items: this._snapshot() };
    const at = this.recorder.menus.findIndex((m) => m.title === menu.title && m.addon === menu.addon);
    if (at >= 0) this.recorder.menus[at] = menu;
    else this.recorder.menus.push(menu);
  }

  _snapshot(): MenuEntry[] {
    return this.entries.map((e) => (e.type === 'submenu' ? { type: 'submenu', caption: e.menu.title, items: e.menu._snapshot() } : { ...e }));
  }
}

export class EmuPromptResponse implements GasShape<GoogleAppsScript.Base.PromptResponse, 'getResponseText'> {
  readonly [RT]: Runtime;
  constructor(
    rt: Runtime,
    private readonly text: string,
    private readonly button: ButtonName,
  ) {
    this[RT] = rt;
  }
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): ButtonName {
    return this.button;
  }
}

export interface UiOptions {
  /** Title of the menu made by createAddonMenu() (the add-on's name). */
  addonName?: string;
}

// alert/prompt return the emulator's string-valued Button, so only these members are checked
// against @types/google-apps-script.
export class EmuUi implements GasShape<GoogleAppsScript.Base.Ui, 'createMenu' | 'createAddonMenu' | 'showSidebar' | 'showModalDialog' | 'showModelessDialog'> {
  readonly [RT]: Runtime;
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  private readonly addonName: string;

  constructor(
    rt: Runtime,
    readonly recorder: UiRecorder,
    options: UiOptions = {},
  ) {
    this[RT] = rt;
    this.addonName = options.addonName ?? 'Add-on';
  }

  createMenu(caption: string): EmuMenu {
    if (typeof caption !== 'string' || caption === '') throw new EmulatorError('createMenu needs a caption.');
    return new EmuMenu(this[RT], this.recorder, caption, false);
  }
  createAddonMenu(): EmuMenu {
    return new EmuMenu(this[RT], this.recorder, this.addonName, true);
  }

  alert(prompt: string): ButtonName;
  alert(prompt: string, buttons: ButtonSetName): ButtonName;
  alert(title: string, prompt: string, buttons: ButtonSetName): ButtonName;
  alert(...args: unknown[]): ButtonName {
    const q = this._question('alert', args);
    const scripted = this.recorder.takeAnswer() ?? this.recorder.onQuestion?.({ kind: 'alert', ...q });
    let answer: ButtonName;
    if (scripted === undefined) {
      if (q.buttons !== 'OK') throw this._unscripted('alert', q);
      answer = 'OK';
    } else answer = this._check('alert', q, typeof scripted === 'string' ? scripted : scripted.button);
    this.recorder.alerts.push({ ...q, answer });
    return answer;
  }

  prompt(prompt: string): EmuPromptResponse;
  prompt(prompt: string, buttons: ButtonSetName): EmuPromptResponse;
  prompt(title: string, prompt: string, buttons: ButtonSetName): EmuPromptResponse;
  prompt(...args: unknown[]): EmuPromptResponse {
    const q = this._question('prompt', args);
    const scripted = this.recorder.takeAnswer() ?? this.recorder.onQuestion?.({ kind: 'prompt', ...q });
    if (scripted === undefined) throw this._unscripted('prompt', q);
    const answer = this._check('prompt', q, typeof scripted === 'string' ? scripted : scripted.button);
    const text = typeof scripted === 'string' ? '' : (scripted.text ?? '');
    this.recorder.prompts.push({ ...q, answer, text });
    return new EmuPromptResponse(this[RT], text, answer);
  }

  showSidebar(userInterface: EmuHtmlOutput): void {
    this.recorder.sidebars.push({ title: userInterface.getTitle(), width: SIDEBAR_WIDTH, height: null, html: userInterface.getContent() });
  }
  showModalDialog(userInterface: EmuHtmlOutput, title: string): void {
    this._dialog(userInterface, title, true);
  }
  showModelessDialog(userInterface: EmuHtmlOutput, title: string): void {
    this._dialog(userInterface, title, false);
  }

  _dialog(output: EmuHtmlOutput, title: string, modal: boolean): void {
    this.recorder.dialogs.push({ modal, title: String(title), width: output.getWidth(), height: output.getHeight(), html: output.getContent() });
  }

  _question(kind: string, args: unknown[]): { title: string; prompt: string; buttons: ButtonSetName } {
    const [title, prompt, buttons] = args.length >= 3 ? [args[0], args[1], args[2]] : args.length === 2 ? ['', args[0], args[1]] : ['', args[0], 'OK'];
    if (typeof buttons !== 'string' || !(buttons in ButtonSet)) {
      throw new EmulatorError(`Ui.${kind} needs a ButtonSet (ui.ButtonSet.OK, OK_CANCEL, YES_NO or YES_NO_CANCEL), got ${JSON.stringify(buttons)}.`);
    }
    return { title: String(title), prompt: String(prompt), buttons: buttons as ButtonSetName };
  }

  _check(kind: string, q: { prompt: string; buttons: ButtonSetName }, button: ButtonName): ButtonName {
    if (button !== 'CLOSE' && !BUTTONS_IN[q.buttons].includes(button)) {
      throw new EmulatorError(`The scripted answer ${button} is not a button of the ${kind} "${q.prompt}" (ButtonSet.${q.buttons}).`);
    }
    return button;
  }

  _unscripted(kind: string, q: { title: string; prompt: string; buttons: ButtonSetName }): EmulatorError {
    const shown = q.title ? `${q.title}: ${q.prompt}` : q.prompt;
    return new EmulatorError(`Unanswered ${kind} "${shown}" (ButtonSet.${q.buttons}): script the user's answer with recorder.answer(...) before this call.`);
  }
}

instrument(EmuUi, 'Ui', ['createMenu', 'createAddonMenu']);
instrument(EmuMenu, 'Menu', ['addItem', 'addSeparator', 'addSubMenu', 'addToUi']);
instrument(EmuPromptResponse, 'PromptResponse');
