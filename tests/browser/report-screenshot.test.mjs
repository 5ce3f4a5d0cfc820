// The `wor evaluate --html` report as a project lead sees it: opened in headless Chromium at 1280 px,
// screenshot kept at target/screenshots/report-1280.png. Checks what reads badly on paper: the data's
// origin at the top, chart titles visible (not only tooltips), no label cut off at a chart's edge, no
// page wider than the window, Dutch numbers, and no request leaving the file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, WOR, root } from './harness.mjs';

// The release binary `make build` writes; WOR_BIN may point at another build of the same source.
const wor = process.env.WOR_BIN ?? WOR;
const SHOTS = path.join(root, 'target/screenshots');
let dir;
let report;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'wor-report-'));
  const cases = path.join(dir, 'cases.jsonl');
  report = path.join(dir, 'report.html');
  const run = (args) => execFileSync(wor, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  run(['evaluate', 'generate-cases', '--map', 'social-map/zuid-holland-noord/2026.1.0.json',
    '--count', '300', '--output', cases]);
  run(['evaluate', '--map', 'social-map/zuid-holland-noord/2026.2.0.json',
    '--compare', 'social-map/zuid-holland-noord/2026.1.0.json', '--cases', cases, '--html', report]);
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the evaluation report at 1280 px reads well and is kept as a screenshot', async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests = [];
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto(`file://${report}`);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'report-1280.png'), fullPage: true });

    // The data's origin comes first, before any number.
    const origin = await page.locator('.origin').first();
    assert.match(await origin.innerText(), /demo/i);
    assert.match(await origin.innerText(), /synthetisch/);
    const firstTable = await page.locator('table').first().boundingBox();
    assert.ok((await origin.boundingBox()).y < firstTable.y, 'origin above the tables');

    // No horizontal scrolling at 1280 px.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 1280, `page is ${width} px wide`);

    // Every chart has a visible title, and no text of a chart sticks out of it.
    const charts = await page.evaluate(() => [...document.querySelectorAll('figure')].map((f) => {
      const svg = f.querySelector('svg');
      const box = svg.viewBox.baseVal;
      const cut = [...svg.querySelectorAll('text')].filter((t) => {
        const b = t.getBBox();
        return b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5;
      }).map((t) => t.textContent);
      const caption = f.querySelector('figcaption');
      return { caption: caption?.textContent ?? '', visible: !!caption && caption.offsetHeight > 0, cut };
    }));
    assert.ok(charts.length >= 5, `${charts.length} charts`);
    for (const c of charts) {
      assert.ok(c.visible && c.caption.length > 5, `chart without a visible title: ${JSON.stringify(c)}`);
      assert.deepEqual(c.cut, [], `labels cut off in "${c.caption}"`);
    }

    // The comparison answers the question, by version, with the interval.
    const body = await page.locator('body').innerText();
    assert.match(body, /Heeft de nieuwe kaartversie geholpen\?/);
    assert.match(body, /nieuw: zuid-holland-noord 2026\.2\.0/);
    assert.match(body, /95%-interval/);
    assert.doesNotMatch(body, /--map|--compare/);
    // Dutch numbers: decimal commas, a median in days.
    assert.match(body, /mediaan \d+,\d dagen/);
    assert.doesNotMatch(body, /\b0\.\d{3}\b/, 'no decimal points in measures');
    assert.deepEqual(requests, []);
  } finally {
    await browser.close();
  }
});
