// Matching in the page (issues 16 and 31): the residents of the issues get an open group for loneliness
// in their top three when one meets their wishes, help that meets their wished days before anything
// that does not, no newcomers' service and no entry for another kind of life event; the page says where
// distances are measured from, says when no group meets on the wished days, and shows what "alleen deze
// dagen" left out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startEnv, withPage, fillReferral, mapIndex, rendersOf, waitRender, suggestionList, root } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

/** The bundled maps' entries by id, read from the files the page loads (not through the engine). */
function entries() {
  const all = new Map();
  for (const m of mapIndex()) {
    const map = JSON.parse(fs.readFileSync(path.join(root, 'www', 'maps', m.file), 'utf8'));
    for (const e of map.activities) all.set(e.id, e);
  }
  return all;
}

async function submit(page) {
  const before = await rendersOf(page, 'sw');
  await page.click('#sw-submit');
  await waitRender(page, 'sw', before);
}

async function rerender(page, change) {
  const before = await rendersOf(page, 'sw');
  await change();
  await waitRender(page, 'sw', before);
}

/** A group for loneliness open to the resident in the top three; no newcomers' service in the top five. */
function assertIssue16(list, map, belongs) {
  const ids = list.map((s) => s.id);
  assert.ok(ids.length >= 5, ids.join(', '));
  for (const id of ids.slice(0, 5)) {
    assert.ok(!(map.get(id).audience ?? []).includes('newcomers'), `newcomers' service ${id} in the top five: ${ids}`);
  }
  const group = ids.slice(0, 3).map((id) => map.get(id)).find((e) => e.group
    && e.areas.some((a) => (a.area ?? a) === 'loneliness')
    && (!(e.audience ?? []).length || e.audience.some((a) => belongs.includes(a))));
  assert.ok(group, `no open group for loneliness in the top three: ${ids}`);
  return group;
}

const texts = (page, selector) => page.$$eval(selector, (els) => els.map((el) => el.textContent));

/** Every suggestion meets Tuesday or Thursday morning (by appointment, or a slot then). */
function assertOnHerMornings(list, map) {
  for (const s of list) {
    const e = map.get(s.id);
    assert.ok(e.schedule === 'by_appointment' || e.schedule.some((x) => ['tue', 'thu'].includes(x.day) && x.start < '12:00'), `${s.id} is not on her mornings`);
  }
}

test('the 74-year-old in Amstelveen: help on her mornings first, told no group meets then; strict days filter and count', async () => {
  const map = entries();
  await withPage(env, {}, async ({ page }) => {
    await page.click('#tab-sw');
    await fillReferral(page, 'sw', {
      age: 74, consent: true, municipality: 'Amstelveen',
      areas: [{ area: 'loneliness', severity: 3 }, { area: 'debt_poverty', severity: 2 }],
    });
    for (const d of ['tue', 'thu']) await page.check(`#sw-day-${d}`);
    await page.check('#sw-time-morning');
    await page.fill('#sw-max-km', '3');
    await page.fill('#sw-budget', '0');
    await page.check('#sw-wheelchair');
    await submit(page);
    // No free, wheelchair-accessible group within 3 km meets on Tuesday or Thursday morning: a group at
    // another moment goes against her wish, so what meets it comes first (issue 31), and the page says
    // that no group meets then.
    const first = await suggestionList(page);
    assert.ok(first.length >= 5);
    for (const s of first) assert.ok(!(map.get(s.id).audience ?? []).includes('newcomers'), s.id);
    assertOnHerMornings(first, map);
    const notes = await page.$$eval('#sw-notes p', (ps) => ps.map((p) => p.dataset.code));
    assert.ok(notes.includes('no_group_at_wished_moment'), notes.join(', '));
    // Only the municipality is known: distances from its centre, never "van huis".
    const distances = await texts(page, '#sw-list .why li[data-code="distance"]');
    assert.ok(distances.some((d) => /^\d+,\d km vanaf het centrum van Amstelveen$/.test(d)), distances.join(' | '));
    assert.ok(!(await page.locator('#sw-output').innerText()).includes('van huis'));

    // Without the wheelchair the Tuesday-morning walk is within reach: a group at a wished moment in the top three.
    await rerender(page, () => page.uncheck('#sw-wheelchair'));
    const group = assertIssue16(await suggestionList(page), map, ['older_adults', 'low_income']);
    assert.ok(group.schedule.some((s) => ['tue', 'thu'].includes(s.day) && s.start < '12:00'), JSON.stringify(group.schedule));

    // With a postcode: from the PC4 area. "Alleen deze dagen": other moments left out, and counted.
    await rerender(page, () => page.fill('#sw-postcode', '1181'));
    assert.ok((await texts(page, '#sw-list .why li[data-code="distance"]')).some((d) => /^\d+,\d km vanaf postcodegebied 1181$/.test(d)));
    // What goes against her days already comes last (issue 31), so the list she sees need not change;
    // the strict wish leaves the rest out, and says how many.
    await rerender(page, () => page.check('#sw-strict-days'));
    const strict = await suggestionList(page);
    assertOnHerMornings(strict, map);
    const removed = Number(await page.locator('#sw-output').getAttribute('data-filtered-strict-days'));
    assert.ok(removed > 0);
    assert.match(await page.locator('#sw-notes p[data-code="strict_days"]').innerText(), new RegExp(`: ${removed} weggelaten \\(vaste tijden op andere momenten\\)`));
  });
});

test('the widow in Leiden: a group for grief and loneliness, no newcomers\' service; no service for another life event', async () => {
  const map = entries();
  await withPage(env, {}, async ({ page }) => {
    await page.click('#tab-sw');
    await fillReferral(page, 'sw', {
      age: 81, consent: true, municipality: 'Leiden',
      text: 'Weduwe sinds vorig jaar, veel verdriet om het overlijden van haar man, voelt zich erg eenzaam.',
    });
    await submit(page);
    assertIssue16(await suggestionList(page), map, ['older_adults']);
    // The grief group's card names the kind of life event it is for.
    const areas = await texts(page, '#sw-list .why li[data-code="areas"]');
    assert.ok(areas.some((a) => /rouw/.test(a)), areas.join(' | '));
    // A newcomer widow: "Welkom in Leiden" is for moving house and migration, and her known life event
    // is a bereavement, so it is left out (issue 31).
    await rerender(page, () => page.check('#sw-audience-newcomers'));
    assert.ok(!(await suggestionList(page)).some((s) => s.id === 'zhn-welkom-in-leiden'));
  });
});

test('a group wish puts groups first, visibly', async () => {
  await withPage(env, {}, async ({ page }) => {
    await page.click('#tab-sw');
    await fillReferral(page, 'sw', {
      age: 74, consent: true, municipality: 'Amstelveen',
      areas: [{ area: 'loneliness', severity: 3 }, { area: 'debt_poverty', severity: 2 }],
    });
    await submit(page);
    const groupOf = () => page.$$eval('#sw-list > li', (lis) => lis.map((li) => li.dataset.group));
    assert.equal((await groupOf())[0], 'false');
    await rerender(page, () => page.check('#sw-group-yes'));
    assert.equal((await groupOf())[0], 'true');
  });
});

test('a region with learned weights says so beside its map stamp; one without does not (issue 17)', async () => {
  const tuned = mapIndex().filter((m) => m.weights).map((m) => m.region);
  assert.ok(tuned.includes('haarlemmermeer'), `the bundle names Haarlemmermeer's weights: ${tuned}`);
  const file = JSON.parse(fs.readFileSync(path.join(root, 'social-map', 'haarlemmermeer', 'weights',
    fs.readdirSync(path.join(root, 'social-map', 'haarlemmermeer', 'weights')).filter((f) => f.endsWith('.json')).sort().pop()), 'utf8'));
  const cases = file.regions.find((r) => r.region === 'haarlemmermeer').cases;
  await withPage(env, {}, async ({ page }) => {
    await page.click('#tab-sw');
    await fillReferral(page, 'sw', {
      age: 52, consent: true, municipality: 'Haarlemmermeer',
      areas: [{ area: 'loneliness', severity: 2 }],
    });
    await submit(page);
    const stamp = await page.textContent('#sw-output .stamp');
    assert.match(stamp, new RegExp(`afgestemd op ${cases} verwijzingen \\(.+ – .+\\) \\(synthetisch, demo\\)`), stamp);
    await rerender(page, async () => {
      await page.selectOption('#sw-municipality', 'Amstelveen');
    });
    assert.doesNotMatch(await page.textContent('#sw-output .stamp'), /afgestemd/);
  });
});
