// Activities in the browser: a family registers as guests; the calendar files open in a real
// iCalendar parser (ical.js).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import ICAL from 'ical.js';
import { launch, newPage as openPage, baseUrl, accessibilityViolations, screenshotDir } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const newPage = (options) => openPage(browser, options);

test('a family registers two adults and three children as guests', async () => {
  const page = await newPage();
  await page.goto(baseUrl + '/lv/activities?audience=families');
  await page.click('ul.cards h2 a >> nth=0');
  await page.fill('#name', 'Bērziņu ģimene');
  await page.fill('#contact', 'berzini@example.org');
  // Two adults and three children: one aged 1–6, two aged 7–12.
  await page.fill('#age-adults', '2');
  await page.fill('#age-age-1-6', '1');
  await page.fill('#age-age-7-12', '2');
  await page.check('input[name=group][value=families]');
  await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
  await page.waitForSelector('text=Pieteikums saņemts');
  await page.screenshot({ path: path.join(screenshotDir, 'activity-registered-lv.png'), fullPage: true });
  assert.ok(await page.isVisible('a[href*="/lv/registrations/cancel?token="]'));
});

// GOV.UK's pattern on a phone: the refused form comes back with the summary on the first screen,
// its link leads to the field, the message is by it, and what was typed is still there.
for (const lang of ['lv', 'ru']) {
  test(`a refused registration keeps what was typed and says what to fix (${lang}, 360×740)`, async () => {
    const page = await newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${baseUrl}/${lang}/activities?audience=families`);
    await page.click('ul.cards h2 a >> nth=0');
    await page.fill('#name', 'Ieva Kalniņa');
    await page.fill('#contact', 'asdf');
    await page.fill('#age-adults', '2');
    await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
    const summary = page.locator('.error-summary');
    assert.ok(await summary.isVisible());
    const box = await summary.boundingBox();
    assert.ok(box.y + box.height <= 740, `the summary ends at ${box.y + box.height} px`);
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'error-summary');
    assert.equal(await page.inputValue('#name'), 'Ieva Kalniņa');
    assert.equal(await page.inputValue('#contact'), 'asdf');
    assert.equal(await page.inputValue('#age-adults'), '2');
    assert.equal(await page.getAttribute('#contact', 'aria-invalid'), 'true');
    const message = (await page.textContent('#contact-error')).trim();
    assert.ok(message.length > 10 && message.includes(await summary.locator('a').textContent()));
    await page.screenshot({ path: path.join(screenshotDir, `registration-refused-${lang}-360.png`) });
    await summary.locator('a[href="#contact"]').click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'contact');
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.fill('#contact', `ieva${Date.now()}@example.org`);
    await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
    assert.equal(await page.locator('.error-summary').count(), 0);
  });
}

for (const feed of ['/calendar/all.ics?lang=lv', '/calendar/institution/cerinu-biblioteka.ics?lang=ru',
                    '/calendar/audience/families.ics?lang=en']) {
  test(`the feed ${feed} is valid iCalendar with Europe/Riga times`, async () => {
    const response = await fetch(baseUrl + feed);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    const zone = calendar.getFirstSubcomponent('vtimezone');
    assert.equal(zone.getFirstPropertyValue('tzid'), 'Europe/Riga');
    ICAL.TimezoneService.register(zone);
    const vevents = calendar.getAllSubcomponents('vevent');
    assert.ok(vevents.length >= 1);
    for (const vevent of vevents) {
      const event = new ICAL.Event(vevent);
      assert.ok(event.summary.length > 0);
      assert.equal(vevent.getFirstProperty('dtstart').getParameter('tzid'), 'Europe/Riga');
      assert.ok(event.endDate.compare(event.startDate) > 0);
    }
  });
}

test('one activity\'s file: the workshop at 15:00 Riga time is 13:00 UTC in December', async () => {
  const page = await newPage();
  await page.goto(baseUrl + '/en/activities?audience=age-65-plus');
  const href = await page.getAttribute('ul.cards h2 a >> nth=0', 'href');
  const id = href.split('/').pop();
  const calendar = new ICAL.Component(ICAL.parse(await (await fetch(`${baseUrl}/activities/${id}.ics?lang=en`)).text()));
  ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone'));
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent'));
  assert.equal(event.summary, 'Sorting workshop for seniors');
  const expected = new Date(Date.UTC(2026, 11, 9, 13));
  assert.equal(event.startDate.toJSDate().toISOString(), expected.toISOString());
});

// Before any attendance is recorded (staff.test.mjs records some, later), the results page says
// when its figures will come and leads to the next activity, instead of a table of zeros.
for (const [lang, words] of [['lv', 'Skaitļi būs redzami šeit'], ['ru', 'Цифры появятся здесь']]) {
  test(`the results page before any activity has taken place says when figures will come (${lang}, 360×740)`, async () => {
    const page = await newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${baseUrl}/${lang}/results`);
    assert.match(await page.textContent('main'), new RegExp(words));
    assert.equal(await page.locator('table.figures').count(), 0);
    const next = page.locator(`main a[href^="/${lang}/activities/"]`).first();
    const box = await next.boundingBox();
    assert.ok(box.y + box.height <= 740, 'the next activity is on the first screen');
    await page.screenshot({ path: path.join(screenshotDir, `results-empty-${lang}.png`) });
  });
}

const sampleYear = 2026;  // the server runs as of 2026-12-01 (scripts/test.sh), before the sample activities
for (const target of ['/lv/activities', '/ru/activities?held_in=ru', `/lv/activities/month?m=${sampleYear}-12`, '/ru/institutions/cerinu-biblioteka',
                      '/ru/results', '/lv/results']) {
  test(`no accessibility violations of moderate impact or more: ${target}`, async () => {
    const page = await newPage();
    await page.goto(baseUrl + target);
    assert.deepEqual(await accessibilityViolations(page), []);
  });
}
