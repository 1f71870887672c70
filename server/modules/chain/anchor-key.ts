import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import { sha256 } from '../../hash';

/** The key that signs chain anchors: Ed25519, so anyone can check a signature with the public key. */
export type AnchorKey = {
  /** First 16 hex digits of SHA-256 over the public key (SPKI DER): names the key in every anchor. */
  keyId: string;
  /** The public key as PEM (SPKI), published at GET /api/public/anchor-key. */
  publicKeyPem: string;
  sign: (message: string) => string;
  /** Whether `signature` (base64) is this key's signature of `message`. */
  verify: (message: string, signature: string) => boolean;
};

/** The AnchorKey of a private key object. */
export function anchorKeyOf(privateKey: KeyObject): AnchorKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the anchor key must be an Ed25519 private key');
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    keyId: sha256(der).slice(0, 16),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
    verify: (message, signature) => {
      try {
        return verify(null, Buffer.from(message, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
      } catch {
        return false;
      }
    },
  };
}

/**
 * Reads the anchor key named by the settings. Where the settings allow it (not production) a missing
 * file is created with a new key, readable by the owner only. Throws a readable message otherwise.
 */
export function loadAnchorKey(setting: Config['anchorKey']): AnchorKey {
  if (!setting) {
    throw new Error(
      'YISHI_ANCHOR_KEY_FILE is not set: the chain anchors need an Ed25519 key kept outside the database (see docs/deploy.md: openssl genpkey -algorithm ed25519 -out anchor-key.pem)',
    );
  }
  if (setting.isGenerated && !fs.existsSync(setting.file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    fs.mkdirSync(path.dirname(setting.file), { recursive: true });
    // Written aside, then linked into place: two processes starting at once keep the first key, and
    // neither ever reads a half-written file.
    const aside = `${setting.file}.${process.pid}.tmp`;
    fs.writeFileSync(aside, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    try {
      fs.linkSync(aside, setting.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(aside, { force: true });
    }
  }
  let pem: string;
  try {
    pem = fs.readFileSync(setting.file, 'utf8');
  } catch {
    throw new Error(`YISHI_ANCHOR_KEY_FILE: cannot read ${setting.file}`);
  }
  try {
    return anchorKeyOf(createPrivateKey(pem));
  } catch {
    throw new Error(`YISHI_ANCHOR_KEY_FILE: ${setting.file} is not an Ed25519 private key in PEM (PKCS#8)`);
  }
}
