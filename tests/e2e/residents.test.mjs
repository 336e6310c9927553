// A resident on a phone (360×740), in Latvian and in Russian: the pages after registering and the
// cancel link say which activity, when, where and for how many; an activity's language and "just
// come"; required fields and a second registration of the same contact; date and time inputs
// large enough to touch in the staff editor; the location button; a point's week with today.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, newPage as openPage, baseUrl, screenshotDir } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const phone = { viewport: { width: 360, height: 740 } };
const newPage = (options) => openPage(browser, { ...phone, ...options });
const shot = (page, name) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
const unique = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

// The words of each language, from locale/lv.po and locale/ru.po, and the sample activities'
// titles and facts from data/daugavpils-kimija/activities.json as the server writes them.
const words = {
  lv: {
    workshop: 'Šķirošanas darbnīca senioriem', when: 'trešdiena, 9. decembris, plkst. 15.00–16.30',
    where: 'Ceriņu bibliotēka', party: ['Pieaugušie: 2', '7–12 gadi: 1'],
    lesson: 'Eko nodarbība ģimenēm: kas ir depozīta zīme?', heldInLatvian: 'Pasākums notiek latviešu valodā.',
    swap: 'Mantu maiņas tirdziņš: rotaļlietas un grāmatas', justCome: 'Pieteikties nav nepieciešams: vienkārši nāciet.',
    required: '(obligāti)', another: 'Tā ir cita grupa: pieteikt arī to',
    already: 'Ar šo e-pasta adresi vai tālruņa numuru šim pasākumam jau ir pieteikums.',
    locate: 'Izmantot manu atrašanās vietu', refused: 'Jūsu atrašanās vietu neizdevās izmantot',
  },
  ru: {
    workshop: 'Мастерская по сортировке для пожилых', when: 'среда, 9 декабря, 15:00–16:30',
    where: 'Библиотека Цериню', party: ['Взрослые: 2', '7–12 лет: 1'],
    lesson: 'Экозанятие для семей: что такое знак депозита?', heldInLatvian: 'Мероприятие проходит на латышском языке.',
    swap: 'Ярмарка обмена: игрушки и книги', justCome: 'Записываться не нужно: просто приходите.',
    required: '(обязательно)', another: 'Это другая группа: записать и её',
    already: 'С этим адресом электронной почты или номером телефона на это мероприятие уже есть запись.',
    locate: 'Использовать моё местоположение', refused: 'Не удалось использовать ваше местоположение',
  },
};

async function openActivity(page, lang, title) {
  await page.goto(`${baseUrl}/${lang}/activities`);
  await Promise.all([page.waitForNavigation(), page.locator('ul.cards h2 a', { hasText: title }).click()]);
  assert.equal(await page.locator('h1').innerText(), title);
}

// Fills the resident's form as a guest and sends it; returns the response to the post.
async function register(page, { name, contact, adults = 1, children = 0 }) {
  await page.fill('#name', name);
  await page.fill('#contact', contact);
  await page.fill('#age-adults', String(adults));
  await page.fill('#age-age-7-12', String(children));
  const [response] = await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
  return response;
}

// The facts list (dl.facts) as { term: description }.
async function facts(page) {
  return page.locator('dl.facts').evaluate(dl => Object.fromEntries(
    [...dl.querySelectorAll('dt')].map(dt => [dt.innerText.trim(), dt.nextElementSibling.innerText.trim()])));
}

function assertSaysWhatWhenWhereHowMany(said, w, page) {
  const values = Object.values(said);
  assert.ok(values.includes(w.workshop), `${page}: the activity is named (${JSON.stringify(said)})`);
  assert.ok(values.includes(w.when), `${page}: when`);
  assert.ok(values.includes(w.where), `${page}: where`);
  const party = values.find(v => v.includes(w.party[0]));
  assert.ok(party && w.party.every(p => party.includes(p)), `${page}: for how many (${party})`);
}

for (const lang of ['lv', 'ru']) {
  const w = words[lang];

  test(`after registering, the page and the cancel link say which activity, when, where and for how many (${lang}, 360×740)`, async () => {
    const page = await newPage();
    await openActivity(page, lang, w.workshop);
    const response = await register(page, { name: 'Ilze', contact: `ilze${unique()}@example.org`, adults: 2, children: 1 });
    assert.equal(response.status(), 200);
    assertSaysWhatWhenWhereHowMany(await facts(page), w, 'the confirmation');
    // The success notice is green, not the amber of a warning, and Latvian says it to anyone
    // (not the masculine "esat pieteicies").
    const edge = await page.locator('p.notice[role=status]').evaluate(p => getComputedStyle(p).borderLeftColor);
    const [r, g, b] = edge.match(/\d+/g).map(Number);
    assert.ok(g > r && g > b, `the notice's edge is green (${edge})`);
    assert.doesNotMatch(await page.locator('main').innerText(), /pieteicies|pieteikusies/);
    await shot(page, `residents-registered-${lang}`);
    const cancel = page.locator(`a[href^="/${lang}/registrations/cancel?token="]`);
    await Promise.all([page.waitForNavigation(), cancel.click()]);
    assertSaysWhatWhenWhereHowMany(await facts(page), w, 'the cancel page');
    // The facts come before the button, on the screen and in the reading order.
    const button = page.locator(`form[action="/${lang}/registrations/cancel"] button[type=submit]`);
    assert.ok(await button.isVisible());
    const [list, press] = [await page.locator('dl.facts').boundingBox(), await button.boundingBox()];
    assert.ok(list.y + list.height <= press.y, 'the facts are above the button');
    assert.ok(await page.evaluate(() => Boolean(document.querySelector('dl.facts').compareDocumentPosition(
      document.querySelector('form[action$="/registrations/cancel"] button')) & Node.DOCUMENT_POSITION_FOLLOWING)));
    await shot(page, `residents-cancel-${lang}`);
  });

  test(`an activity without registration says "just come" and has no form (${lang}, 360×740)`, async () => {
    const page = await newPage();
    await openActivity(page, lang, w.swap);
    assert.ok(await page.getByText(w.justCome, { exact: true }).isVisible());
    assert.equal(await page.locator('#name').count(), 0);
    await shot(page, `residents-just-come-${lang}`);
  });

  test(`required fields say so beside their label, and the same contact registering twice is told (${lang}, 360×740)`, async () => {
    const page = await newPage();
    await openActivity(page, lang, w.workshop);
    for (const field of ['name', 'contact']) {
      assert.equal(await page.locator(`label[for=${field}] span.required`).innerText(), w.required, field);
    }
    const contact = `janis${unique()}@example.org`;
    assert.equal((await register(page, { name: 'Jānis', contact })).status(), 200);
    await openActivity(page, lang, w.workshop);
    const twice = await register(page, { name: 'Jānis', contact: contact.toUpperCase() });
    assert.equal(twice.status(), 409);
    const link = page.locator('.error-summary a[href="#contact"]');
    assert.ok(await link.isVisible());
    assert.match(await link.innerText(), new RegExp('^' + w.already.replace(/[.]/g, '\\.')));
    assert.match(await page.locator('#contact-error').innerText(), new RegExp(w.already.replace(/[.]/g, '\\.')));
    assert.ok(await page.getByLabel(w.another).isVisible());
    await shot(page, `residents-registered-twice-${lang}`);
  });

  test(`the staff editor's date and time inputs are at least 44 px tall (${lang}, 360×740)`, async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/lv/login`);
    await page.fill('#login', 'librarian@example.org');
    await page.fill('#password', 'e2e staff password');
    await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
    await page.goto(`${baseUrl}/${lang}/staff/activities/new`);
    const inputs = page.locator('input[type=datetime-local], input[type=date], input[type=time]');
    assert.ok(await inputs.count() >= 3, 'the start, the end and the last date of a series');
    for (const input of await inputs.all()) {
      const box = await input.boundingBox();
      assert.ok(box && box.height >= 44, `#${await input.getAttribute('id')} is ${box?.height} px tall`);
    }
    await inputs.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, `residents-editor-dates-${lang}.png`) });
  });

  // The button is on the guide's item pages (templates/guide/item.mustache), the only pages that
  // measure distances from where the reader is.
  test(`without JavaScript "use my location" is not shown (${lang}, 360×740)`, async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(`${baseUrl}/${lang}/guide/item/battery`);
    const button = page.locator('[data-locate]');
    assert.equal(await button.count(), 1);
    assert.equal(await button.isVisible(), false);
    await shot(page, `residents-locate-nojs-${lang}`);
  });

  test(`with JavaScript and the location refused, "use my location" says it could not be used (${lang}, 360×740)`, async () => {
    const page = await newPage({ permissions: [] });
    await page.goto(`${baseUrl}/${lang}/guide/item/battery`);
    const button = page.getByRole('button', { name: w.locate });
    assert.ok(await button.isVisible());
    const refused = page.locator('[data-locate-refused]');
    assert.equal(await refused.isVisible(), false);
    await button.click();
    await refused.waitFor({ state: 'visible', timeout: 10000 });
    assert.match(await refused.innerText(), new RegExp('^' + w.refused));
    assert.doesNotMatch(page.url(), /near=/);
    await shot(page, `residents-locate-refused-${lang}`);
  });
}

// Only the Russian page has something to say: a Latvian reader needs no notice that an activity
// is in Latvian, so the Latvian page is checked for its absence.
test('an activity held only in Latvian says so on the Russian page and not on the Latvian one (360×740)', async () => {
  const page = await newPage();
  await openActivity(page, 'ru', words.ru.lesson);
  assert.ok(await page.getByText(words.ru.heldInLatvian, { exact: true }).isVisible());
  // The organiser in words a Russian reader knows, not the Latvian abbreviation "26. PII".
  assert.doesNotMatch(await page.locator('main').innerText(), /PII/);
  assert.ok(await page.getByText('26-й детский сад').first().isVisible());
  await shot(page, 'residents-held-in-latvian-ru');
  await openActivity(page, 'lv', words.lv.lesson);
  assert.equal(await page.getByText(words.lv.heldInLatvian).count(), 0);
  await shot(page, 'residents-held-in-latvian-lv');
});

// The Russian page's week is in points.test.mjs; the Latvian one here. The server's day is
// Tuesday, 1 December 2026.
test('a point page has a week table with today marked (lv, 360×740)', async () => {
  const page = await newPage();
  await page.goto(`${baseUrl}/lv/points/kimija-shop-box`);
  const rows = page.locator('table.hours tr');
  assert.equal(await rows.count(), 7);
  assert.equal(await rows.first().locator('th').innerText(), 'Pirmdiena');
  assert.equal(await page.locator('table.hours tr.today').count(), 1);
  assert.equal(await page.locator('table.hours tr.today th').innerText(), 'Otrdiena (šodien)');
  assert.equal(await rows.first().locator('td').innerText(), '8.00–22.00');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360));
  await shot(page, 'residents-point-week-lv');
});
