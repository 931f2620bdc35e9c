// The pitch sidebar: pick a contact and a template, see the message filled and checked, copy
// it or open it in a mail composer, mark it sent, and keep your own details and templates.
// Contact text reaches the page only through textContent (see lib/dom.ts). Each panel is its
// own module over the shared page (page.ts); this file only puts them together.
import '../../lib/addon.css';
import './sidebar.css';
import { $, counts, onRender, state } from './page.ts';
import { renderPreview } from './preview-panel.ts';
import { renderMarkSent, initSend } from './send-panel.ts';
import { renderCalendar, initCalendar } from './calendar-panel.ts';
import { chooseTemplate, fillFieldList, fillTemplateSelect, initTemplates } from './templates-panel.ts';
import { initDetails } from './details-panel.ts';
import { initTransfer } from './transfer-panel.ts';
import { applyUserData, initContact, loadContext, setContact } from './contact-panel.ts';
import { byId } from '../../lib/dom.ts';
import { initHistory, renderHistory } from './history-panel.ts';
import { renderThanks } from './thanks-panel.ts';

function init(): void {
  onRender(renderPreview);
  onRender(renderMarkSent);
  onRender(renderCalendar);
  onRender(renderHistory);
  onRender(renderThanks);
  onRender(() => {
    for (const count of counts) count.update();
  });

  initTemplates();
  initDetails();
  initCalendar();
  applyUserData(byId('user-data'));
  fillTemplateSelect(state.template.id);
  chooseTemplate(state.template.id, false);
  fillFieldList();
  setContact(null, '');
  $.contactName.textContent = 'Loading…';

  initContact();
  initSend();
  initHistory();
  initTransfer();

  void loadContext(null, null);
}

init();
