// Signed-in pages on a phone (360×740), in Latvian and in Russian: a resident's account (the
// language of sign-up, roles in words, saving the language, a wrong password, the readable data
// page); staff (where they land, their role, the activity page's heading, a refused save); the
// coordinator (problem reports and the operator's message, the figures' period and CSV, searches
// that found nothing); and the language switch keeping the page and the query.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { launch, newPage as openPage, baseUrl, accessibilityViolations, screenshotDir } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const phone = { viewport: { width: 360, height: 740 } };
const newPage = (options) => openPage(browser, { ...phone, ...options });
const shot = (page, name) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
const unique = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

// The words of each language, from locale/lv.po and locale/ru.po, and the sample data's names
// from data/daugavpils-kimija as the server writes them.
const words = {
  lv: {
    resident: 'iedzīvotājs', email: 'E-pasts', saved: 'Saglabāts.', wrongPassword: 'Parole nav pareiza.',
    myData: 'Mani dati', notMovedBack: 'Pasākumu nevar pārcelt uz laiku, kas jau pagājis.', battery: 'baterija', notYet: 'Pasākums vēl nav sācies. Apmeklējumu varēs atzīmēt, kad tas sāksies:', library: 'Ceriņu bibliotēka', problem: 'Lūdzu, izlabojiet',
    reports: 'Ziņojumi par problēmām', figures: 'Pasākumu skaitļi', thisMonth: 'Šis mēnesis',
    misses: 'Meklējumi, kas neko neatrada', russian: 'krievu', forward: 'Pārsūtīt',
    point: 'kimija-pharmacy', place: 'Aptieka, kas pieņem zāles', placeInLatvian: 'Aptieka, kas pieņem zāles', month: 'decembris',
    planned: 'Vēl gaidāmie pasākumi',
  },
  ru: {
    resident: 'житель', email: 'Эл. почта', saved: 'Сохранено.', wrongPassword: 'Неверный пароль.',
    myData: 'Мои данные', notMovedBack: 'Мероприятие нельзя перенести на время, которое уже прошло.', battery: 'батарейка', notYet: 'Мероприятие ещё не началось. Отметить посещаемость можно будет, когда оно начнётся:', library: 'Библиотека Цериню', problem: 'Пожалуйста, исправьте',
    reports: 'Заявки о проблемах', figures: 'Показатели мероприятий', thisMonth: 'Этот месяц',
    misses: 'Запросы без ответа', russian: 'русский', forward: 'Передать',
    point: 'kimija-textile-container', place: 'Контейнер для текстиля', placeInLatvian: 'Tekstila konteiners', month: 'декабря',
    planned: 'Предстоящие мероприятия',
  },
};

async function logIn(page, lang, login, password) {
  await page.goto(`${baseUrl}/${lang}/login`);
  await page.fill('#login', login);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
}
const coordinatorIn = async (lang) => {
  const page = await newPage();
  await logIn(page, lang, 'coordinator@example.org', 'e2e coordinator password');
  return page;
};

// The newest message to `recipient` in the outbox, as the coordinator reads it.
async function lastMessageTo(coordinator, lang, recipient) {
  await coordinator.goto(`${baseUrl}/${lang}/coordinator/outbox`);
  const card = coordinator.locator('ul.cards li.card', { hasText: recipient }).first();
  return card.innerText();
}

for (const lang of ['lv', 'ru']) {
  const w = words[lang];

  test(`a resident signing up on the ${lang} page gets ${lang} messages; the account names the role in words, saving the language and a wrong password are told, and my data reads as text (${lang}, 360×740)`, async () => {
    const email = `signed${unique()}@example.org`;
    const resident = await newPage();
    await resident.goto(`${baseUrl}/${lang}/signup`);
    // The page's language is chosen already, so a Russian reader gets Russian e-mail.
    assert.equal(await resident.locator('input[name=language]:checked').getAttribute('value'), lang);
    await resident.fill('#display_name', 'Inese');
    await resident.fill('#login', email);
    await resident.fill('#password', 'mana drošā parole');
    await resident.check('input[name=age]');
    await Promise.all([resident.waitForNavigation(), resident.click('form.stack button[type=submit]')]);

    const coordinator = await coordinatorIn(lang);
    const message = await lastMessageTo(coordinator, lang, email);
    const link = message.match(new RegExp(`https?://\\S+/${lang}/confirm\\?token=[A-Za-z0-9_-]+`));
    assert.ok(link, `the confirmation is written for the ${lang} page (${message})`);
    // How it goes out, in words ("email" was shown as it is stored).
    assert.ok(message.includes(` · ${w.email} · ${email}`), message);
    await resident.goto(baseUrl + new URL(link[0]).pathname + new URL(link[0]).search);
    assert.match(resident.url(), new RegExp(`/${lang}/account\\?welcome=1$`));

    const roles = await resident.locator('dl.facts dd ul li').allInnerTexts();
    assert.deepEqual(roles, [w.resident], 'the role in words, without empty brackets');

    await Promise.all([resident.waitForNavigation(), resident.click(`form[action$="/account/language"] button[type=submit]`)]);
    assert.equal((await resident.locator('p.notice[role=status]').innerText()).trim(), w.saved);

    await resident.fill('#delete-password', 'not the password');
    const [refused] = await Promise.all([resident.waitForNavigation(), resident.click('button.danger')]);
    assert.equal(refused.status(), 400);
    const error = resident.locator('#delete-password-error');
    assert.ok(await error.isVisible(), 'the error stands beside the password field');
    assert.ok((await error.innerText()).includes(w.wrongPassword), await error.innerText());
    assert.equal(await resident.locator('#delete-password').getAttribute('aria-invalid'), 'true');
    await shot(resident, `account-wrong-password-${lang}`);

    await resident.goto(`${baseUrl}/${lang}/account/data`);
    assert.equal(await resident.locator('h1').innerText(), w.myData);
    const text = await resident.locator('main').innerText();
    assert.ok(text.includes(email));
    assert.ok(text.includes(w.month), 'times are dates in words');
    assert.doesNotMatch(text, /\b1[6-9]\d{8}\b/, 'no Unix timestamps');
    assert.doesNotMatch(text, /\b(created_at|display_name|email)\b/, 'no JSON keys');
    assert.deepEqual(await accessibilityViolations(resident), []);
    await shot(resident, `account-data-${lang}`);
  });

  test(`staff logging in on the ${lang} page land on their activities; their role names the institution; the activity's heading is its title, a refused save keeps what was typed, a date is not moved into the past, and a coming activity's attendance sheet says it cannot be filled in yet (${lang}, 360×740)`, async () => {
    const librarian = await newPage();
    await logIn(librarian, lang, 'librarian@example.org', 'e2e staff password');
    assert.match(librarian.url(), new RegExp(`/${lang}/staff/activities$`));

    await librarian.goto(`${baseUrl}/${lang}/account`);
    const roles = (await librarian.locator('dl.facts dd ul li').allInnerTexts()).join(' | ');
    assert.ok(roles.includes(w.library), roles);
    assert.doesNotMatch(roles, /cerinu-biblioteka|\(\)/);

    await librarian.goto(`${baseUrl}/${lang}/staff/activities`);
    const first = librarian.locator('li.card h2 a').first();
    const title = (await first.innerText()).trim();
    await Promise.all([librarian.waitForNavigation(), first.click()]);
    assert.equal((await librarian.locator('h1').innerText()).trim(), title);

    // A refused save: the end before the start.
    const start = await librarian.inputValue('#start');
    await librarian.fill('#end', start.replace(/T\d\d:\d\d/, 'T00:00'));
    const typed = `${title} ${unique()}`;
    const titleField = lang === 'ru' && await librarian.inputValue('#title_ru') ? '#title_ru' : '#title_lv';
    await librarian.fill(titleField, typed);
    const [refused] = await Promise.all([librarian.waitForNavigation(),
      librarian.click('form.editor button[type=submit]:not([name])')]);
    assert.equal(refused.status(), 400);
    const summary = librarian.locator('.error-summary');
    assert.ok((await summary.innerText()).includes(w.problem));
    assert.equal(await summary.locator('a').first().getAttribute('href'), '#end');
    assert.ok(await librarian.locator('#end-error').isVisible(), 'the error stands beside the field');
    assert.equal(await librarian.inputValue(titleField), typed, 'what was typed is kept');
    assert.doesNotMatch(await summary.innerText(), /activities\[|\.lv|form:/, 'no internal paths');
    await shot(librarian, `staff-editor-refused-${lang}`);

    // Nor may it be moved back to a time that has passed, to look held (the clock: 1 December).
    await librarian.fill('#start', '2026-11-20T10:00');
    await librarian.fill('#end', '2026-11-20T11:00');
    const [backDated] = await Promise.all([librarian.waitForNavigation(),
      librarian.click('form.editor button[type=submit]:not([name])')]);
    assert.equal(backDated.status(), 400);
    assert.ok((await librarian.locator('#start-error').innerText()).includes(w.notMovedBack));
    assert.equal(await librarian.inputValue('#start'), '2026-11-20T10:00', 'what was typed is kept');

    // The attendance sheet of an activity still to come says so before anything is typed.
    const id = librarian.url().match(/activities\/(\d+)/)[1];
    await librarian.goto(`${baseUrl}/${lang}/staff/activities/${id}/attendance`);
    assert.ok(await librarian.getByText(w.notYet).isVisible());
    assert.ok(await librarian.locator('#walk-adults').isDisabled());
    assert.equal(await librarian.locator('form.attendance button[type=submit]').count(), 0);
    await shot(librarian, `attendance-not-yet-${lang}`);
  });

  test(`the coordinator's hub leads to problem reports, a report names the place, and the message forwarded to the operator says where it is (${lang}, 360×740)`, async () => {
    const resident = await newPage();
    const details = `Pārpildīts ${unique()}`;
    // A place of its own for each language: a second report of the same place is joined to the first.
    await resident.goto(`${baseUrl}/${lang}/points/${w.point}`);
    await resident.check('input[name=kind][value=overflowing]');
    await resident.fill('#details', details);
    await Promise.all([resident.waitForNavigation(), resident.click('form[action$="/report"] button[type=submit]')]);

    const coordinator = await coordinatorIn(lang);
    assert.match(coordinator.url(), new RegExp(`/${lang}/coordinator$`));
    await Promise.all([coordinator.waitForNavigation(), coordinator.click(`a.bin-card:has-text("${w.reports}")`)]);
    const card = coordinator.locator('li.card', { hasText: details });
    assert.equal((await card.locator('h2').innerText()).trim(), w.place);
    assert.doesNotMatch(await card.innerText(), new RegExp(`${w.point}|overflowing`), 'no internal codes');
    const operator = `operator${unique()}@example.org`;
    await card.locator('input[type=email]').fill(operator);
    await Promise.all([coordinator.waitForNavigation(), card.locator(`button:has-text("${w.forward}")`).click()]);

    const message = await lastMessageTo(coordinator, lang, operator);
    // The operator reads the town's first language, whichever page forwarded it.
    assert.ok(message.includes(`Vieta: ${w.placeInLatvian}`), 'the place by name');
    assert.ok(message.includes('Ķīmijas apkaime, Daugavpils'), 'its address');
    assert.match(message, /openstreetmap\.org\/\?mlat=55\.\d+&mlon=26\.\d+/, 'its coordinates on a map');
    assert.ok(message.includes(details));
    await shot(coordinator, `operator-message-${lang}`);
  });

  test(`the figures open on this month and their CSV starts with a byte-order mark (${lang}, 360×740)`, async () => {
    const coordinator = await coordinatorIn(lang);
    await coordinator.goto(`${baseUrl}/${lang}/coordinator`);
    await Promise.all([coordinator.waitForNavigation(), coordinator.click(`a.bin-card:has-text("${w.figures}")`)]);
    // The server's clock stands at 1 December 2026.
    assert.equal(await coordinator.inputValue('#from'), '2026-12-01');
    assert.equal(await coordinator.inputValue('#to'), '2026-12-31');
    assert.equal((await coordinator.locator('nav.letters a[aria-current=page]').innerText()).trim(), w.thisMonth);
    const [download] = await Promise.all([coordinator.waitForEvent('download'),
      coordinator.click('a[href*="/coordinator/figures/csv"]')]);
    const bytes = await readFile(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'Excel reads it as UTF-8');
    // This month's activities still to come are counted, named in the page's language.
    assert.match(bytes.toString('utf8'), new RegExp(`\\nactivities,planned,${w.planned},[1-9]`));
    await shot(coordinator, `figures-${lang}`);
  });

  test(`a search typed in Cyrillic on the ${lang} page that finds nothing is kept as Russian, and the box refuses an unknown name and takes the item's name in the page's language (${lang}, 360×740)`, async () => {
    const query = `щщыы${unique().slice(-5)}`;
    const visitor = await newPage();
    await visitor.goto(`${baseUrl}/lv/guide?q=${encodeURIComponent(query)}`);
    const coordinator = await coordinatorIn(lang);
    await coordinator.goto(`${baseUrl}/${lang}/coordinator/misses`);
    const card = coordinator.locator('li.card', { hasText: query });
    assert.ok((await card.locator('h2').innerText()).includes(`(${w.russian})`));
    assert.equal(await card.locator('h2 span[lang]').getAttribute('lang'), 'ru');
    await card.locator('input[name=item_name]').fill('no such item at all');
    const [refused] = await Promise.all([coordinator.waitForNavigation(),
      card.locator('button[type=submit]:not([name])').click()]);
    assert.equal(refused.status(), 400);
    const again = coordinator.locator('li.card', { hasText: query });
    assert.equal(await again.locator('input[name=item_name]').inputValue(), 'no such item at all');
    assert.ok(await again.locator('p.field-error').isVisible());
    await shot(coordinator, `misses-refused-${lang}`);
    // The item's name as the page shows it is taken, and the guide then answers the search.
    await again.locator('input[name=item_name]').fill(w.battery);
    await Promise.all([coordinator.waitForNavigation(), again.locator('button[type=submit]:not([name])').click()]);
    assert.ok(!(await coordinator.locator('main').innerText()).includes(query));
    await visitor.goto(`${baseUrl}/${lang}/guide?q=${encodeURIComponent(query)}`);
    assert.ok(await visitor.locator(`a[href="/${lang}/guide/item/battery"]`).first().isVisible());
  });

  test(`switching language from ${lang} keeps the page and the query (${lang}, 360×740)`, async () => {
    const other = lang === 'lv' ? 'ru' : 'lv';
    const page = await newPage();
    await page.goto(`${baseUrl}/${lang}/guide?q=baterija`);
    await Promise.all([page.waitForNavigation(), page.locator(`nav.languages a[hreflang=${other}]`).click()]);
    const url = new URL(page.url());
    assert.equal(url.pathname, `/${other}/guide`);
    assert.equal(url.searchParams.get('q'), 'baterija');
    assert.ok(await page.locator('a[href$="/guide/item/battery"]').first().isVisible());
  });
}
