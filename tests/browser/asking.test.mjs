// Asking, not guessing (issue 30 points 5 and 7), as a GP meets it: a note in which nothing is
// recognised asks which support area it is (never "medical"), with the areas one press away; a postcode
// outside the three regions and an age the note contradicts are noted beside their fields.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnv, withPage, fillReferral, rendersOf, waitRender } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

async function submit(page) {
  const before = await rendersOf(page, 'gp');
  await page.click('#gp-submit');
  await waitRender(page, 'gp', before);
}

test('a note with nothing recognised asks for a support area, and the button goes to the areas', async () => {
  await withPage(env, {}, async ({ page }) => {
    await fillReferral(page, 'gp', { age: 52, consent: true, municipality: 'Leiden', text: 'Komt op het spreekuur, wil eens praten.' });
    await submit(page);
    assert.equal(await page.$eval('#gp-route', (el) => el.dataset.route), 'unclear');
    assert.equal(await page.locator('#gp-route .route-icon').innerText(), '?');
    assert.match(await page.locator('#gp-route .route-hint').innerText(), /^Om welke hulpvraag gaat het\?/);
    assert.doesNotMatch(await page.locator('#gp-route').innerText(), /medisch traject/);
    assert.ok(await page.locator('#gp-pathways li[data-pathway="choose_area"]').isVisible());
    await page.click('#gp-choose-area');
    assert.equal(await page.evaluate(() => document.activeElement?.name), 'area');
    // Choosing an area answers the question.
    await page.keyboard.press('Space');
    await submit(page);
    assert.notEqual(await page.$eval('#gp-route', (el) => el.dataset.route), 'unclear');
  });
});

test('a postcode outside the regions is noted beside the postcode and in the cautions', async () => {
  await withPage(env, {}, async ({ page }) => {
    await fillReferral(page, 'gp', { age: 52, consent: true, postcode: '9711 AB', text: 'Voelt zich eenzaam.' });
    await submit(page);
    const note = page.locator('#gp-note-postcode');
    assert.match(await note.innerText(), /Postcodegebied 9711 ligt in geen van de gemeenten/);
    assert.match(await page.getAttribute('#gp-postcode', 'aria-describedby'), /gp-note-postcode/);
    const codes = await page.$$eval('#gp-warnings li', (lis) => lis.map((li) => li.dataset.code));
    assert.ok(codes.includes('postcode_outside_regions'), codes.join(','));
    assert.ok(await page.locator('#gp-pathways li[data-pathway="local_welfare"]').isVisible());
    // A postcode inside the regions has no such note.
    await page.fill('#gp-postcode', '2311 AB');
    await submit(page);
    assert.equal(await page.locator('#gp-note-postcode').count(), 0);
  });
});

test('an age the note contradicts is noted beside the age field', async () => {
  await withPage(env, {}, async ({ page }) => {
    await fillReferral(page, 'gp', { age: 17, consent: true, municipality: 'Leiden', text: 'Mw, 74 jr, sinds overlijden man eenzaam.' });
    await submit(page);
    assert.match(await page.locator('#gp-note-age').innerText(), /De notitie noemt 74 jaar, het leeftijdsveld 17/);
    assert.match(await page.getAttribute('#gp-age', 'aria-describedby'), /gp-note-age/);
    await page.fill('#gp-age', '74');
    await submit(page);
    assert.equal(await page.locator('#gp-note-age').count(), 0);
  });
});
