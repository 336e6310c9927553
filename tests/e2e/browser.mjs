// Shared set-up for browser tests: Debian's chromium under Playwright, and an axe-core check.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const baseUrl = process.env.SKIROSIM_BASE_URL;
// The server runs at a fixed moment (test.sh starts it with --clock-start), so the sample
// activities' dates are always ahead, whatever the machine's date.
if (!baseUrl) throw new Error('SKIROSIM_BASE_URL is not set: run the tests through scripts/test.sh');
// A second server on the same Tuesday at 19:00, when the partners' boxes are closed.
export const eveningUrl = process.env.SKIROSIM_EVENING_URL;
if (!eveningUrl) throw new Error('SKIROSIM_EVENING_URL is not set: run the tests through scripts/test.sh');

export const screenshotDir = path.join(import.meta.dirname ?? '.', 'screenshots');
mkdirSync(screenshotDir, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Runs axe-core in the page (the test context bypasses CSP only to inject axe) and returns
// the violations of impact "moderate", "serious" or "critical" (only "minor" ones pass).
export async function accessibilityViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }));
  return result.violations
    .filter(v => ['moderate', 'serious', 'critical'].includes(v.impact))
    .map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`);
}

// Fails the test on any console error or page error (broken scripts, CSP violations).
export function collectErrors(page) {
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

// A fresh page; bypassCSP only so that the axe script can be injected into it.
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true, ...options });
  return context.newPage();
}
