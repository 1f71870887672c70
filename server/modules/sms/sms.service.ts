import type { Db } from '../../db/client';
import {
  optOutResidentsByPhone,
  setResidentOptOut,
  stopQueuedTextsOfResident,
  stopQueuedTextsToPhones,
} from './sms.repository';

/** Sets a resident's opt-out flag; turning it on also stops their queued texts, in one transaction. */
export async function changeSmsOptOut(db: Db, residentId: number, smsOptOut: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    await setResidentOptOut(tx, residentId, smsOptOut);
    if (smsOptOut) await stopQueuedTextsOfResident(tx, residentId);
  });
}

/**
 * Opts out every resident with one of these phones and stops the invitation and notice texts queued
 * for the phones, in one transaction; how many residents had not declined texts before.
 */
export async function declineTextsFrom(db: Db, phones: readonly string[]): Promise<number> {
  return db.transaction(async (tx) => {
    const declined = await optOutResidentsByPhone(tx, phones);
    await stopQueuedTextsToPhones(tx, phones);
    return declined;
  });
}
