import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, openPage } from '../support/browser';
import { loginByPassword } from '../support/journey';

/** The people of the story, each on their own device and session. */
export type Cast = {
  /** The resident of 5幢 2单元 who raises the matter (phone). */
  resident: Page;
  /** A neighbour in 河滨小区 who supports it (phone). */
  neighbour: Page;
  /** The community's convenor at a desk. */
  convenor: Page;
  /** The grid worker who visits afterwards (phone). */
  gridWorker: Page;
  /** The community's supervisor (desk). */
  supervisor: Page;
};

export const TITLE = '5幢2单元加装电梯';
export const DESCRIPTION = '单元里老人多，上下楼吃力。希望全单元业主一起商量加装电梯的方案和费用分摊。';

/** Logs everyone in by password (code login is the resident-home journey's; one code per phone a minute). */
export async function openCast(browser: Browser): Promise<Cast> {
  const person = async (phone: string, viewport: typeof PHONE) => {
    const page = await openPage(browser, viewport);
    await loginByPassword(page, phone);
    return page;
  };
  return {
    resident: await person('13900000008', PHONE),
    neighbour: await person('13900000007', PHONE),
    convenor: await person('13900000004', DESKTOP),
    gridWorker: await person('13900000005', PHONE),
    supervisor: await person('13900000006', DESKTOP),
  };
}

/** The matter's id from a /matters/:id or /work/matters/:id address. */
export const idFromUrl = (page: Page) => Number(new URL(page.url()).pathname.split('/').pop());
