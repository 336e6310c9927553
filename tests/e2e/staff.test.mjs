// Staff and the coordinator at work: registering a resident who is not online, and teaching
// the guide a word that people searched for in vain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, baseUrl, seriousViolations, screenshotDir } from './browser.mjs';

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
  assert.deepEqual(await seriousViolations(librarian), []);
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
  await card.locator('input[name=item]').fill('battery');
  await card.locator('button[type=submit]').click();
  assert.ok(!(await coordinator.textContent('main')).includes(word));

  await visitor.goto(`${baseUrl}/lv/guide?q=${word}`);
  assert.ok(await visitor.isVisible('a[href="/lv/guide/item/battery"]'));
});
