import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
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

/**
 * The session of `from` in a new phone context seen at `zoom` (2 = 200 %): the CSS viewport shrinks
 * by the factor and each CSS pixel takes `zoom` device pixels, as browser zoom does (390×844 → 195×422).
 */
export async function openZoomedPage(
  browser: Browser,
  from: Page,
  zoom = 2,
  baseUrl = inject('baseUrl'),
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: Math.round(PHONE.width / zoom), height: Math.round(PHONE.height / zoom) },
    locale: 'zh-CN',
    bypassCSP: true,
    deviceScaleFactor: zoom,
    baseURL: baseUrl,
    storageState: await from.context().storageState(),
  });
  return context.newPage();
}

/** Fails when the two elements' boxes overlap on screen (a title drawn over the back button). */
export async function expectApart(a: Locator, b: Locator): Promise<void> {
  const [boxA, boxB] = [await a.boundingBox(), await b.boundingBox()];
  expect(boxA, 'first element on screen').not.toBeNull();
  expect(boxB, 'second element on screen').not.toBeNull();
  const overlaps =
    boxA!.x < boxB!.x + boxB!.width &&
    boxB!.x < boxA!.x + boxA!.width &&
    boxA!.y < boxB!.y + boxB!.height &&
    boxB!.y < boxA!.y + boxA!.height;
  expect(overlaps, `${JSON.stringify(boxA)} overlaps ${JSON.stringify(boxB)}`).toBe(false);
}

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * Runs axe-core in the page; fails on moderate, serious or critical violations (all content inside
 * landmarks, headings in order…) and on a page without exactly one main landmark. Waits first (up to 5 s) for
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
  const severe = violations.filter((v) => v.impact === 'moderate' || v.impact === 'serious' || v.impact === 'critical');
  expect(severe, JSON.stringify(severe, null, 2)).toEqual([]);
  // Every page has its one <main> landmark (the app shell's), whether signed in or public.
  expect(await page.locator('main, [role="main"]').count(), 'main landmarks').toBe(1);
}

/** Saves a screenshot under ./screenshots for people to look at (not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.resolve('screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}
