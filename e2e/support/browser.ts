import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

/** Debian's Chromium with the flags this machine needs (no downloads, no background traffic). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh context (own cookies) in zh-CN; bypassCSP only so axe-core can be injected. `baseUrl`
 * points it at another app process than the journeys' own.
 */
export async function openPage(browser: Browser, viewport = PHONE, baseUrl = inject('baseUrl')): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    bypassCSP: true,
    deviceScaleFactor: 1,
    baseURL: baseUrl,
  });
  return context.newPage();
}

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * Runs axe-core in the page; fails on serious or critical violations. Waits first (up to 5 s) for
 * finite animations and transitions to end: a dialog fading in or a pressed button changing colour
 * would otherwise be measured half-way and fail colour contrast at random.
 */
export async function expectAccessible(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity).length === 0,
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target),
    }));
  });
  const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(severe, JSON.stringify(severe, null, 2)).toEqual([]);
}

/** Saves a screenshot under ./screenshots for people to look at (not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.resolve('screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}
