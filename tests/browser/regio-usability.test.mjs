// The Regio view as a project lead uses it (issue 36 point 5, issue 28's one report stylesheet), in
// headless Chromium: parameters read at the field (a share as 0-1 or a percentage, a decimal comma),
// a refused value explained beside its field in Dutch while the figures are marked stale, panels that
// never overlap, wide tables that scroll in their own box, chart text of 11 px or more on a phone, and
// plain Dutch in the view and in the standalone monitoring and business-case pages. Screenshots of the
// view at 1280 and 390 px go to target/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEnv, withPage, until, axe, WOR, root } from './harness.mjs';

const SHOTS = path.join(root, 'target/screenshots');
const DATE = '2026-12-01';
let env;
let dir;
let cases;

before(async () => {
  env = await startEnv();
  dir = mkdtempSync(path.join(tmpdir(), 'wor-regio-use-'));
  cases = path.join(dir, 'casussen.jsonl');
  // Synthetic cases in all three regions over a year and a half: wide tables, monthly charts.
  execFileSync(WOR, ['evaluate', 'generate-cases', '--map', 'social-map', '--count', '600',
    '--from', '2025-06-01', '--to', '2026-11-30', '--output', cases], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
});
after(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openRegio(page, withCases = false) {
  await page.click('#tab-regio');
  await page.waitForFunction(() => document.getElementById('view-regio').dataset.ready === 'true', null, { timeout: 30000 });
  if (withCases) {
    await page.fill('#regio-date', DATE);
    await page.setInputFiles('#regio-file', cases);
    await page.locator('#regio-monitor h3[data-region]').first().waitFor({ timeout: 20000 });
  }
}

const runs = (page) => page.evaluate(() => Number(document.getElementById('view-regio').dataset.runs || 0));
const net = (page) => page.locator('#regio-bc').getAttribute('data-net');

/** Types `text` into a parameter field and waits until the view has recomputed. */
async function typeParam(page, id, text) {
  const before = await runs(page);
  await page.fill(id, text);
  await until(async () => (await runs(page)) > before, { message: `recomputed after ${id} = ${text}` });
}

test('a share is read as 0-1 or as a percentage, and a decimal comma stays a decimal', async () => {
  await withPage(env, {}, async ({ page }) => {
    await openRegio(page);
    const share = '#bc-follow-up-share';
    // The plan's net total (plan 7.3) rests on a follow-up share of 0,6.
    assert.equal(await net(page), '393022');
    assert.equal(await page.inputValue(share), '0,6', 'the plan value, written the Dutch way');
    // "60" means 60%: the same figures as the plan's 0,6, never a share of 60.
    await typeParam(page, share, '60');
    assert.equal(await net(page), '393022');
    assert.equal(await page.locator(`${share}-read`).innerText(), '= 60%');
    // "0,7" stays what was typed, and it is 70%: the same figures as "70%" and "0.7".
    await typeParam(page, share, '0,7');
    assert.equal(await page.inputValue(share), '0,7');
    assert.equal(await page.locator(`${share}-read`).innerText(), '= 70%');
    const at70 = await net(page);
    assert.notEqual(at70, '393022', 'a higher share costs more');
    for (const same of ['70%', '0.7', '70']) {
      await typeParam(page, share, same);
      assert.equal(await net(page), at70, same);
    }
    // A growth rate and an amount take a decimal comma too.
    await typeParam(page, '#bc-social-worker-hours-per-referral', '8,5');
    const hours = await net(page);
    await typeParam(page, '#bc-social-worker-hours-per-referral', '8.5');
    assert.equal(await net(page), hours);
    assert.equal(await page.locator('#regio-bc').getAttribute('data-stale'), 'false');
  });
});

test('a refused value is explained beside its field in Dutch, and the figures are marked stale until it is valid', async () => {
  await withPage(env, {}, async ({ page }) => {
    await openRegio(page);
    const share = page.locator('#bc-follow-up-share');
    const error = page.locator('#bc-follow-up-share-error');
    const stale = page.locator('#regio-bc-stale');
    await typeParam(page, '#bc-follow-up-share', '160');
    assert.equal(await error.innerText(),
      'Aandeel met vervolgkosten: vul een aandeel in van 0 tot en met 1, of een percentage tot en met 100%. Ingevuld: 160.');
    // Beside the field: right under it, on screen with it, and what a screen reader reads with it.
    const [fieldBox, errorBox] = [await share.boundingBox(), await error.boundingBox()];
    assert.ok(errorBox.y >= fieldBox.y + fieldBox.height - 1 && errorBox.y - (fieldBox.y + fieldBox.height) < 16,
      `error ${JSON.stringify(errorBox)} under field ${JSON.stringify(fieldBox)}`);
    assert.equal(await share.getAttribute('aria-invalid'), 'true');
    assert.ok((await share.getAttribute('aria-describedby')).split(' ').includes('bc-follow-up-share-error'));
    assert.equal(await page.locator('#regio-error').isVisible(), false, 'no error box far from the field');
    // The last valid figures stay, marked stale: visibly (frame and note) and in a live region.
    assert.equal(await net(page), '393022');
    assert.equal(await page.locator('#regio-bc').getAttribute('data-stale'), 'true');
    assert.equal(await stale.getAttribute('role'), 'status');
    assert.match(await stale.innerText(), /^Verouderd: deze cijfers horen bij de laatste geldige invoer\. Verbeter eerst: Aandeel met vervolgkosten\.$/);
    const outline = await page.locator('#regio-bc').evaluate((el) => getComputedStyle(el).outlineStyle);
    assert.equal(outline, 'dashed');
    await axe(page, 'Regio view with a refused parameter');

    // Other refusals, each in Dutch and named for its field.
    await typeParam(page, '#bc-follow-up-share', 'zestig');
    assert.equal(await error.innerText(), 'Aandeel met vervolgkosten: vul een getal in, zoals 0,7 of 1250. Ingevuld: zestig.');
    await typeParam(page, '#bc-follow-up-cost-eur', '-5');
    assert.equal(await page.locator('#bc-follow-up-cost-eur-error').innerText(),
      'Vervolgkosten per inwoner: vul een waarde in van 0 of meer. Ingevuld: -5.');
    assert.match(await stale.innerText(), /Verbeter eerst: Aandeel met vervolgkosten, Vervolgkosten per inwoner\.$/);
    await typeParam(page, '#bc-regions-haarlemmermeer-growth-0', '-150%');
    assert.equal(await page.locator('#bc-regions-haarlemmermeer-growth-0-error').innerText(),
      'Groei 2026: een daling kan niet groter zijn dan 100%. Ingevuld: -150%.');

    // In English after the switch, still beside the field.
    await page.click('#lang-toggle');
    await until(async () => (await error.innerText()).startsWith('Share with follow-up costs'), { message: 'English error' });
    assert.match(await stale.innerText(), /^Out of date:/);

    // Valid again: the messages go, the figures are current and recomputed.
    await typeParam(page, '#bc-follow-up-share', '0,6');
    await typeParam(page, '#bc-follow-up-cost-eur', '200');
    await typeParam(page, '#bc-regions-haarlemmermeer-growth-0', '25%');
    assert.equal(await error.count(), 0);
    assert.equal(await share.getAttribute('aria-invalid'), null);
    assert.equal(await page.locator('#regio-bc').getAttribute('data-stale'), 'false');
    assert.equal(await stale.innerText(), '');
    assert.equal(await net(page), '393022');
  });
});

test('an empty reference date is explained beside the date, and both results are marked stale', async () => {
  await withPage(env, {}, async ({ page }) => {
    await openRegio(page, true);
    await page.fill('#regio-date', '');
    await page.locator('#regio-date-error').waitFor({ timeout: 5000 });
    assert.equal(await page.locator('#regio-date-error').innerText(), 'De peildatum is geen geldige datum.');
    for (const id of ['regio-monitor', 'regio-bc']) {
      assert.equal(await page.locator(`#${id}`).getAttribute('data-stale'), 'true', id);
      assert.match(await page.locator(`#${id}-stale`).innerText(), /Verbeter eerst: Peildatum\./);
    }
    await page.fill('#regio-date', DATE);
    await page.locator('#regio-date-error').waitFor({ state: 'detached', timeout: 5000 });
    assert.equal(await page.locator('#regio-monitor').getAttribute('data-stale'), 'false');
  });
});

/** The Regio view's layout at a width: panels, tables, chart text; and its screenshot. */
async function checkLayout(width) {
  await withPage(env, { width, height: width > 500 ? 900 : 844 }, async ({ page }) => {
    await openRegio(page, true);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `regio-${width}.png`), fullPage: true });

    // Panels never overlap, wherever the page is scrolled (two sticky panels used to slide over each other).
    const panels = ['#regio-form', '#regio-monitor-title', '#regio-bc-title'];
    const total = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0; y < total; y += 700) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      const boxes = await page.evaluate((sels) => sels.map((s) => {
        const el = document.querySelector(s).closest('form, section');
        const r = el.getBoundingClientRect();
        return { s, top: r.top, bottom: r.bottom, position: getComputedStyle(el).position };
      }), panels);
      for (const b of boxes) assert.ok(!['sticky', 'fixed'].includes(b.position), `${b.s} is ${b.position}`);
      for (let i = 1; i < boxes.length; i++) {
        assert.ok(boxes[i - 1].bottom <= boxes[i].top, `at ${y}px ${boxes[i - 1].s} overlaps ${boxes[i].s}: ${JSON.stringify(boxes)}`);
      }
    }

    // The page never scrolls sideways; a wide table scrolls in its own box, which keeps it inside the view.
    const layout = await page.evaluate(() => {
      const view = document.getElementById('view-regio').getBoundingClientRect();
      const tables = [...document.querySelectorAll('#view-regio .report table')].map((t) => {
        const box = t.parentElement;
        const r = box.getBoundingClientRect();
        return {
          boxed: box.classList.contains('scroll') && getComputedStyle(box).overflowX === 'auto',
          focusable: box.tabIndex === 0,
          wider: box.scrollWidth > box.clientWidth + 1,
          inside: r.left >= view.left - 1 && r.right <= view.right + 1,
        };
      });
      return { pageWidth: document.documentElement.scrollWidth, tables };
    });
    assert.ok(layout.pageWidth <= width, `the page is ${layout.pageWidth} px wide at ${width}`);
    assert.ok(layout.tables.length >= 5, `${layout.tables.length} tables`);
    for (const t of layout.tables) assert.ok(t.boxed && t.focusable && t.inside, JSON.stringify(t));
    if (width < 500) assert.ok(layout.tables.some((t) => t.wider), 'on a phone some table is wider than its box');

    // Chart text as rendered (font size times the SVG's scale), not as the attribute says.
    const sizes = await page.evaluate(() => [...document.querySelectorAll('#view-regio svg.chart text')].map((t) => ({
      text: t.textContent,
      px: parseFloat(getComputedStyle(t).fontSize) * t.closest('svg').getScreenCTM().a,
    })));
    assert.ok(sizes.length > 20, `${sizes.length} chart texts`);
    const small = sizes.filter((s) => s.px < 11);
    assert.deepEqual(small, [], `chart text under 11 px at ${width} px`);
    // Every chart has a visible title.
    const captions = await page.locator('#view-regio figure.trend > figcaption').allInnerTexts();
    assert.equal(captions.length, await page.locator('#view-regio svg.chart').count());
    await axe(page, `Regio view at ${width} px`);
  });
}

test('Regio view at 1280 px: panels apart, tables in their boxes, readable charts; screenshot', () => checkLayout(1280));
test('Regio view at 390 px: panels apart, tables scroll in their boxes, chart text >= 11 px; screenshot', () => checkLayout(390));

/** What a project lead must never read: command-line flags, field names, programme commands, bare KPI codes. */
const JARGON = [/--[a-z]/, /\b[a-z]+_[a-z_]+\b/, /\b(referral|outcome|dates|map)\.[a-z]/, /KPI x\./, /\bnull\b/, /\bwor (evaluate|monitor|business-case)\b/];

/** The text a project lead reads in `root`. */
function leadText(root) {
  const copy = root.cloneNode(true);
  // innerText needs layout: measure the copy in the document, then take it out again.
  copy.hidden = false;
  document.body.append(copy);
  const text = copy.innerText;
  copy.remove();
  return text;
}

function assertPlain(text, where) {
  for (const re of JARGON) assert.doesNotMatch(text, re, `${where}: ${text.match(re)?.[0]}`);
}

test('plain Dutch: the view and the standalone monitoring and business-case pages show no flags or field names', async () => {
  await withPage(env, {}, async ({ page, context }) => {
    await openRegio(page, true);
    const text = await page.locator('#view-regio').evaluate(leadText);
    assertPlain(text, 'Regio view');
    // The KPI number follows a Dutch name, in brackets.
    assert.match(text, /Praktijken die verwijzen via ZorgDomein of VIP Live \(KPI 6\.5\)/);
    await page.check('#regio-shared');
    await until(async () => (await page.locator('#regio-monitor').innerText()).includes('<5'), { message: 'suppressed counts' });
    assertPlain(await page.locator('#view-regio').evaluate(leadText), 'Regio view, shared');

    // The documents the CLI writes use the same fragments and the same stylesheet as the view.
    const monitorHtml = path.join(dir, 'monitor.html');
    const bcHtml = path.join(dir, 'businesscase.html');
    execFileSync(WOR, ['monitor', '--cases', cases, '--date', DATE, '--shared', '--map', 'social-map', '--html', monitorHtml], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    execFileSync(WOR, ['business-case', '--actuals', cases, '--date', DATE, '--html', bcHtml], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const css = readFileSync(path.join(root, 'www/report.css'), 'utf8');
    for (const file of [monitorHtml, bcHtml]) {
      const html = readFileSync(file, 'utf8');
      assert.ok(html.includes(css), `${file} inlines www/report.css`);
      const doc = await context.newPage();
      await doc.goto(`file://${file}`);
      assertPlain(await doc.locator('body').evaluate(leadText), path.basename(file));
      await doc.close();
    }
  });
});
