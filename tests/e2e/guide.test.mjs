// The sorting guide in a real browser: as-you-type answers, the plain form, the question on an
// item page, and accessibility of every guide page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, newPage as openPage, baseUrl, accessibilityViolations, collectErrors, screenshotDir } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const newPage = (options) => openPage(browser, options);

test('answers appear while typing, in Russian typed with Latin letters', async () => {
  // This page keeps the site's own CSP, so a script blocked by it would show as an error.
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(baseUrl + '/ru/guide');
  await page.fill('#q', 'batareik');
  await page.waitForSelector('#results a[href="/ru/guide/item/battery"]', { timeout: 5000 });
  const first = await page.textContent('#results .result-name');
  assert.equal(first, 'батарейка');
  await page.screenshot({ path: path.join(screenshotDir, 'guide-live-ru.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('the search form works without JavaScript', async () => {
  const page = await newPage({ javaScriptEnabled: false });
  await page.goto(baseUrl + '/lv/guide');
  await page.fill('#q', 'picas karba');
  await page.click('button[type=submit]');
  assert.match(page.url(), /\/lv\/guide\?q=picas\+karba/);
  assert.ok(await page.isVisible('a[href="/lv/guide/item/pizza-box"]'));
  await page.screenshot({ path: path.join(screenshotDir, 'guide-form-lv.png'), fullPage: true });
});

test('the yes/no question on an item page changes the answer', async () => {
  const page = await newPage();
  await page.goto(baseUrl + '/en/guide/item/pizza-box');
  await page.click('text=No');
  assert.match(page.url(), /answer=no$/);
  assert.ok(await page.isVisible('.answer a[href="/en/guide/bin/packaging"]'));
  await page.click('text=Yes');
  assert.ok(await page.isVisible('.answer a[href="/en/guide/bin/mixed"]'));
  await page.screenshot({ path: path.join(screenshotDir, 'guide-item-en.png'), fullPage: true });
});

for (const target of ['/lv/guide', '/ru/guide?q=baterija', '/en/guide?q=qqqxxx', '/en/guide/item/pizza-box',
                      '/lv/guide/item/water-bottle?answer=yes', '/lv/guide/bin/packaging', '/ru/guide/a-z']) {
  test(`no accessibility violations of moderate impact or more: ${target}`, async () => {
    const page = await newPage();
    await page.goto(baseUrl + target);
    assert.deepEqual(await accessibilityViolations(page), []);
  });
}
