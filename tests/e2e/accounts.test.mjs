// A resident's journey: sign up, confirm with the link the coordinator sees in the outbox,
// change language, download and delete their data; and the accessibility of the account pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, newPage as openPage, baseUrl, accessibilityViolations, screenshotDir } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const newPage = (options) => openPage(browser, options);

async function logIn(page, login, password) {
  await page.goto(baseUrl + '/lv/login');
  await page.fill('#login', login);
  await page.fill('#password', password);
  await page.click('form.stack button[type=submit]');
}

test('a resident signs up, confirms, changes language, downloads and deletes their data', async () => {
  const email = `resident${Date.now()}@example.org`;
  const resident = await newPage();
  await resident.goto(baseUrl + '/lv/signup');
  await resident.fill('#display_name', 'Inese');
  await resident.fill('#login', email);
  await resident.fill('#password', 'mana drošā parole');
  await resident.check('input[name=age]');
  await resident.screenshot({ path: path.join(screenshotDir, 'signup-lv.png'), fullPage: true });
  await resident.click('form.stack button[type=submit]');
  assert.match(resident.url(), /\/lv\/signup\/sent$/);

  // The coordinator finds the confirmation link in the outbox (no mail relay in tests).
  const coordinator = await newPage();
  await logIn(coordinator, 'coordinator@example.org', 'e2e coordinator password');
  await coordinator.goto(baseUrl + '/lv/coordinator/outbox');
  const body = await coordinator.textContent('.cards');
  const link = body.match(new RegExp(`https?://[^\\s]+/lv/confirm\\?token=[A-Za-z0-9_-]+`));
  assert.ok(link, 'a confirmation link is in the outbox');
  assert.ok(body.includes(email));

  await resident.goto(baseUrl + new URL(link[0]).pathname + new URL(link[0]).search);
  assert.match(resident.url(), /\/lv\/account\?welcome=1$/);
  assert.ok(await resident.isVisible('text=Inese'));

  await resident.check('input[name=language][value=ru]');
  await resident.click('text=Saglabāt valodu');
  assert.match(resident.url(), /\/ru\/account\?language_saved=1$/);
  assert.ok(await resident.isVisible('text=Моя учётная запись'));
  assert.ok(await resident.isVisible('p.notice[role=status]'));

  const [download] = await Promise.all([
    resident.waitForEvent('download'),
    resident.click('text=Скачать мои данные'),
  ]);
  const file = await download.path();
  const data = JSON.parse(await (await import('node:fs/promises')).readFile(file, 'utf8'));
  assert.equal(data.account.email, email);

  await resident.fill('#delete-password', 'mana drošā parole');
  await resident.click('button.danger');
  assert.match(resident.url(), /\/ru\/account\/deleted$/);
  await logIn(resident, email, 'mana drošā parole');
  assert.ok(await resident.isVisible('.error-summary'));
});

for (const target of ['/lv/signup', '/ru/login', '/en/password/forgot', '/lv/privacy', '/ru/takeover']) {
  test(`no accessibility violations of moderate impact or more: ${target}`, async () => {
    const page = await newPage();
    await page.goto(baseUrl + target);
    assert.deepEqual(await accessibilityViolations(page), []);
  });
}

test('no accessibility violations of moderate impact or more on the coordinator pages', async () => {
  const page = await newPage();
  await logIn(page, 'coordinator@example.org', 'e2e coordinator password');
  for (const target of ['/lv/account', '/lv/coordinator', '/lv/coordinator/items/pizza-box', '/lv/coordinator/misses',
                        '/lv/coordinator/outbox']) {
    await page.goto(baseUrl + target);
    assert.deepEqual(await accessibilityViolations(page), [], target);
  }
  await page.goto(baseUrl + '/lv/coordinator/items/pizza-box');
  await page.screenshot({ path: path.join(screenshotDir, 'coordinator-item-lv.png'), fullPage: true });
});
