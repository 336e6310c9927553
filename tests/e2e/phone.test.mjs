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

// Every page a resident reaches, in each language: the page may not scroll sideways.
const publicPages = ['/', '/guide', '/guide?q=baterija', '/guide/a-z', '/guide/item/battery',
  '/guide/bin/glass', '/guide/bin/glass/label', '/points', '/points/map', '/points/kimija-shop-box',
  '/points/kimija-pharmacy/poster', '/activities', '/activities/month?m=2026-12', '/results',
  '/about', '/privacy', '/login', '/signup', '/takeover', '/password/forgot'];
const workshop = { lv: 'Šķirošanas darbnīca senioriem', ru: 'Мастерская по сортировке для пожилых' };
async function widthsOf(page) {
  return page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    screen: document.documentElement.clientWidth,
    tables: [...document.querySelectorAll('table')].map(t => Math.ceil(t.getBoundingClientRect().right)),
  }));
}
// Tables count as well as the page, since a table in its own scrolling box still hides its last
// columns off the screen.
function tooWideOn(target, widths) {
  const found = widths.page > widths.screen ? [`${target} is ${widths.page} px wide`] : [];
  for (const right of widths.tables)
    if (right > widths.screen) found.push(`a table on ${target} reaches ${right} px`);
  return found;
}

for (const lang of ['lv', 'ru']) {
  test(`nothing on a resident's pages is wider than a 360 px screen, an activity and a registration included (${lang})`, async () => {
    const page = await newPage();
    const tooWide = [];
    for (const target of publicPages.map(p => `/${lang}${p}`)) {
      const response = await page.goto(baseUrl + target);
      assert.equal(response.status(), 200, target);
      tooWide.push(...tooWideOn(target, await widthsOf(page)));
    }
    await page.goto(`${baseUrl}/${lang}/activities`);
    await Promise.all([page.waitForNavigation(), page.locator('ul.cards h2 a', { hasText: workshop[lang] }).click()]);
    tooWide.push(...tooWideOn('the activity page', await widthsOf(page)));
    await page.fill('#name', 'Valentīna Bērziņa-Ivanova');
    await page.fill('#contact', `valentina.berzina.ivanova${Date.now()}@example.org`);
    await page.fill('#age-adults', '1');
    await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
    tooWide.push(...tooWideOn('the page after registering', await widthsOf(page)));
    assert.deepEqual(tooWide, []);
  });
}

// The signed-in pages too: staff and the coordinator work on phones.
const signedInPages = ['/account', '/account/data', '/admin/audit', '/coordinator',
  '/coordinator/figures', '/coordinator/items', '/coordinator/items/pizza-box', '/coordinator/misses',
  '/coordinator/outbox', '/coordinator/reports', '/coordinator/institutions', '/staff/activities',
  '/staff/activities/new', '/staff/residents'];
for (const lang of ['lv', 'ru']) {
  test(`nothing on the signed-in pages is wider than a 360 px screen, the editor, attendance and cancel pages and a resident's account with a long e-mail address included (${lang})`, async () => {
    const page = await newPage();
    // A message to a long address, with a long link, in the outbox: someone signs up.
    const longAddress = `valentina.berzina-ivanova.${Date.now()}@example.org`;
    await page.goto(`${baseUrl}/${lang}/signup`);
    await page.fill('#display_name', 'Valentīna');
    await page.fill('#login', longAddress);
    await page.fill('#password', 'mana drošā parole');
    await page.check('input[name=age]');
    await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
    await page.context().clearCookies();
    await page.goto(`${baseUrl}/${lang}/login`);
    await page.fill('#login', 'coordinator@example.org');
    await page.fill('#password', 'e2e coordinator password');
    await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
    const tooWide = [];
    for (const target of signedInPages.map(p => `/${lang}${p}`)) {
      const response = await page.goto(baseUrl + target);
      assert.equal(response.status(), 200, target);
      tooWide.push(...tooWideOn(target, await widthsOf(page)));
    }
    await page.goto(`${baseUrl}/${lang}/staff/activities`);
    await Promise.all([page.waitForNavigation(), page.locator('li.card h2 a').first().click()]);
    tooWide.push(...tooWideOn('the activity editor', await widthsOf(page)));
    const id = page.url().match(/activities\/(\d+)/)[1];
    await page.goto(`${baseUrl}/${lang}/staff/activities/${id}/attendance`);
    tooWide.push(...tooWideOn('the attendance sheet', await widthsOf(page)));
    // The cancel page, from the link in a registration's confirmation in the outbox.
    await page.goto(`${baseUrl}/${lang}/coordinator/outbox`);
    const link = (await page.locator('.cards').innerText()).match(/https?:\/\/\S+\/registrations\/cancel\?\S+/);
    assert.ok(link, 'a cancel link is in the outbox');
    await page.goto(baseUrl + new URL(link[0]).pathname + new URL(link[0]).search);
    tooWide.push(...tooWideOn('the cancel page', await widthsOf(page)));
    // The resident's own account, where the long address is shown, from the confirmation link.
    await page.goto(`${baseUrl}/${lang}/coordinator/outbox`);
    const confirmation = (await page.locator('ul.cards li.card', { hasText: longAddress }).first().innerText())
      .match(/https?:\/\/\S+\/confirm\?token=[A-Za-z0-9_-]+/);
    assert.ok(confirmation, 'the confirmation link is in the outbox');
    const resident = await newPage();
    await resident.goto(baseUrl + new URL(confirmation[0]).pathname + new URL(confirmation[0]).search);
    assert.match(resident.url(), /\/account\?welcome=1$/);
    tooWide.push(...tooWideOn("a resident's account with a long address", await widthsOf(resident)));
    assert.deepEqual(tooWide, []);
  });
}
