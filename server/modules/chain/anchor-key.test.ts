import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { loadAnchorKey } from './anchor-key';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-anchor-key-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the anchor key setting', () => {
  it('is required in production and defaults to the data folder elsewhere', () => {
    expect(loadConfig({ NODE_ENV: 'production', YISHI_SMS_PROVIDER: 'none' }).anchorKey).toBeUndefined();
    expect(() => loadAnchorKey(undefined)).toThrow('YISHI_ANCHOR_KEY_FILE is not set');
    expect(loadConfig({ NODE_ENV: 'development', YISHI_DATA_DIR: dir }).anchorKey).toEqual({
      file: path.join(dir, 'anchor-key.pem'),
      isGenerated: true,
    });
    const given = loadConfig({ NODE_ENV: 'production', YISHI_ANCHOR_KEY_FILE: '/etc/yishi/anchor-key.pem' });
    expect(given.anchorKey).toEqual({ file: '/etc/yishi/anchor-key.pem', isGenerated: false });
  });

  it('creates the quick start key once, owner-only, and keeps it across starts', () => {
    const file = path.join(dir, 'quick', 'anchor-key.pem');
    const first = loadAnchorKey({ file, isGenerated: true });
    const again = loadAnchorKey({ file, isGenerated: true });
    expect(again.keyId).toBe(first.keyId);
    expect(first.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const signature = first.sign('yishi.chain-anchor/1\n2026-12-05\nroot\n3');
    expect(again.verify('yishi.chain-anchor/1\n2026-12-05\nroot\n3', signature)).toBe(true);
    expect(again.verify('yishi.chain-anchor/1\n2026-12-05\nroot\n4', signature)).toBe(false);
  });

  it('never creates a key the operator named, and refuses a missing file or another kind of key', () => {
    const missing = path.join(dir, 'missing.pem');
    expect(() => loadAnchorKey({ file: missing, isGenerated: false })).toThrow('cannot read');
    expect(fs.existsSync(missing)).toBe(false);
    const rsa = path.join(dir, 'rsa.pem');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    fs.writeFileSync(rsa, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => loadAnchorKey({ file: rsa, isGenerated: false })).toThrow('not an Ed25519 private key');
  });
});
