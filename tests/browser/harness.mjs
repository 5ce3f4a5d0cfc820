// Headless-Chromium harness for the page: starts `wor serve` on a free port and Chromium through
// playwright-core (Debian's /usr/bin/chromium; never `playwright install`), and always stops both.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WOR = path.join(root, 'target/release/wor');
export const WWW = path.join(root, 'www');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

/** The bundled map list the page shows (written by `make build`). */
export function mapIndex() {
  return JSON.parse(readFileSync(path.join(WWW, 'maps/index.json'), 'utf8'));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function probe(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent: false, headers: { Connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('error', () => resolve(false));
    req.setTimeout(1000, () => { req.destroy(); resolve(false); });
  });
}

const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

async function startServer() {
  for (const needed of [WOR, path.join(WWW, 'pkg/wor_wasm_bg.wasm'), path.join(WWW, 'maps/index.json')]) {
    if (!existsSync(needed)) throw new Error(`${needed} is missing: run \`make build\` first`);
  }
  const port = await freePort();
  const child = spawn(WOR, ['serve', '--port', String(port), '--root', WWW], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  let stderr = '';
  let exited = null;
  child.stderr.on('data', (d) => { stderr += d; });
  child.on('exit', (code) => { exited = code ?? 'signal'; children.delete(child); });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15000;
  for (;;) {
    if (exited !== null) throw new Error(`wor serve exited (${exited}): ${stderr}`);
    // A plain request that closes its connection: an idle keep-alive socket would hold one of the
    // server's connection threads for nothing (see the note on tiny_http in the report).
    if (await probe(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`wor serve did not answer on ${base} within 15 s: ${stderr}`);
    }
    await sleep(50);
  }
  return {
    base,
    async stop() {
      if (exited !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([done, sleep(2000)]);
      if (exited === null) child.kill('SIGKILL');
    },
  };
}

/** Server + browser for one test file. Call `close()` in an `after` hook (it never throws). */
export async function startEnv() {
  const server = await startServer();
  let browser;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  } catch (e) {
    await server.stop();
    throw e;
  }
  return {
    base: server.base,
    browser,
    async close() {
      try { await browser.close(); } catch { /* already gone */ }
      await server.stop();
    },
  };
}

/**
 * A fresh context and page on the served page, waiting until the engine and maps are loaded.
 * Records every request and every console error / page error (CSP violations show up there).
 */
export async function openPage(env, { width = 1280, height = 900, contextOptions = {}, lang, wait = true } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height }, serviceWorkers: 'block', ...contextOptions });
  const requests = [];
  const problems = [];
  context.on('request', (req) => requests.push({ url: req.url(), method: req.method(), body: req.postData() ?? '' }));
  const page = await context.newPage();
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  if (lang) await page.addInitScript((l) => localStorage.setItem('wor-lang', l), lang);
  await page.goto(`${env.base}/`);
  if (wait) await waitReady(page);
  return { context, page, requests, problems };
}

export async function waitReady(page) {
  await page.waitForFunction(() => document.body.dataset.ready === 'true' || document.body.dataset.ready === 'failed', null, { timeout: 20000 });
  const ready = await page.evaluate(() => document.body.dataset.ready);
  if (ready !== 'true') {
    throw new Error(`page failed to start: ${await page.locator('#map-status').innerText()}`);
  }
}

/** Fills the GP or social-worker form ("gp" / "sw"). Only the given fields are touched. */
export async function fillReferral(page, prefix, r) {
  if (r.age !== undefined) await page.fill(`#${prefix}-age`, String(r.age));
  if (r.consent !== undefined) await page.setChecked(`#${prefix}-consent`, r.consent);
  if (r.municipality !== undefined) await page.selectOption(`#${prefix}-municipality`, r.municipality);
  if (r.postcode !== undefined) await page.fill(`#${prefix}-postcode`, r.postcode);
  for (const a of r.areas ?? []) {
    await page.check(`#${prefix}-area-${a.area}`);
    if (a.severity) await page.selectOption(`#${prefix}-sev-${a.area}`, String(a.severity));
  }
  if (r.text !== undefined) await page.fill(`#${prefix}-text`, r.text);
  if (r.dkl) {
    await page.locator('#gp-dkl-details > summary').click();
    for (const [k, v] of Object.entries(r.dkl)) await page.fill(`#gp-dkl-${k}`, String(v));
  }
  for (const f of r.flags ?? []) await page.check(`#gp-flag-${f}`);
}

/** Waits until the view's output shows a new rendering (after `before`) and returns its state. */
export async function rendersOf(page, prefix) {
  return page.evaluate((p) => Number(document.getElementById(`${p}-output`).dataset.renders || 0), prefix);
}

export async function waitRender(page, prefix, before) {
  await page.waitForFunction(([p, b]) => Number(document.getElementById(`${p}-output`).dataset.renders || 0) > b,
    [prefix, before], { timeout: 10000 });
}

/** The social-worker list as [{id, km}] in rank order. */
export async function suggestionList(page) {
  return page.$$eval('#sw-list > li', (lis) => lis.map((li) => ({ id: li.dataset.activityId, km: Number(li.dataset.distanceKm) })));
}

/** Polls `fn` until it returns a truthy value (returned) or the timeout passes (throws the last error). */
export async function until(fn, { timeout = 5000, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${message}${last ? `: ${last.message}` : ''}`);
    await sleep(50);
  }
}

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`. Keyboard only. */
export async function tabTo(page, selector, { back = false, max = 120 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached ${selector} (at ${at})`);
}

/** Opens a page, runs `fn`, then asserts no console/page errors and always closes the context. */
export async function withPage(env, options, fn) {
  const session = await openPage(env, options);
  try {
    await fn(session);
    if (session.problems.length) throw new Error(`console or page errors:\n${session.problems.join('\n')}`);
  } finally {
    await session.context.close();
  }
}

export const MONTHS_NL = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
export const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-06-15" -> "15 juni 2026" / "15 June 2026", written out independently of the page's code. */
export function longDate(iso, lang = 'nl') {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${(lang === 'nl' ? MONTHS_NL : MONTHS_EN)[m - 1]} ${y}`;
}

/** axe-core on the page as it is: no serious or critical violations. */
export async function axe(page, label) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const detail = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
  assert.equal(bad.length, 0, `${label}: axe found serious/critical violations:\n${detail}`);
  assert.ok(results.passes.length > 20, `${label}: axe ran (${results.passes.length} passing rules)`);
}
