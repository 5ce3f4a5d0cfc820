// The page as a GP and a social worker use it, at desktop (1280x900) and phone (390x844) size:
// every input problem beside its field and in a summary, in the interface language only; a click right
// after leaving an invalid field still lands; compact suggestion cards with one map stamp; the
// welzijnsrecept prints on exactly one A4 page even for the longest text on the demo maps.
// Screenshots of both views, both sizes and both languages go to target/screenshots/ for a reviewer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startEnv, withPage, fillReferral, rendersOf, waitRender, until, mapIndex, root, WWW, axe, tabTo } from './harness.mjs';

const SIZES = [{ width: 1280, height: 900 }, { width: 390, height: 844 }];
const SHOTS = path.join(root, 'target/screenshots');
mkdirSync(SHOTS, { recursive: true });

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

/** Words of the engine's English messages that must never show on the Dutch page. */
const ENGLISH_ENGINE = /must be|between \d|got \d|expected|unknown (field|value)|invalid/i;

/** Each problem beside its field: [field control id, the text it must contain] per language. */
async function fieldErrors(page, prefix) {
  return page.$$eval(`#${prefix}-form [aria-invalid="true"]`, (els) => els.map((el) => {
    const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    const own = ids.map((id) => document.getElementById(id)).find((x) => x?.classList.contains('field-error'));
    const r = own?.getBoundingClientRect();
    return { id: el.id, text: own?.textContent ?? null, visible: !!r && r.height > 0 };
  }));
}

for (const size of SIZES) {
  const tag = `${size.width}x${size.height}`;

  test(`${tag}: every input problem beside its field and in the summary, Dutch only, all at once`, async () => {
    await withPage(env, size, async ({ page }) => {
      await fillReferral(page, 'gp', { age: '81,5', consent: true, postcode: '12', dkl: { distress: 99 } });
      await page.click('#gp-submit');
      await until(async () => (await fieldErrors(page, 'gp')).length >= 3, { message: 'three field errors' });
      const errors = await fieldErrors(page, 'gp');
      const byId = Object.fromEntries(errors.map((e) => [e.id, e]));
      assert.deepEqual(Object.keys(byId).sort(), ['gp-age', 'gp-dkl-distress', 'gp-postcode'], JSON.stringify(errors));
      assert.match(byId['gp-age'].text, /hele jaren/);
      assert.match(byId['gp-postcode'].text, /Postcode '12' klopt niet/);
      assert.match(byId['gp-dkl-distress'].text, /0 tot en met 32.*99/);
      for (const e of errors) assert.ok(e.visible, `${e.id}: its message is shown`);
      // The summary links to each field and words the same problems.
      const summary = await page.$$eval('#gp-error a[href^="#"]', (as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
      assert.deepEqual(summary.map(([href]) => href).sort(), ['#gp-age', '#gp-dkl-distress', '#gp-postcode']);
      for (const [href, text] of summary) assert.equal(text, byId[href.slice(1)].text);
      // Following a summary link puts focus on the field.
      await page.click('#gp-error a[href="#gp-postcode"]');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'gp-postcode');
      const body = await page.locator('body').innerText();
      assert.doesNotMatch(body, ENGLISH_ENGINE);
      await page.screenshot({ path: path.join(SHOTS, `gp-errors-${tag}-nl.png`), fullPage: false });
      await axe(page, `${tag} GP with several errors`);

      // English: the same problems in English.
      await page.click('#lang-toggle');
      await until(async () => /whole number/.test((await fieldErrors(page, 'gp')).find((e) => e.id === 'gp-age')?.text ?? ''), { message: 'English age error' });
      await page.screenshot({ path: path.join(SHOTS, `gp-errors-${tag}-en.png`), fullPage: false });
    });
  });

  test(`${tag}: a click right after leaving an invalid field lands on its target`, async () => {
    await withPage(env, size, async ({ page }) => {
      await fillReferral(page, 'gp', { age: 70, municipality: 'Leiden' });
      await until(async () => (await page.$eval('#gp-output', (el) => el.dataset.state)) === 'result', { message: 'live result' });
      await page.fill('#gp-age', '200');
      // Leaving the age field by clicking the consent box below it: the problem appears, the click counts.
      assert.equal(await page.isChecked('#gp-consent'), false);
      await page.click('#gp-consent');
      assert.equal(await page.isChecked('#gp-consent'), true, 'the click hit the consent box');
      await until(async () => (await fieldErrors(page, 'gp')).some((e) => e.id === 'gp-age'), { message: 'age error after leaving' });
      assert.match((await fieldErrors(page, 'gp')).find((e) => e.id === 'gp-age').text, /0 tot en met 120.*200/);
      // And a second click, now that the message is shown, also lands.
      await page.click('#gp-flag-acute_danger');
      assert.equal(await page.isChecked('#gp-flag-acute_danger'), true);
    });
  });
}

/** The bundled map entry with the longest description (what makes a recept longest). */
function longestEntry() {
  let best = null;
  for (const m of mapIndex()) {
    const map = JSON.parse(readFileSync(path.join(WWW, 'maps', m.file), 'utf8'));
    for (const a of map.activities) {
      const len = (a.description ?? '').length + a.name.length;
      if (!best || len > best.len) best = { len, entry: a };
    }
  }
  return best.entry;
}

const countPdfPages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

for (const lang of ['nl', 'en']) {
  test(`the welzijnsrecept of the longest demo entry prints on exactly one A4 page (${lang})`, async () => {
    const entry = longestEntry();
    const areas = entry.areas.map((a) => (typeof a === 'string' ? a : a.area)).slice(0, 3);
    await withPage(env, { width: 1280, height: 900, lang }, async ({ page }) => {
      await page.click('#tab-sw');
      const municipality = await page.$eval(`#sw-municipality option[data-code="${entry.municipality}"]`, (o) => o.value);
      await fillReferral(page, 'sw', { age: 70, consent: true, municipality, areas: areas.map((area) => ({ area, severity: 2 })) });
      await page.selectOption('#sw-topk', '20');
      const before = await rendersOf(page, 'sw');
      await page.click('#sw-submit');
      await waitRender(page, 'sw', before);
      const button = page.locator(`#sw-list li[data-activity-id="${entry.id}"] button[data-recept]`);
      assert.equal(await button.count(), 1, `${entry.id} is among the suggestions`);
      await button.click();
      await page.locator('#recept').waitFor();
      assert.match(await page.locator('#recept-paper').innerText(), new RegExp(entry.description.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      const pdf = await page.pdf({ format: 'A4', path: path.join(SHOTS, `recept-a4-${lang}.pdf`) });
      assert.equal(countPdfPages(pdf), 1, 'one A4 page');
      // Room is left for one more line (the referral loop will add the contact date and who calls).
      await page.evaluate(() => {
        const line = document.createElement('p');
        line.textContent = 'De sociaal werker belt u op maandag 14 december 2026. Neem dan dit papier erbij.';
        document.querySelector('#recept-body .recept-worker').append(line);
      });
      assert.equal(countPdfPages(await page.pdf({ format: 'A4' })), 1, 'still one A4 page with one more line');
      await page.screenshot({ path: path.join(SHOTS, `recept-1280x900-${lang}.png`), fullPage: true });
    });
  });
}

for (const size of SIZES) {
  for (const lang of ['nl', 'en']) {
    const tag = `${size.width}x${size.height}-${lang}`;
    test(`screenshots, compact cards and the way to the advice (${tag})`, async () => {
      await withPage(env, { ...size, lang }, async ({ page }) => {
        await fillReferral(page, 'gp', { age: 79, consent: true, municipality: 'Leiden', areas: [{ area: 'loneliness', severity: 3 }], text: 'Weduwe, voelt zich eenzaam sinds het overlijden van haar man.' });
        let before = await rendersOf(page, 'gp');
        await page.click('#gp-submit');
        await waitRender(page, 'gp', before);
        await page.screenshot({ path: path.join(SHOTS, `gp-${tag}.png`), fullPage: true });
        await page.click('#gp-to-sw');
        await until(async () => (await page.$$('#sw-list > li')).length > 0, { message: 'suggestions' });
        // One map stamp for the whole list, none per card.
        assert.equal(await page.locator('#sw-output .stamp').count(), 1);
        assert.equal(await page.locator('#sw-list .stamp').count(), 0);
        // Details on demand: address and contact are folded away until asked for.
        const first = page.locator('#sw-list > li').first();
        assert.ok(await first.locator('.fact').first().isHidden());
        await first.locator('summary').click();
        assert.ok(await first.locator('.fact').first().isVisible());
        if (lang === 'en') {
          // The offer is described in Dutch, and the page says so.
          assert.match(await page.locator('#sw-output').innerText(), /each offer in Dutch/);
          assert.equal(await page.getAttribute('#sw-list h3 .s-name', 'lang'), 'nl');
          assert.doesNotMatch(await page.locator('#sw-list').innerText(), /Make welzijnsrecept/);
        }
        await page.screenshot({ path: path.join(SHOTS, `sw-${tag}.png`), fullPage: true });
        if (size.width < 600) {
          // On a phone, the advice is one tap away from the top of the form.
          await page.click('#tab-gp');
          await page.evaluate(() => window.scrollTo(0, 0));
          const link = page.locator('#gp-to-advice');
          assert.ok(await link.isVisible());
          await link.click();
          await until(() => page.evaluate(() => document.activeElement.id === 'gp-results-title'), { message: 'focus on the advice' });
          const top = await page.$eval('#gp-results-title', (el) => el.getBoundingClientRect().top);
          assert.ok(top >= 0 && top < 844, `the advice heading is on screen (top ${top})`);
        }
      });
    });
  }
}

test('a postcode outside the chosen municipality: the engine\'s warning beside the postcode, not a silent switch', async () => {
  await withPage(env, {}, async ({ page }) => {
    await page.click('#tab-sw');
    await fillReferral(page, 'sw', { age: 70, consent: true, municipality: 'Leiden', postcode: '1181', areas: [{ area: 'loneliness', severity: 2 }] });
    const before = await rendersOf(page, 'sw');
    await page.click('#sw-submit');
    await waitRender(page, 'sw', before);
    const note = page.locator('#sw-note-postcode');
    assert.match(await note.innerText(), /1181 ligt in Amstelveen, niet in de gekozen gemeente Leiden/);
    assert.match(await page.getAttribute('#sw-postcode', 'aria-describedby'), /\bsw-note-postcode\b/);
    assert.equal(await page.getAttribute('#sw-postcode', 'aria-invalid'), null, 'a caution, not an error');
    // Fixed: the note goes.
    const b2 = await rendersOf(page, 'sw');
    await page.fill('#sw-postcode', '2312');
    await waitRender(page, 'sw', b2);
    assert.equal(await note.count(), 0);
    assert.doesNotMatch(await page.getAttribute('#sw-postcode', 'aria-describedby'), /note/);
  });
});

test('keyboard: the advice is a few Tab presses from the top (skip link), not behind the whole form', async () => {
  await withPage(env, {}, async ({ page }) => {
    await fillReferral(page, 'gp', { age: 70, consent: true, municipality: 'Leiden' });
    await until(async () => (await page.$eval('#gp-output', (el) => el.dataset.state)) === 'result', { message: 'live result' });
    // From the top of the page (the language button in the header).
    await page.focus('#lang-toggle');
    const presses = await tabTo(page, '#gp-to-advice');
    assert.ok(presses <= 8, `${presses} Tab presses to the advice link`);
    assert.ok(await page.locator('#gp-to-advice').isVisible(), 'the skip link shows when focused');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'gp-results-title');
    assert.equal(page.url(), `${env.base}/`, 'no fragment in the URL');
  });
});
