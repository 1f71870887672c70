import fs from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';

/** The server's VAPID key pair (P-256, base64url), which push services check our requests against. */
export type VapidKeys = { publicKey: string; privateKey: string };

const cache = new Map<string, VapidKeys>();

/**
 * Reads the VAPID keys from `file` (in the data folder, like the anchor key), creating them on first
 * use, readable by the owner only. Never in the database and never logged: a new pair would orphan
 * every browser's subscription.
 */
export function loadVapidKeys(file: string): VapidKeys {
  const known = cache.get(file);
  if (known) return known;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written aside, then linked into place: two processes starting at once keep the first pair.
    const aside = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(aside, JSON.stringify(webpush.generateVAPIDKeys()), { mode: 0o600 });
    try {
      fs.linkSync(aside, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(aside, { force: true });
    }
  }
  let keys: VapidKeys;
  try {
    keys = JSON.parse(fs.readFileSync(file, 'utf8')) as VapidKeys;
  } catch {
    throw new Error(`cannot read the VAPID keys at ${file}`);
  }
  if (typeof keys.publicKey !== 'string' || typeof keys.privateKey !== 'string') {
    throw new Error(`${file} does not hold VAPID keys (publicKey, privateKey)`);
  }
  cache.set(file, keys);
  return keys;
}
