// Pins Ui behaviour: menus (also in AuthMode.NONE), alerts/prompts with scripted answers, sidebars
// and dialogs. Sources are cited per case.
import { describe, expect, it } from 'vitest';
import { EmulatorError, Runtime } from '../../local/emulator/runtime.ts';
import { EmuUi, UiRecorder } from '../../local/emulator/services/ui.ts';
import { EmuHtmlOutput } from '../../local/emulator/services/html.ts';

function setup() {
  const rt = new Runtime();
  const recorder = new UiRecorder();
  return { rt, recorder, ui: new EmuUi(rt, recorder, { addonName: 'Interview Tracker' }) };
}

describe('menus', () => {
  // https://developers.google.com/apps-script/reference/script/auth-mode: the onOpen example builds an
  // add-on menu "(works in all authorization modes)" while PropertiesService "doesn't work in AuthMode.NONE".
  it('createAddonMenu / addItem / addSeparator / addSubMenu / addToUi work in AuthMode.NONE', () => {
    const { rt, recorder, ui } = setup();
    rt.authMode = 'NONE';
    const sub = ui.createMenu('Export').addItem('As CSV', 'exportCsv');
    ui.createAddonMenu().addItem('Open tracker', 'showSidebar').addSeparator().addSubMenu(sub).addToUi();
    expect(recorder.menus).toEqual([
      {
        title: 'Interview Tracker',
        addon: true,
        items: [
          { type: 'item', caption: 'Open tracker', functionName: 'showSidebar' },
          { type: 'separator' },
          { type: 'submenu', caption: 'Export', items: [{ type: 'item', caption: 'As CSV', functionName: 'exportCsv' }] },
        ],
      },
    ]);
    expect(rt.calls.get('Menu.addItem')).toBe(2);
  });

  it('running onOpen again replaces the menu of the same title', () => {
    const { recorder, ui } = setup();
    ui.createAddonMenu().addItem('Start', 'start').addToUi();
    ui.createAddonMenu().addItem('Status', 'status').addToUi();
    ui.createMenu('Tools').addItem('X', 'x').addToUi();
    expect(recorder.menus.map((m) => m.title)).toEqual(['Interview Tracker', 'Tools']);
    expect(recorder.menu('Interview Tracker')!.items).toEqual([{ type: 'item', caption: 'Status', functionName: 'status' }]);
  });

  it('a menu item needs a function name', () => {
    const { ui } = setup();
    expect(() => ui.createMenu('M').addItem('Broken', undefined as unknown as string)).toThrow(EmulatorError);
  });

  it('alerts, prompts and sidebars are refused in AuthMode.NONE', () => {
    const { rt, ui } = setup();
    rt.authMode = 'NONE';
    expect(() => ui.alert('hi')).toThrow(/permission/);
    expect(() => ui.showSidebar(new EmuHtmlOutput(rt, 'x'))).toThrow(/permission/);
  });
});

describe('alerts and prompts', () => {
  // https://developers.google.com/apps-script/reference/base/ui#alert(String): a dialog with an "OK" button.
  it('alert(prompt) with no scripted answer returns OK and is recorded', () => {
    const { recorder, ui } = setup();
    expect(ui.alert('Saved 3 contacts')).toBe(ui.Button.OK);
    expect(recorder.alerts).toEqual([{ title: '', prompt: 'Saved 3 contacts', buttons: 'OK', answer: 'OK' }]);
  });

  it('a question the test did not answer fails loudly, naming it', () => {
    const { ui } = setup();
    expect(() => ui.alert('Delete?', 'Delete 3 rows?', ui.ButtonSet.YES_NO)).toThrow(/Delete\?: Delete 3 rows\?/);
    expect(() => ui.prompt('Your name?')).toThrow(EmulatorError);
  });

  it('scripted answers are used in order; all three overloads work', () => {
    const { recorder, ui } = setup();
    recorder.answer('YES', 'CANCEL');
    expect(ui.alert('Title', 'Proceed?', ui.ButtonSet.YES_NO)).toBe('YES');
    expect(ui.alert('Proceed?', ui.ButtonSet.OK_CANCEL)).toBe('CANCEL');
    expect(recorder.alerts.map((a) => [a.title, a.prompt, a.buttons])).toEqual([
      ['Title', 'Proceed?', 'YES_NO'],
      ['', 'Proceed?', 'OK_CANCEL'],
    ]);
  });

  // https://developers.google.com/apps-script/reference/base/button: CLOSE is in every dialog's title bar.
  it('CLOSE is a valid answer to any dialog; a button not in the set is a test mistake', () => {
    const { recorder, ui } = setup();
    recorder.answer('CLOSE', 'NO');
    expect(ui.alert('A', 'B', ui.ButtonSet.OK)).toBe('CLOSE');
    expect(() => ui.alert('A', 'B', ui.ButtonSet.OK_CANCEL)).toThrow(/not a button/);
  });

  it('prompt returns the typed text and the button', () => {
    const { recorder, ui } = setup();
    recorder.answer({ button: 'OK', text: 'Ada Lovelace' });
    const r = ui.prompt('Add contact', 'Name:', ui.ButtonSet.OK_CANCEL);
    expect(r.getResponseText()).toBe('Ada Lovelace');
    expect(r.getSelectedButton()).toBe(ui.Button.OK);
    expect(recorder.prompts[0]).toMatchObject({ title: 'Add contact', prompt: 'Name:', text: 'Ada Lovelace', answer: 'OK' });
  });

  it('unknown scripted buttons are rejected when queued', () => {
    expect(() => new UiRecorder().answer('MAYBE' as never)).toThrow(EmulatorError);
  });
});

describe('sidebars, dialogs and toasts', () => {
  // https://developers.google.com/workspace/add-ons/concepts/dialogs: sidebars are 300 px wide.
  it('a sidebar is 300 px wide whatever setWidth says, and keeps its title and HTML', () => {
    const { rt, recorder, ui } = setup();
    ui.showSidebar(new EmuHtmlOutput(rt, '<p>Hi</p>').setTitle('Tracker').setWidth(800));
    expect(recorder.sidebars).toEqual([{ title: 'Tracker', width: 300, height: null, html: '<p>Hi</p>' }]);
  });

  it('dialogs record their size and title', () => {
    const { rt, recorder, ui } = setup();
    ui.showModalDialog(new EmuHtmlOutput(rt, 'x').setWidth(500).setHeight(200), 'Import');
    ui.showModelessDialog(new EmuHtmlOutput(rt, 'y'), 'Help');
    expect(recorder.dialogs).toEqual([
      { modal: true, title: 'Import', width: 500, height: 200, html: 'x' },
      { modal: false, title: 'Help', width: 600, height: 450, html: 'y' },
    ]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#toast(String,String,Number): default 5 s.
  it('recordToast defaults the timeout to 5 seconds', () => {
    const recorder = new UiRecorder();
    recorder.recordToast('Done');
    recorder.recordToast('Saved', 'Tracker', -1);
    expect(recorder.toasts).toEqual([
      { message: 'Done', title: '', timeoutSeconds: 5 },
      { message: 'Saved', title: 'Tracker', timeoutSeconds: -1 },
    ]);
  });
});
