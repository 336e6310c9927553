// Staff and the coordinator at work: registering a resident who is not online, teaching the guide
// a word that people searched for in vain, a weekly series, assisted registration, attendance on
// a phone and the coordinator's figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, baseUrl, accessibilityViolations, screenshotDir } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function signedIn(login, password) {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(baseUrl + '/lv/login');
  await page.fill('#login', login);
  await page.fill('#password', password);
  await page.click('form.stack button[type=submit]');
  return page;
}

test('a librarian registers a resident who is offline; the resident takes the account over', async () => {
  const librarian = await signedIn('librarian@example.org', 'e2e staff password');
  await librarian.goto(baseUrl + '/lv/staff/residents');
  assert.deepEqual(await accessibilityViolations(librarian), []);
  await librarian.fill('#display_name', 'Valentīna');
  await librarian.check('input[name=language][value=ru]');
  await librarian.fill('#consent', 'Piekrīt, ka bibliotēka viņu piesaka pasākumiem');
  await librarian.check('input[name=consent_given]');
  await librarian.click('text=Reģistrēt iedzīvotāju');
  const code = (await librarian.textContent('.code')).trim();
  assert.match(code, /^\d{8}$/);
  await librarian.screenshot({ path: path.join(screenshotDir, 'staff-code-lv.png'), fullPage: true });
  // The librarian may not open the administrator's or the coordinator's pages.
  const refused = await librarian.goto(baseUrl + '/lv/admin/accounts');
  assert.equal(refused.status(), 403);

  const context = await browser.newContext();
  const resident = await context.newPage();
  await resident.goto(baseUrl + '/ru/takeover');
  await resident.fill('#code', code);
  await resident.fill('#login', `valentina${Date.now()}@example.org`);
  await resident.fill('#password', 'мой новый пароль');
  await resident.click('form.stack button[type=submit]');
  assert.match(resident.url(), /\/ru\/account\?welcome=1$/);
  assert.ok(await resident.isVisible('text=Valentīna'));
});

test('the coordinator teaches the guide a word people searched for in vain', async () => {
  const word = `zzqq${Date.now() % 100000}`;
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`${baseUrl}/lv/guide?q=${word}`);
  assert.ok(await visitor.isVisible('text=To mēs vēl nezinām.'));

  const coordinator = await signedIn('coordinator@example.org', 'e2e coordinator password');
  await coordinator.goto(baseUrl + '/lv/coordinator/misses');
  const card = coordinator.locator('li.card', { hasText: word });
  // The box takes the item's name as the coordinator sees it, not a code.
  await card.locator('input[name=item_name]').fill('baterija');
  await card.locator('button[type=submit]:not([name])').click();
  assert.ok(!(await coordinator.textContent('main')).includes(word));

  await visitor.goto(`${baseUrl}/lv/guide?q=${word}`);
  assert.ok(await visitor.isVisible('a[href="/lv/guide/item/battery"]'));
});

test('a librarian publishes a weekly series for seniors in Russian and registers a resident for one date', async () => {
  const librarian = await signedIn('librarian@example.org', 'e2e staff password');
  await librarian.goto(baseUrl + '/ru/staff/activities/new');
  await librarian.selectOption('#kind', 'workshop');
  await librarian.fill('#title_ru', 'Сортируем вместе по средам');
  await librarian.fill('#description_ru', 'Для пожилых, с чаем.');
  await librarian.fill('#start', '2027-02-03T15:00');
  await librarian.fill('#end', '2027-02-03T16:30');
  await librarian.check('input[name=repeat][value=weekly]');
  await librarian.fill('#repeat_until', '2027-02-24');
  await librarian.uncheck('input[name=held_in][value=lv]').catch(() => {});
  await librarian.check('input[name=held_in][value=ru]');
  await librarian.check('input[name=audiences][value=age-65-plus]');
  await librarian.check('input[name=registration]');
  await librarian.fill('#capacity', '12');
  await Promise.all([librarian.waitForNavigation(), librarian.click('form.editor button[type=submit]')]);
  await librarian.waitForSelector('[role=status]');
  assert.equal(await librarian.locator('input[name=scope]').count(), 2, 'a date of a series asks what to change');
  assert.deepEqual(await accessibilityViolations(librarian), []);
  await librarian.click('text=Открыть публичную страницу');
  await librarian.waitForSelector('h2:has-text("Другие даты")');
  assert.equal(await librarian.locator('ul.dates li').count(), 3);
  // Someone without an account, registered by the librarian with consent.
  await librarian.fill('#resident-name', 'Нина Петровна');
  await librarian.fill('#resident-age-adults', '0');
  await librarian.fill('#resident-age-age-65-plus', '1');
  await librarian.check('input[name=consent]');
  assert.deepEqual(await accessibilityViolations(librarian), []);
  await Promise.all([librarian.waitForNavigation(), librarian.click('form[action$="register-resident"] button[type=submit]')]);
  await librarian.waitForSelector('text=Вы записаны');
});

test('the attendance page works on a phone and the coordinator reads the figures', async () => {
  const librarian = await signedIn('librarian@example.org', 'e2e staff password');
  await librarian.setViewportSize({ width: 360, height: 740 });
  await librarian.goto(baseUrl + '/lv/staff/activities');
  await librarian.click('a:has-text("Šķirošanas darbnīca senioriem")');
  const edit = librarian.url();
  const id = edit.match(/activities\/(\d+)/)[1];
  await librarian.goto(baseUrl + `/lv/staff/activities/${id}/attendance`);
  await librarian.waitForSelector('h1:has-text("Apmeklējums un rezultāti")');
  assert.deepEqual(await accessibilityViolations(librarian), []);
  // The sample workshop is still to come: the sheet says so before anything is typed, and
  // cannot be filled in or saved.
  assert.ok(await librarian.getByText('Pasākums vēl nav sācies. Apmeklējumu varēs atzīmēt, kad tas sāksies:').isVisible());
  assert.ok(await librarian.locator('#walk-adults').isDisabled());
  assert.equal(await librarian.locator('form.attendance button[type=submit]').count(), 0);
  const box = await librarian.locator('#walk-adults').boundingBox();
  assert.ok(box.height >= 44, 'a large touch target');
  await librarian.screenshot({ path: path.join(screenshotDir, 'attendance-phone-lv.png'), fullPage: true });

  const coordinator = await signedIn('coordinator@example.org', 'e2e coordinator password');
  await coordinator.goto(baseUrl + '/lv/coordinator');
  await coordinator.click('text=Pasākumu skaitļi');
  await coordinator.waitForSelector('h1:has-text("Pasākumu skaitļi")');
  assert.deepEqual(await accessibilityViolations(coordinator), []);
  const [download] = await Promise.all([coordinator.waitForEvent('download'), coordinator.click('text=Lejupielādēt CSV')]);
  assert.match(download.suggestedFilename(), /^figures-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  for (const target of ['/lv/coordinator/institutions', '/ru/coordinator/institutions/new', '/en/coordinator/institutions/mezgls']) {
    await coordinator.goto(baseUrl + target);
    assert.deepEqual(await accessibilityViolations(coordinator), [], target);
  }
});
