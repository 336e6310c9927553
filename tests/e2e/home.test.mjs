// The home page in three languages: switching language, accessibility, keyboard use.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, newPage as openPage, baseUrl, accessibilityViolations, collectErrors, screenshotDir } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const newPage = (options) => openPage(browser, options);

test('the root address opens the Latvian home page by default', async () => {
  const page = await newPage({ locale: 'lv-LV' });
  const errors = collectErrors(page);
  await page.goto(baseUrl + '/');
  assert.match(page.url(), /\/lv\/$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'lv');
  assert.equal(await page.textContent('h1'), 'Šķirosim tīrākai nākotnei!');
  assert.ok(await page.isVisible('input[name=q]'), 'the guide search box is on the page');
  assert.ok(await page.isVisible('text=Tuvākie pasākumi'));
  await page.screenshot({ path: path.join(screenshotDir, 'home-lv.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('a Russian browser is sent to the Russian pages', async () => {
  const page = await newPage({ locale: 'ru-RU' });
  await page.goto(baseUrl + '/');
  assert.match(page.url(), /\/ru\/$/);
  assert.equal(await page.textContent('h1'), 'Сортируем ради чистого будущего!');
});

test('the language switcher moves between the three languages on the same page', async () => {
  const page = await newPage();
  await page.goto(baseUrl + '/lv/about');
  await page.click('nav.languages >> text=Русский');
  assert.match(page.url(), /\/ru\/about$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'ru');
  assert.ok(await page.isVisible('text=Наши цели'));
  await page.screenshot({ path: path.join(screenshotDir, 'about-ru.png'), fullPage: true });
  await page.click('nav.languages >> text=English');
  assert.match(page.url(), /\/en\/about$/);
  assert.ok(await page.isVisible('text=Our aims'));
  await page.screenshot({ path: path.join(screenshotDir, 'about-en.png'), fullPage: true });
});

for (const lang of ['lv', 'ru', 'en']) {
  for (const pagePath of ['/', '/about', '/activities', '/no-such-page']) {
    test(`no accessibility violations of moderate impact or more: /${lang}${pagePath}`, async () => {
      const page = await newPage();
      await page.goto(`${baseUrl}/${lang}${pagePath}`);
      const violations = await accessibilityViolations(page);
      assert.deepEqual(violations, []);
    });
  }
}

test('the keyboard reaches the skip link first and it moves focus to the content', async () => {
  const page = await newPage();
  await page.goto(baseUrl + '/en/');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.className);
  assert.equal(focused, 'skip-link');
  await page.keyboard.press('Enter');
  // A fragment navigation: wait for it (under load page.url() may still be the page's own).
  await page.waitForURL(/#main$/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
});

test('a phone-sized screen shows the page without sideways scrolling', async () => {
  const page = await newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
  await page.goto(baseUrl + '/lv/');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await page.screenshot({ path: path.join(screenshotDir, 'home-lv-phone.png'), fullPage: true });
});

test('the site works without JavaScript', async () => {
  const page = await newPage({ javaScriptEnabled: false });
  await page.goto(baseUrl + '/en/');
  await page.click('text=About');
  assert.match(page.url(), /\/en\/about$/);
});
