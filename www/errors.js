// Showing and clearing a form's input problems.

import { $, fill, h } from './dom.js';
import { state, tr } from './state.js';
import { controlFor } from './referral.js';

export function clearError(prefix) {
  fill($(`${prefix}-error`));
  for (const el of $(`${prefix}-form`).querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    if (el.dataset.describedby !== undefined) {
      if (el.dataset.describedby) el.setAttribute('aria-describedby', el.dataset.describedby);
      else el.removeAttribute('aria-describedby');
      delete el.dataset.describedby;
    }
  }
}

export function showError(prefix, problem, technical, focus) {
  clearError(prefix);
  const box = $(`${prefix}-error`);
  fill(box,
    h('p', { class: 'error-title' }, tr('errorTitle')),
    h('p', { class: 'error-text', 'data-field': problem.field || null }, problem.text),
    technical ? h('p', { class: 'error-detail' }, `${tr('errorTechnical')} `, h('span', { lang: 'en' }, technical)) : null,
  );
  const control = controlFor(prefix, problem.field);
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    control.dataset.describedby = control.getAttribute('aria-describedby') ?? '';
    control.setAttribute('aria-describedby', `${control.dataset.describedby} ${prefix}-error`.trim());
    const details = control.closest('details');
    if (details) details.open = true;
    if (focus) control.focus();
  }
  const out = $(`${prefix}-output`);
  fill(out, h('p', { class: 'placeholder' }, tr(prefix === 'gp' ? 'placeholderGp' : 'placeholderSw')));
  out.dataset.state = 'error';
  state.forms[prefix].last = null;
}
