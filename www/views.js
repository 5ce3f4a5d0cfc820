// The three views (tabs), the hand-over from the GP view to the social worker, and the Regio view's
// own module, fetched the first time that view opens.

import { $, fill, h } from './dom.js';
import { state, L, tr } from './state.js';
import { update } from './compute.js';
import { closeRecept } from './recept.js';

export const VIEWS = ['gp', 'sw', 'regio'];

export function selectView(name, focusTab = false) {
  closeRecept(false);
  for (const v of VIEWS) {
    const tab = $(`tab-${v}`);
    tab.setAttribute('aria-selected', String(v === name));
    $(`view-${v}`).hidden = v !== name;
  }
  if (focusTab) $(`tab-${name}`).focus();
  if (name === 'regio') openRegioView();
}

/** The GP's referral goes to the social-worker form (resident fields and areas), which recomputes. */
export function transferToSw() {
  for (const id of ['age', 'postcode', 'text']) $(`sw-${id}`).value = $(`gp-${id}`).value;
  $('sw-municipality').value = $('gp-municipality').value;
  $('sw-consent').checked = $('gp-consent').checked;
  for (const a of state.areas) {
    const on = $(`gp-area-${a.id}`).checked;
    $(`sw-area-${a.id}`).checked = on;
    $(`sw-sev-${a.id}`).value = $(`gp-sev-${a.id}`).value;
    $(`sw-sev-${a.id}`).hidden = !on;
  }
  state.forms.sw.id = state.forms.gp.id;
  state.forms.sw.engaged = true;
  selectView('sw');
  update('sw', 'refresh');
  $('sw-results-title').focus();
}

// The Regio view brings its own module and wasm (www/regio.js, www/pkg-eval/): fetched the first time
// the view opens, never for the GP and social-worker views.
let regio = null;

/** The Regio module once it is loaded (undefined before), e.g. to pass on a language change. */
export const regioModule = () => regio;

function openRegioView() {
  if (regio) return;
  regio = import('./regio.js')
    .then(async (m) => {
      await m.openRegio({ lang: L(), today: state.today });
      $('regio-loading').hidden = true;
      return m;
    })
    .catch((e) => {
      fill($('regio-loading'), h('span', { class: 'map-error' }, tr('regioFailed', { msg: e.message || String(e) })));
      regio = null;
    });
}
