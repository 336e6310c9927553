// What makes the site look finished or not, on a phone (360×740) in Latvian and in Russian: one
// discreet sample-data notice per page, no menu item for a page that does not exist yet, and an
// About page that speaks of the initiative as going on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, newPage as openPage, baseUrl, screenshotDir } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const newPage = (options) => openPage(browser, { viewport: { width: 360, height: 740 }, ...options });

// From locale/lv.po and locale/ru.po.
const words = {
  lv: { beingBuilt: 'Šī vietnes daļa vēl top.', started: 'Darbības sākums', since: '2022. gada janvāris',
        firstPhase: 'Pirmais posms ar atbalstītāja finansējumu:' },
  ru: { beingBuilt: 'Этот раздел сайта ещё создаётся.', started: 'Начало работы', since: 'Январь 2022',
        firstPhase: 'Первый этап, при поддержке финансирующей стороны:' },
};

for (const [lang, w] of Object.entries(words)) {
  test(`a place page says "sample data" once, at its foot, and marks the unchecked facts in grey, not as yellow badges (${lang}, 360×740)`, async () => {
    const page = await newPage();
    for (const target of [`/${lang}/points/kimija-pharmacy`, `/${lang}/guide/item/battery`, `/${lang}/points`]) {
      await page.goto(baseUrl + target);
      assert.equal(await page.locator('.sample-notice').count(), 1, target);
      const marks = await page.locator('.sample-mark').evaluateAll(marks => marks.map(m => {
        const style = getComputedStyle(m);
        return { background: style.backgroundColor, colour: style.color };
      }));
      assert.ok(marks.length > 0, `${target} marks its sample facts`);
      for (const mark of marks) {
        assert.equal(mark.background, 'rgba(0, 0, 0, 0)', `${target}: no badge behind the mark`);
        const [r, g, b] = mark.colour.match(/\d+/g).map(Number);
        assert.ok(Math.max(r, g, b) - Math.min(r, g, b) < 16, `${target}: the mark is grey (${mark.colour})`);
      }
    }
    await page.goto(`${baseUrl}/${lang}/points/kimija-pharmacy`);
    await page.screenshot({ path: path.join(screenshotDir, `sample-marks-${lang}-360.png`), fullPage: true });
  });

  test(`every menu item leads to a page that exists, none to "still being built" (${lang}, 360×740)`, async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/${lang}/`);
    await page.locator('summary.menu-button').click();
    const links = await page.locator('nav.main-nav a').evaluateAll(as => as.map(a => a.getAttribute('href')));
    assert.ok(links.length >= 4, links.join(' '));
    for (const href of links) {
      const response = await page.goto(baseUrl + href);
      assert.equal(response.status(), 200, href);
      assert.ok(!(await page.locator('main').innerText()).includes(w.beingBuilt), `${href} is not built yet`);
    }
  });

  test(`the About page says when the initiative started and that the funded period was its first phase (${lang}, 360×740)`, async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/${lang}/about`);
    const facts = await page.locator('dl.facts').evaluate(dl => Object.fromEntries(
      [...dl.querySelectorAll('dt')].map(dt => [dt.innerText.trim(), dt.nextElementSibling.innerText.trim()])));
    assert.equal(facts[w.started], w.since);
    const support = Object.values(facts).find(v => v.includes(w.firstPhase));
    assert.ok(support, `the funded period is named the first phase (${JSON.stringify(facts)})`);
    await page.screenshot({ path: path.join(screenshotDir, `about-${lang}-360.png`), fullPage: true });
  });
}
