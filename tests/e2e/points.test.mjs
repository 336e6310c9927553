// Collection points in the browser: the map with its markers beside an accessible list, the
// list alone without JavaScript, a point page and its poster.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, newPage as openPage, baseUrl, eveningUrl, accessibilityViolations, collectErrors, screenshotDir } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const newPage = (options) => openPage(browser, options);

test('the map shows the points, and the same points as a list', async () => {
  const context = await browser.newContext();  // the site's own CSP applies
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(baseUrl + '/lv/points/map');
  await page.waitForSelector('#map .leaflet-marker-icon', { timeout: 10000 });
  const markers = await page.locator('#map .leaflet-marker-icon').count();
  const listed = await page.locator('ul.points li').count();
  assert.ok(markers >= 10, `${markers} markers`);
  assert.equal(markers, listed);
  await page.screenshot({ path: path.join(screenshotDir, 'points-map-lv.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

// The map on a phone in each language: markers reached by keyboard, pop-ups that say open or
// closed with a link, a word when the tiles fail; without JavaScript no word of a map.
const mapWords = {
  lv: { status: /Pašlaik (atvērts|slēgts)/, list: 'Tās pašas vietas sarakstā:',
        tilesFailed: 'Kartes fonu neizdevās ielādēt. Visas vietas ir sarakstā zemāk.' },
  ru: { status: /Сейчас (открыто|закрыто)/, list: 'Те же места списком:',
        tilesFailed: 'Не удалось загрузить подложку карты. Все места есть в списке ниже.' },
};
for (const [lang, w] of Object.entries(mapWords)) {
  test(`on a phone the map's places are reached by keyboard and their pop-ups say open or closed (${lang}, 360×740)`, async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}/${lang}/points/map?channel=batteries`);
    await page.waitForSelector('#map .leaflet-marker-icon');
    const marker = page.locator('#map .leaflet-marker-icon').first();
    assert.equal(await marker.getAttribute('role'), 'button');
    assert.match(await marker.getAttribute('aria-label'), w.status);
    const size = await marker.boundingBox();
    assert.ok(size.width <= 20, `a ${size.width}px dot on a phone`);
    await marker.focus();
    await page.keyboard.press('Enter');
    const popup = page.locator('.leaflet-popup-content');
    await popup.waitFor({ state: 'visible' });
    assert.match(await popup.innerText(), w.status);
    assert.match(await popup.locator('a').getAttribute('href'), new RegExp(`^/${lang}/points/`));
    assert.ok(await page.getByText(w.list).isVisible());
    await page.screenshot({ path: path.join(screenshotDir, `points-map-${lang}-360.png`) });
    assert.deepEqual(errors, []);
  });

  test(`when the map's tiles fail the page says so and points to the list (${lang}, 360×740)`, async () => {
    const page = await newPage({ viewport: { width: 360, height: 740 } });
    await page.route('**/static/tiles/**', (route) => route.abort());
    await page.goto(`${baseUrl}/${lang}/points/map`);
    await page.locator('[data-tiles-failed]').waitFor({ state: 'visible', timeout: 10000 });
    assert.equal((await page.locator('[data-tiles-failed]').innerText()).trim(), w.tilesFailed);
  });

  test(`without JavaScript the list is there and the map is not in the way (${lang}, 360×740)`, async () => {
    const page = await newPage({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    await page.goto(`${baseUrl}/${lang}/points/map`);
    assert.ok(!(await page.isVisible('#map')));
    // Nothing speaks of a map that is not there.
    assert.ok(!(await page.getByText(w.list).isVisible()));
    assert.ok((await page.locator('ul.points li').count()) >= 10);
  });
}

test('a filter by channel narrows the map and the list', async () => {
  const page = await newPage();
  await page.goto(baseUrl + '/ru/points/map?channel=medicines');
  await page.waitForSelector('#map .leaflet-marker-icon');
  assert.equal(await page.locator('#map .leaflet-marker-icon').count(), 1);
  assert.equal(await page.locator('ul.points li').count(), 1);
  assert.ok(await page.isVisible('text=Аптека, принимающая лекарства'));
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

// A printed poster: no site header or log-in link, the address and the hours in both languages,
// the sheet filled, and the QR code opening the page in the language it was printed from.
for (const [lang, logIn] of [['lv', 'Pieslēgties'], ['ru', 'Войти']]) {
  test(`a poster printed from the ${lang} page fills A4, has no site header and its QR code opens the ${lang} page`, async () => {
    const page = await newPage({ viewport: { width: 794, height: 1123 } });  // A4 at 96 dpi
    await page.goto(`${baseUrl}/${lang}/points/kimija-pharmacy/poster`);
    await page.emulateMedia({ media: 'print' });
    assert.ok(!(await page.locator('.site-header').isVisible()));
    assert.ok(!(await page.getByText(logIn).isVisible()));
    assert.equal((await page.locator('.poster-address').innerText()).trim(), 'Ķīmijas apkaime, Daugavpils');
    assert.ok(await page.locator('.poster-hours [lang=ru]').getByText('Пн–Пт 8:00–20:00').isVisible());
    assert.ok(await page.locator('.poster-hours [lang=lv]').getByText('P–Pk 8.00–20.00').isVisible());
    const box = await page.locator('.poster').boundingBox();
    assert.ok(box.height > 950, `the poster is ${box.height}px tall of about 1010`);
    assert.match(await page.locator('.poster-qr figcaption').innerText(), new RegExp(`/${lang}/points/kimija-pharmacy$`));
    await page.screenshot({ path: path.join(screenshotDir, `poster-${lang}-print.png`), fullPage: true });
  });
}

// The places on an item's page at 360×740: open or closed in words, the week's hours in the
// reader's language, where the distance is measured from.
for (const [lang, open, hours, from, unit] of [
  ['lv', /Pašlaik atvērts, līdz plkst\. \d+\.00/, 'P–Pk 9.00–18.00', 'Attālums mērīts no vietas: 26. PII', /\d (m|km)$/],
  ['ru', /Сейчас открыто, до \d+:00/, 'Пн–Пт 9:00–18:00', 'Расстояние считается от места: 26-й детский сад', /\d (м|км)$/],
]) {
  test(`the places that take batteries say in words when they are open (${lang}, 360×740)`, async () => {
    const page = await newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${baseUrl}/${lang}/guide/item/battery`);
    const section = page.locator('section.nearest');
    await section.scrollIntoViewIfNeeded();
    assert.ok(await section.getByText(from).isVisible());
    const first = section.locator('li.card').first();
    assert.match(await first.locator('p.open').innerText(), open);
    assert.ok(await section.getByText(hours).first().isVisible());
    assert.match(await first.locator('strong').innerText(), unit);
    assert.doesNotMatch(await section.innerText(), /Mo-Fr|2026/);
    await page.screenshot({ path: path.join(screenshotDir, `item-places-${lang}-360.png`), fullPage: true });
  });
}

// At 19:00 on a Tuesday the partners' battery boxes (Mo–Fr 9–18) are closed and the shop's box
// (8–22) is open though farther away: it comes first, and the closed ones say when they open.
for (const [lang, open, closed] of [
  ['lv', 'Pašlaik atvērts, līdz plkst. 22.00', 'Pašlaik slēgts, atvērs rīt plkst. 9.00'],
  ['ru', 'Сейчас открыто, до 22:00', 'Сейчас закрыто, откроется завтра в 9:00'],
]) {
  test(`in the evening the open place comes first and the closed ones say when they open (${lang}, 360×740)`, async () => {
    const page = await newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${eveningUrl}/${lang}/guide/item/battery`);
    const cards = page.locator('section.nearest li.card');
    const first = cards.first();
    assert.equal(await first.locator('a').first().getAttribute('href'), `/${lang}/points/kimija-shop-box`);
    assert.equal((await first.locator('p.open').innerText()).trim(), open);
    const later = (await cards.locator('p.closed').allInnerTexts()).map(s => s.trim());
    assert.equal(later.length, (await cards.count()) - 1, 'every other place is closed');
    assert.ok(later.length >= 2, `${later.length} closed places listed`);
    assert.deepEqual(later, Array(later.length).fill(closed));
    await page.screenshot({ path: path.join(screenshotDir, `item-places-evening-${lang}-360.png`), fullPage: true });
  });
}

test('a point page has a week table with today marked (ru, 360×740)', async () => {
  const page = await newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(baseUrl + '/ru/points/kimija-shop-box');
  const rows = page.locator('table.hours tr');
  assert.equal(await rows.count(), 7);
  assert.equal(await page.locator('table.hours tr.today th').innerText(), 'Вторник (сегодня)');
  assert.equal(await rows.first().locator('td').innerText(), '8:00–22:00');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360));
});

test('without JavaScript "use my location" is not offered', async () => {
  const page = await newPage({ javaScriptEnabled: false });
  await page.goto(baseUrl + '/ru/guide/item/battery');
  assert.equal(await page.locator('[data-locate]').count(), 1);
  assert.ok(!(await page.locator('[data-locate]').isVisible()));
});

test('a refused location is said, and the distances stay from the chosen place', async () => {
  // No geolocation permission granted: the browser refuses, as when a person says no.
  const page = await newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(baseUrl + '/lv/guide/item/battery');
  const button = page.locator('[data-locate]');
  assert.ok(await button.isVisible());
  await button.click();
  const refused = page.locator('[data-locate-refused]');
  await refused.waitFor({ state: 'visible', timeout: 10000 });
  assert.match(await refused.innerText(), /Jūsu atrašanās vietu neizdevās izmantot/);
  assert.doesNotMatch(page.url(), /near=/);
});

test('an allowed location measures from where the person stands', async () => {
  const page = await newPage({ viewport: { width: 360, height: 740 }, permissions: ['geolocation'],
                               geolocation: { latitude: 55.9010, longitude: 26.5715 } });
  await page.goto(baseUrl + '/en/guide/item/battery');
  await Promise.all([page.waitForURL(/near=55\.90100(%2C|,)26\.57150/), page.locator('[data-locate]').click()]);
  assert.ok(await page.getByText('Distances are measured from: your location').isVisible());
});

for (const target of ['/lv/points', '/ru/points/map', '/en/points/liginiski-sorting-site', '/lv/points/kimija-pharmacy/poster',
                      '/ru/guide/bin/glass/label', '/en/guide/item/battery?from=mezgls']) {
  test(`no accessibility violations of moderate impact or more: ${target}`, async () => {
    const page = await newPage();
    await page.goto(baseUrl + target);
    assert.deepEqual(await accessibilityViolations(page), []);
  });
}
