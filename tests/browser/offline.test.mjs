// Offline use: the service worker registers, caches only the page's static files, and the page reloads
// and triages with the network switched off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnv, withPage, waitReady, fillReferral, mapIndex, rendersOf, waitRender, until } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

test('service worker: registers, caches only static files, and the page works offline after the first visit', async () => {
  await withPage(env, { contextOptions: { serviceWorkers: 'allow' } }, async ({ page, context, requests, problems }) => {
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, `${env.base}/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10000 });

    // Something typed before going offline must not end up in the cache.
    const note = 'Offline-geheim-5512 voelt zich eenzaam';
    await fillReferral(page, 'gp', { age: 70, consent: true, municipality: 'Leiden', text: note });
    let before = await rendersOf(page, 'gp');
    await page.click('#gp-submit');
    await waitRender(page, 'gp', before);

    const cached = await page.evaluate(async () => {
      const out = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const req of await cache.keys()) out.push({ cache: name, url: req.url });
      }
      return out;
    });
    const urls = cached.map((c) => c.url);
    for (const f of ['', 'index.html', 'app.js', 'i18n.js', 'style.css', 'pkg/wor_wasm.js', 'pkg/wor_wasm_bg.wasm', 'maps/index.json',
      'maps/policy.txt', ...mapIndex().flatMap((m) => [`maps/${m.file}`, ...(m.policy ? [`maps/${m.policy}`] : [])])]) {
      assert.ok(urls.includes(`${env.base}/${f}`), `${f || '/'} is cached (cached: ${urls.join(', ')})`);
    }
    // Every module the page loaded (app.js imports the others) is in the cache, so none is missing offline.
    // (sw.js is the worker itself: the browser keeps it, the cache does not.)
    const scripts = [...new Set(requests.map((r) => r.url).filter((u) => u.startsWith(`${env.base}/`) && u.endsWith('.js') && !u.endsWith('/sw.js')))];
    assert.ok(scripts.length > 3, scripts.join(', '));
    for (const u of scripts) assert.ok(urls.includes(u), `${u} is cached`);
    for (const c of cached) {
      assert.match(c.cache, /^wor-static-v\d+$/);
      assert.match(new URL(c.url).pathname, /^\/$|\.(html|js|css|wasm|json|txt|svg|webmanifest)$/, `only static files: ${c.url}`);
      assert.equal(new URL(c.url).search, '');
      assert.ok(!c.url.includes('Offline-geheim'), c.url);
    }

    // Offline: reload, the header and triage work from the cache.
    await context.setOffline(true);
    const countBefore = requests.length;
    await page.reload();
    await waitReady(page);
    // Really offline: a request the service worker leaves alone (it has a query string) fails.
    assert.equal(await page.evaluate(() => navigator.onLine), false);
    assert.equal(await page.evaluate(() => fetch('index.html?bypass=1').then(() => 'reached', () => 'failed')), 'failed');
    // (that deliberate failure is the only console error allowed)
    const expected = problems.findIndex((p) => p.includes('ERR_INTERNET_DISCONNECTED'));
    if (expected >= 0) problems.splice(expected, 1);
    const header = await page.locator('#map-status').innerText();
    for (const m of mapIndex()) assert.ok(header.includes(m.version) && header.includes(m.name), header);
    assert.match(header, /DEMO-DATA/);
    await fillReferral(page, 'gp', { age: 70, consent: true, municipality: 'Leiden', areas: [{ area: 'loneliness', severity: 2 }], text: 'Voelt zich eenzaam.' });
    before = await rendersOf(page, 'gp');
    await page.click('#gp-submit');
    await waitRender(page, 'gp', before);
    assert.equal(await page.$eval('#gp-route', (el) => el.dataset.route), 'wor');
    await until(async () => (await page.$$('#gp-nearby li')).length > 0, { message: 'nearby offer from the cached map' });
    assert.ok(requests.length > countBefore, 'the reload did go through the service worker');
    for (const r of requests) assert.ok(r.url.startsWith(`${env.base}/`), r.url);
    await context.setOffline(false);
  });
});
