import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible, screenshot } from '../support/browser';
import { byTest, photoFile, poll, queryDatabase } from '../support/journey';

/** Scrolls a section to the top of the screen (below the sticky header) for a screenshot. */
export const showTop = (page: Page, name: string) =>
  byTest(page, name)
    .first()
    .evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 56));

/** Checks the page with axe and saves a screenshot of it, scrolled to `section` when given. */
export async function look(page: Page, name: string, section?: string): Promise<void> {
  await expectAccessible(page);
  if (section) await showTop(page, section);
  await screenshot(page, name);
}

/** Confirms the open confirmation dialog by its own button (`label`), after axe has looked at it. */
export async function confirmDialog(page: Page, label: string, shot: string): Promise<void> {
  const dialog = page.locator('[data-test="confirm-dialog"]');
  await poll(() => dialog.isVisible()).toBe(true);
  await poll(() => page.evaluate(() => document.getAnimations().length)).toBe(0);
  await look(page, shot);
  await dialog.getByRole('button', { name: label }).click();
}

export type Elector = { id: number; label: string; phones: string[] };

/** The ballot's electorate snapshot, with the phones of the accounts of each elector's owners. */
export async function electorsOf(ballotId: number): Promise<Elector[]> {
  const rows = await queryDatabase<{ id: number; label: string; phones: string[] | null }>(
    `select e.id, e.label,
            array_remove(array_agg(a.phone order by a.phone), null) as phones
       from ballot_electors e
       left join accounts a on a.resident_id = any(e.resident_ids)
      where e.ballot_id = $1
      group by e.id, e.label
      order by e.id`,
    [ballotId],
  );
  return rows.map((r) => ({ id: r.id, label: r.label, phones: r.phones ?? [] }));
}

/** The room part of a label ("5幢2单元0502 …" → "0502"), what staff type to find a voter. */
export const roomOf = (label: string) => label.match(/(\d{3,4})\s/)?.[1] ?? label.split(' ')[0]!;

/** One tap per choice, then the confirmation sheet's submit; returns the receipt code shown. */
export async function voteOnline(page: Page, prefix: string, choice: 'for' | 'against' | 'abstain'): Promise<void> {
  await byTest(page, `${prefix}-${choice}`).click();
  await poll(() => byTest(page, 'vote-confirm').isVisible()).toBe(true);
  await poll(() => page.evaluate(() => document.getAnimations().length)).toBe(0);
}

/** The paper entry screen, keyboard only: number, Enter, voter search, ↓/Enter, the choice key, Enter. */
export async function enterPaper(page: Page, paperNo: string, room: string, key: '1' | '2' | '3'): Promise<void> {
  const no = byTest(page, 'paper-no');
  await poll(() => no.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type(paperNo);
  await page.keyboard.press('Enter');
  await poll(() => byTest(page, 'paper-voter').evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type(room);
  await poll(() => byTest(page, 'picker-option').count()).toBe(1);
  await page.keyboard.press('Enter');
  await poll(() => byTest(page, 'paper-choice').evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.press(key);
  await page.keyboard.press('Enter');
  await poll(() => byTest(page, 'paper-status').textContent()).toContain(`第 ${paperNo} 号票已录入`);
}

/** Staff register `proxyPhone` as the proxy of the elector found by `room`, with a photographed letter. */
export async function registerProxy(page: Page, room: string, proxyPhone: string): Promise<void> {
  const before = await byTest(page, 'proxy-item').count();
  await byTest(page, 'proxy-principal').fill(room);
  await poll(() => byTest(page, 'picker-option').count()).toBe(1);
  await page.keyboard.press('Enter');
  await byTest(page, 'proxy-phone').fill(proxyPhone);
  await page.locator('[data-test="proxy-letter"]').setInputFiles(photoFile('委托书.png'));
  await byTest(page, 'proxy-submit').click();
  await poll(() => byTest(page, 'proxy-item').count()).toBe(before + 1);
}

/** The counted vote row of an elector, as the database holds it (named ballot). */
export async function voteOf(ballotId: number, electorId: number) {
  const [row] = await queryDatabase<{ channel: string; choice: { choice?: string } }>(
    'select channel, choice from ballot_votes where ballot_id = $1 and elector_id = $2',
    [ballotId, electorId],
  );
  return row ? { channel: row.channel, choice: row.choice.choice } : null;
}

export { expect };
