// Accessibility of the page in headless Chromium: axe-core (no serious or critical violations) in both
// views, both languages, with results, errors and the welzijnsrecept; keyboard-only use of both forms;
// responsive layout at 1280 and 400 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEnv, withPage, fillReferral, rendersOf, waitRender, suggestionList, until, tabTo, axe } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

async function gpWithResult(page) {
  await fillReferral(page, 'gp', {
    age: 79, consent: true, municipality: 'Leiden', areas: [{ area: 'loneliness', severity: 3 }],
    text: 'Weduwe, voelt zich eenzaam.',
  });
  const before = await rendersOf(page, 'gp');
  await page.click('#gp-submit');
  await waitRender(page, 'gp', before);
}

async function swWithResult(page) {
  await page.click('#tab-sw');
  await fillReferral(page, 'sw', { age: 70, consent: true, municipality: 'Leiden', areas: [{ area: 'loneliness', severity: 2 }, { area: 'transport_housing_household', severity: 2 }] });
  const before = await rendersOf(page, 'sw');
  await page.click('#sw-submit');
  await waitRender(page, 'sw', before);
}

for (const lang of ['nl', 'en']) {
  test(`axe: no serious or critical violations, both views, errors and recept (${lang})`, async () => {
    await withPage(env, { lang }, async ({ page }) => {
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      await axe(page, `${lang} GP empty`);
      await page.locator('#gp-dkl-details > summary').click();
      await page.locator('#gp-ph-details > summary').click();
      await gpWithResult(page);
      await axe(page, `${lang} GP with result`);
      await page.fill('#gp-age', '150');
      await page.click('#gp-submit');
      await until(async () => (await page.locator('#gp-error').innerText()).includes('150'), { message: 'error shown' });
      await axe(page, `${lang} GP with error`);
      await swWithResult(page);
      assert.ok((await suggestionList(page)).length > 0);
      await axe(page, `${lang} social worker with suggestions`);
      await page.locator('#sw-list button[data-recept]').first().click();
      await page.locator('#recept').waitFor();
      await axe(page, `${lang} welzijnsrecept`);
    });
  });
}

test('keyboard only (Tab, Shift+Tab, Space, Enter): GP form to a route, on to the social worker, a recept and back', async () => {
  await withPage(env, {}, async ({ page }) => {
    const kb = page.keyboard;
    // The skip link is the first stop and moves focus to the main content.
    await kb.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
    assert.ok(await page.locator('.skip-link').isVisible(), 'skip link visible on focus');
    await kb.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main');

    await tabTo(page, '#gp-age');
    await kb.type('67');
    await tabTo(page, '#gp-postcode');
    await kb.type('2316');
    await tabTo(page, '#gp-consent');
    await kb.press('Space');
    await tabTo(page, '#gp-area-carer_strain');
    await kb.press('Space');
    await kb.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'gp-sev-carer_strain', 'severity follows its checkbox');
    await tabTo(page, '#gp-text');
    await kb.type('Zorgt voor haar man met dementie en is overbelast.');
    // Focus styles are visible.
    const outline = await page.$eval('#gp-text', (el) => getComputedStyle(el).outlineStyle);
    assert.notEqual(outline, 'none');
    await tabTo(page, '#gp-submit');
    await kb.press('Enter');
    await until(() => page.evaluate(() => document.querySelector('#gp-route')?.dataset.route === 'wor'), { message: 'wor route by keyboard' });
    assert.equal(await page.evaluate(() => document.activeElement.id), 'gp-results-title');
    const areas = await page.$$eval('#gp-areas-found li', (lis) => lis.map((li) => li.dataset.area));
    assert.ok(areas.includes('carer_strain'), areas.join(','));

    // On to the social worker.
    await tabTo(page, '#gp-to-sw');
    await kb.press('Enter');
    assert.ok(await page.locator('#view-sw').isVisible());
    await until(async () => (await suggestionList(page)).length > 0, { message: 'suggestions' });
    const before = await rendersOf(page, 'sw');
    const first = await suggestionList(page);
    // Back up into the preferences with Shift+Tab and tick a time of day with Space: re-ranks at once.
    await tabTo(page, '#sw-time-afternoon', { back: true });
    await kb.press('Space');
    await waitRender(page, 'sw', before);
    assert.ok(await page.isChecked('#sw-time-afternoon'));
    const afternoon = await suggestionList(page);
    assert.ok(afternoon.length > 0 && first.length > 0);

    await tabTo(page, '#sw-list button[data-recept]');
    const chosen = await page.evaluate(() => document.activeElement.dataset.recept);
    await kb.press('Enter');
    await page.locator('#recept').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'recept-title');
    assert.ok((await page.locator('#recept-paper').innerText()).includes(await page.locator('#recept-name').innerText()));
    await tabTo(page, '#recept-back', { back: true });
    await kb.press('Enter');
    assert.ok(await page.locator('#recept').isHidden());
    assert.equal(await page.evaluate(() => document.activeElement.dataset.recept), chosen);
  });
});

test('keyboard only: the tabs, then the social-worker form from scratch', async () => {
  await withPage(env, {}, async ({ page }) => {
    const kb = page.keyboard;
    await tabTo(page, '#tab-sw');
    await kb.press('Enter');
    assert.equal(await page.getAttribute('#tab-sw', 'aria-selected'), 'true');
    assert.ok(await page.locator('#view-sw').isVisible());
    await tabTo(page, '#sw-age');
    await kb.type('58');
    await tabTo(page, '#sw-postcode');
    await kb.type('2151');
    await tabTo(page, '#sw-consent');
    await kb.press('Space');
    await tabTo(page, '#sw-area-work_reintegration');
    await kb.press('Space');
    await tabTo(page, '#sw-wheelchair');
    await kb.press('Space');
    await tabTo(page, '#sw-submit');
    await kb.press('Enter');
    const list = await until(async () => {
      const l = await suggestionList(page);
      return l.length ? l : null;
    }, { message: 'suggestions by keyboard' });
    assert.ok(list.length > 0);
    const stamp = await page.$eval('#sw-output .stamp', (el) => el.dataset.region);
    assert.equal(stamp, 'haarlemmermeer');
    const why = await page.$$eval('#sw-list > li', (lis) => lis.map((li) => [...li.querySelectorAll('.why li')].map((x) => x.dataset.code)));
    for (const codes of why) assert.ok(codes.includes('wheelchair'), 'every suggestion is wheelchair accessible');
    // Shift+Tab back to the tabs and Space switches to the GP view.
    await tabTo(page, '#tab-gp', { back: true, max: 200 });
    await kb.press('Space');
    assert.ok(await page.locator('#view-gp').isVisible());
  });
});

test('responsive: 1280 and 400 px wide without horizontal scrolling (screenshots in the temp dir)', async () => {
  for (const width of [1280, 400]) {
    await withPage(env, { width, height: 900 }, async ({ page }) => {
      await gpWithResult(page);
      let overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `GP view at ${width}px scrolls sideways by ${overflow}px`);
      await page.screenshot({ path: path.join(tmpdir(), `wor-gp-${width}.png`), fullPage: true });
      await swWithResult(page);
      overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `social-worker view at ${width}px scrolls sideways by ${overflow}px`);
      await page.screenshot({ path: path.join(tmpdir(), `wor-sw-${width}.png`), fullPage: true });
      // Both columns side by side when wide, stacked when narrow.
      const [form, results] = await Promise.all(['#sw-form', '#sw-results'].map((s) => page.locator(s).boundingBox()));
      if (width >= 1280) assert.ok(results.x > form.x + form.width - 1, 'side by side at 1280px');
      else assert.ok(results.y >= form.y + form.height - 1, 'stacked at 400px');
    });
  }
});
