import { createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, verify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** One push request as the push service saw it, with its VAPID token checked and the payload decrypted. */
export type ReceivedPush = {
  path: string;
  headers: IncomingHttpHeaders;
  /** The VAPID JWT's claims, once its ES256 signature checked out against the `k` key of the header. */
  vapid: { aud: string; exp: number; sub: string; publicKey: string };
  /** The plaintext, decrypted with the subscriber's keys (RFC 8291, aes128gcm). */
  payload: string;
};

/** A browser's side of a subscription: the keys the browser would hand out, and the private one to decrypt with. */
export type TestSubscriber = {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  decrypt: (body: Buffer) => string;
};

/**
 * A local push service on https://127.0.0.1 (a self-signed certificate in a temporary folder: give its
 * `caFile` as YISHI_WEBPUSH_CA_FILE). Answers 201 like FCM and Mozilla's service, 410 for a path
 * marked gone, and refuses requests without a valid VAPID token (401) or aes128gcm body (400).
 */
export type PushServiceDouble = {
  origin: string;
  caFile: string;
  received: ReceivedPush[];
  /** A new subscriber with its own keys and endpoint on this service. */
  subscriber(): TestSubscriber;
  /** The subscription at this endpoint is gone: the service answers with `status` (404 or 410). */
  drop(endpoint: string, status?: 404 | 410): void;
  close(): Promise<void>;
};

const b64url = (buffer: Buffer) => buffer.toString('base64url');
const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** RFC 8291 decryption of a single-record aes128gcm body with the subscriber's private key. */
function decryptAes128gcm(body: Buffer, ua: { privateKey: Buffer; publicKey: Buffer }, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20]!;
  const asPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(ua.privateKey);
  const secret = ecdh.computeSecret(asPublic);
  const prkKey = hmac(authSecret, secret);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), ua.publicKey, asPublic, Buffer.from([1])]);
  const ikm = hmac(prkKey, keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02 followed by padding zeros.
  const end = padded.lastIndexOf(2);
  return padded.subarray(0, end).toString('utf8');
}

/** Checks `vapid t=<jwt>, k=<key>`: the ES256 signature under k and the claims. Undefined when it does not hold. */
function checkVapid(header: string | undefined): ReceivedPush['vapid'] | undefined {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+),\s*k=([\w-]+)$/.exec(header ?? '');
  if (!match) return undefined;
  const [, jwt, k] = match as unknown as [string, string, string];
  const [head, claims, signature] = jwt.split('.') as [string, string, string];
  const point = Buffer.from(k, 'base64url');
  const publicKey = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) },
    format: 'jwk',
  });
  const isSigned = verify(
    'sha256',
    Buffer.from(`${head}.${claims}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!isSigned) return undefined;
  const parsed = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as {
    aud: string;
    exp: number;
    sub: string;
  };
  return { ...parsed, publicKey: k };
}

export async function startPushServiceDouble(): Promise<PushServiceDouble> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'push-double-'));
  const keyFile = path.join(folder, 'key.pem');
  const caFile = path.join(folder, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      caFile,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );

  const subscribers = new Map<string, { privateKey: Buffer; publicKey: Buffer; auth: Buffer }>();
  const dropped = new Map<string, number>();
  const received: ReceivedPush[] = [];

  const server = createServer({ key: fs.readFileSync(keyFile), cert: fs.readFileSync(caFile) }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = request.url ?? '/';
      const gone = dropped.get(url);
      if (gone) return response.writeHead(gone).end();
      const subscriber = subscribers.get(url);
      if (request.method !== 'POST' || !subscriber) return response.writeHead(404).end();
      const vapid = checkVapid(request.headers.authorization);
      if (!vapid || vapid.aud !== origin || vapid.exp * 1000 < Date.now()) return response.writeHead(401).end();
      if (request.headers['content-encoding'] !== 'aes128gcm' || !request.headers.ttl)
        return response.writeHead(400).end();
      let payload: string;
      try {
        payload = decryptAes128gcm(Buffer.concat(chunks), subscriber, subscriber.auth);
      } catch {
        return response.writeHead(400).end();
      }
      received.push({ path: url, headers: request.headers, vapid, payload });
      response.writeHead(201, { location: `${url}/messages/${received.length}` }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    caFile,
    received,
    subscriber: () => {
      const ecdh = createECDH('prime256v1');
      const publicKey = ecdh.generateKeys();
      const auth = randomBytes(16);
      const route = `/push/${randomBytes(12).toString('hex')}`;
      const keys = { privateKey: ecdh.getPrivateKey(), publicKey, auth };
      subscribers.set(route, keys);
      return {
        endpoint: `${origin}${route}`,
        keys: { p256dh: b64url(publicKey), auth: b64url(auth) },
        decrypt: (body) => decryptAes128gcm(body, keys, auth),
      };
    },
    drop: (endpoint, status = 410) => {
      dropped.set(new URL(endpoint).pathname, status);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          fs.rmSync(folder, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
