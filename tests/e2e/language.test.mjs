// A screen reader reads a page in its language: Russian words on a Latvian or English page must
// say lang="ru", or they are read out with Latvian sounds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage as openPage, baseUrl } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const pages = ['/lv/', '/en/', '/lv/guide?q=baterija', '/lv/guide/item/battery', '/lv/points', '/en/points/map',
  '/lv/points/kimija-pharmacy', '/lv/points/kimija-pharmacy/poster', '/en/guide/bin/glass/label', '/lv/activities',
  '/en/activities', '/lv/about', '/en/about', '/lv/privacy', '/lv/signup', '/en/signup', '/lv/login'];

test('no Russian text outside lang="ru" on Latvian and English pages', async () => {
  const page = await openPage(browser);
  const unmarked = {};
  // An activity page too (the languages it is held in).
  await page.goto(baseUrl + '/lv/activities');
  const activity = await page.locator('main a[href*="/lv/activities/"]').first().getAttribute('href');
  for (const target of [...pages, activity]) {
    await page.goto(baseUrl + target);
    const found = await page.evaluate(() => {
      const out = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode;
        if (!/[\u0400-\u04FF]/.test(node.textContent)) continue;
        if (node.parentElement.closest('[lang]')?.getAttribute('lang') === 'ru') continue;
        out.push(node.textContent.trim().slice(0, 60));
      }
      return out;
    });
    if (found.length) unmarked[target] = found;
  }
  assert.deepEqual(unmarked, {});
});

// The language chosen is remembered: after switching to Russian, the site's bare address (a
// poster's link, a typed one) opens in Russian though the browser asks for Latvian.
for (const [from, to, word] of [['lv', 'ru', 'Сортируем'], ['ru', 'lv', 'Šķirosim']]) {
  test(`after switching from ${from} to ${to}, the site's address opens in ${to} (360×740)`, async () => {
    const page = await openPage(browser, { viewport: { width: 360, height: 740 }, locale: from, javaScriptEnabled: false });
    await page.goto(baseUrl + '/');
    assert.match(page.url(), new RegExp(`/${from}/$`));
    await page.goto(`${baseUrl}/${from}/about`);
    await Promise.all([page.waitForNavigation(), page.click(`nav.languages a[lang="${to}"]`)]);
    assert.match(page.url(), new RegExp(`/${to}/about$`));
    await page.goto(baseUrl + '/');
    assert.match(page.url(), new RegExp(`/${to}/$`));
    assert.match(await page.textContent('header.site-header'), new RegExp(word));
  });
}
