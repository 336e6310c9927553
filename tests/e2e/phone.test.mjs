// A phone's first screen (issue #15): at 360×740 the header is one row and a short one, the
// guide's first answer is on the first screen after a search, with and without JavaScript, the
// menu opens behind its button without a script, and no page is wider than the screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, newPage as openPage, baseUrl, screenshotDir } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const phone = { viewport: { width: 360, height: 740 } };
const newPage = (options) => openPage(browser, { ...phone, ...options });

for (const [lang, query, item] of [['lv', 'baterija', 'battery'], ['ru', 'батарейка', 'battery']]) {
  for (const javaScriptEnabled of [true, false]) {
    test(`the first answer is on the first screen at 360×740 (${lang}, ${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, async () => {
      const page = await newPage({ javaScriptEnabled });
      await page.goto(`${baseUrl}/${lang}/guide`);
      await page.fill('#q', query);
      await Promise.all([page.waitForNavigation(), page.press('#q', 'Enter')]);
      const first = page.locator(`#results a.result[href="/${lang}/guide/item/${item}"]`).first();
      await first.waitFor();
      const box = await first.boundingBox();
      assert.ok(box.y + box.height <= 740, `the first answer ends at ${Math.round(box.y + box.height)} px`);
      const header = await page.locator('header.site-header').boundingBox();
      assert.ok(header.height <= 160, `the header is ${Math.round(header.height)} px tall`);
      await page.screenshot({ path: path.join(screenshotDir, `phone-guide-${lang}-${javaScriptEnabled ? 'js' : 'nojs'}.png`) });
    });
  }
}

test('the menu opens behind its button without JavaScript and leads to the pages', async () => {
  const page = await newPage({ javaScriptEnabled: false });
  await page.goto(`${baseUrl}/ru/guide`);
  const activities = page.locator('.main-nav a[href="/ru/activities"]');
  assert.equal(await activities.isVisible(), false);
  await page.click('summary.menu-button');
  assert.ok(await activities.isVisible());
  await page.screenshot({ path: path.join(screenshotDir, 'phone-menu-ru.png') });
  await Promise.all([page.waitForNavigation(), activities.click()]);
  assert.match(page.url(), /\/ru\/activities$/);
});

test('on a wide screen the menu stands open in the header', async () => {
  const page = await openPage(browser, { viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
  await page.goto(`${baseUrl}/lv/guide`);
  assert.ok(await page.locator('.main-nav a[href="/lv/points"]').isVisible());
  assert.equal(await page.locator('summary.menu-button').isVisible(), false);
});

test('on a phone the month is a list of its days, each activity a large link; a wide screen shows the grid', async () => {
  const page = await newPage({ javaScriptEnabled: false });
  await page.goto(`${baseUrl}/lv/activities/month?m=2026-12`);
  assert.equal(await page.locator('table.month').isVisible(), false);
  const day = page.locator('.month-agenda h2.agenda-day').first();
  assert.match(await day.textContent(), /^[a-zāčēģīķļņšūž]+, \d{1,2}\. decembris$/);
  const first = page.locator('.month-agenda .agenda a').first();
  const box = await first.boundingBox();
  assert.ok(box.height >= 44 && box.width >= 300, `the link is ${Math.round(box.width)}×${Math.round(box.height)} px`);
  await page.screenshot({ path: path.join(screenshotDir, 'phone-month-lv.png') });
  await Promise.all([page.waitForNavigation(), first.click()]);
  assert.match(page.url(), /\/lv\/activities\/\d+$/);
  const wide = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  await wide.goto(`${baseUrl}/lv/activities/month?m=2026-12`);
  assert.ok(await wide.locator('table.month').isVisible());
  assert.equal(await wide.locator('.month-agenda').isVisible(), false);
});

// A box inside a card stays inside it: the sample-data mark beside a long Russian container name
// reached the answer card's border.
for (const target of ['/lv/guide/item/battery', '/ru/guide/item/battery', '/ru/points', '/ru/activities']) {
  test(`every mark and line stays inside its card's padding at 360 px: ${target}`, async () => {
    const page = await newPage();
    await page.goto(baseUrl + target);
    const outside = await page.evaluate(() => [...document.querySelectorAll('.answer *, .card *')].flatMap(e => {
      const card = e.closest('.answer, .card');
      const style = getComputedStyle(card);
      const inner = card.getBoundingClientRect().right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
      const box = e.getBoundingClientRect();
      return box.width > 0 && box.right > inner + 1 ? [`${e.className || e.tagName}: ${e.textContent.trim().slice(0, 30)}`] : [];
    }));
    assert.deepEqual(outside, []);
  });
}

const pages = ['/lv/', '/ru/', '/lv/guide', '/ru/guide?q=baterija', '/lv/guide/a-z', '/lv/guide/item/battery',
  '/ru/guide/bin/glass', '/lv/guide/bin/glass/label', '/lv/points', '/ru/points', '/ru/points/map',
  '/lv/activities', '/ru/activities/month?m=2026-12', '/ru/results', '/lv/about', '/ru/privacy',
  '/lv/login', '/ru/signup', '/ru/takeover', '/en/password/forgot'];
for (const target of pages) {
  test(`nothing is wider than a 360 px screen: ${target}`, async () => {
    const page = await newPage();
    await page.goto(baseUrl + target);
    const { scroll, width } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
    assert.ok(scroll <= width, `${target} is ${scroll} px wide on a ${width} px screen`);
  });
}

// The signed-in pages too: staff and the coordinator work on phones. Tables count as well as the
// page, since a table in its own scrolling box still hides its last columns off the screen.
const signedInPages = ['/lv/account', '/ru/account/data', '/lv/admin/audit', '/ru/admin/audit',
  '/ru/coordinator', '/lv/coordinator/figures', '/ru/coordinator/items',
  '/lv/coordinator/misses', '/ru/coordinator/outbox', '/lv/coordinator/reports',
  '/ru/coordinator/institutions', '/lv/staff/activities', '/ru/staff/activities/new',
  '/lv/staff/residents'];
test('nothing on the signed-in pages is wider than a 360 px screen', async () => {
  const page = await newPage();
  // A message to a long address, with a long link, in the outbox: someone signs up.
  await page.goto(`${baseUrl}/ru/signup`);
  await page.fill('#display_name', 'Valentīna');
  await page.fill('#login', `valentina.berzina${Date.now()}@example.org`);
  await page.fill('#password', 'mana drošā parole');
  await page.check('input[name=age]');
  await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/lv/login`);
  await page.fill('#login', 'coordinator@example.org');
  await page.fill('#password', 'e2e coordinator password');
  await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
  const tooWide = [];
  for (const target of signedInPages) {
    const response = await page.goto(baseUrl + target);
    assert.equal(response.status(), 200, target);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      screen: document.documentElement.clientWidth,
      tables: [...document.querySelectorAll('table')].map(t => Math.ceil(t.getBoundingClientRect().right)),
    }));
    if (widths.page > widths.screen) tooWide.push(`${target} is ${widths.page} px wide`);
    for (const right of widths.tables) {
      if (right > widths.screen) tooWide.push(`a table on ${target} reaches ${right} px`);
    }
  }
  assert.deepEqual(tooWide, []);
});
