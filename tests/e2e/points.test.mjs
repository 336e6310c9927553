// Collection points in the browser: the map with its markers beside an accessible list, the
// list alone without JavaScript, a point page and its poster.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, newPage as openPage, baseUrl, seriousViolations, collectErrors, screenshotDir } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const newPage = (options) => openPage(browser, options);

test('the map shows the points, and the same points as a list', async () => {
  const context = await browser.newContext();  // the site's own CSP applies
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(baseUrl + '/lv/points/map');
  await page.waitForSelector('#map path.leaflet-interactive', { timeout: 10000 });
  const markers = await page.locator('#map path.leaflet-interactive').count();
  const listed = await page.locator('ul.points li').count();
  assert.ok(markers >= 10, `${markers} markers`);
  assert.equal(markers, listed);
  await page.screenshot({ path: path.join(screenshotDir, 'points-map-lv.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('a filter by channel narrows the map and the list', async () => {
  const page = await newPage();
  await page.goto(baseUrl + '/ru/points/map?channel=medicines');
  await page.waitForSelector('#map path.leaflet-interactive');
  assert.equal(await page.locator('#map path.leaflet-interactive').count(), 1);
  assert.equal(await page.locator('ul.points li').count(), 1);
  assert.ok(await page.isVisible('text=Аптека, принимающая лекарства'));
});

test('without JavaScript the list is there and the map is not in the way', async () => {
  const page = await newPage({ javaScriptEnabled: false });
  await page.goto(baseUrl + '/en/points/map');
  assert.ok(!(await page.isVisible('#map')));
  assert.ok((await page.locator('ul.points li').count()) >= 10);
});

test('the nearest battery box from the guide, its page and its poster', async () => {
  const page = await newPage();
  await page.goto(baseUrl + '/lv/guide/item/battery');
  await page.click('section.nearest h3 a >> nth=0');
  assert.match(page.url(), /\/lv\/points\/.+-battery-box$/);
  await page.click('text=Izdrukāt plakātu šai vietai');
  assert.ok(await page.isVisible('svg .qr'));
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: path.join(screenshotDir, 'poster-print.png'), fullPage: true });
});

for (const target of ['/lv/points', '/ru/points/map', '/en/points/liginiski-sorting-site', '/lv/points/kimija-pharmacy/poster',
                      '/ru/guide/bin/glass/label', '/en/guide/item/battery?from=mezgls']) {
  test(`no serious accessibility violations: ${target}`, async () => {
    const page = await newPage();
    await page.goto(baseUrl + target);
    assert.deepEqual(await seriousViolations(page), []);
  });
}
