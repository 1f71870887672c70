import { generateKeyPairSync, verify } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEntry } from '../../../domain/matters/audit-chain';
import { anchorMessage, rootFromProof } from '../../../domain/matters/chain-anchor';
import { afterDeliberationWorld, type AfterDeliberationWorld } from '../../test/after-deliberation.fixtures';
import { readMatterChain } from '../matters';
import { anchorChains, anchorDaily, loadAnchorKey, type AnchorKey } from '.';
import { sha256 } from '../../hash';

/** Deletes the last `n` entries of a chain, as someone with database access would. */
async function cutChain(w: AfterDeliberationWorld, matterId: number, n: number) {
  await w.db.execute(sql`
    delete from matter_events where matter_id = ${matterId}
      and seq > (select max(seq) from matter_events where matter_id = ${matterId}) - ${n}`);
}

/** Edits one entry's payload, then recomputes every digest and hash from there: the links hold again. */
async function rewriteChain(w: AfterDeliberationWorld, matterId: number, seq: number) {
  const chain = await readMatterChain(w.db, matterId);
  let previous = chain[seq - 2] ?? null;
  for (const entry of chain.slice(seq - 1)) {
    const payload = entry.seq === seq ? { ...(entry.payload as object), stance: 'against' } : entry.payload;
    const next = nextEntry(sha256, previous, { ...entry, payload });
    await w.db.execute(sql`
      update matter_events set payload = ${JSON.stringify(payload)}::jsonb, payload_digest = ${next.payloadDigest},
        prev_hash = ${next.prevHash}, hash = ${next.hash}
       where matter_id = ${matterId} and seq = ${entry.seq}`);
    previous = next;
  }
}

describe('the chain against its anchors and its texts', () => {
  let w: AfterDeliberationWorld;
  let key: AnchorKey;
  let keyDir: string;
  const chainOf = async (matterId: number) => {
    const response = await w.clients.convenor.get(`/api/matters/${matterId}/chain`);
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  /** A deliberating matter with three comments from the resident (four entries in all). */
  const discussedMatter = async () => {
    const matter = await w.matterAt('deliberating');
    const ids: number[] = [];
    for (const body of ['同意加装电梯', '希望费用公开', '二楼住户有顾虑']) {
      const response = await w.clients.resident.post(`/api/matters/${matter.id}/comments`, { body, stance: 'for' });
      expect(response.statusCode, response.body).toBe(201);
      ids.push(response.json().id);
    }
    return { matterId: matter.id, commentIds: ids };
  };

  beforeAll(async () => {
    keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-anchor-'));
    const file = path.join(keyDir, 'anchor-key.pem');
    fs.writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    w = await afterDeliberationWorld({ YISHI_ANCHOR_KEY_FILE: file });
    key = loadAnchorKey({ file, isGenerated: false });
  });
  afterAll(async () => {
    await w.t.close();
    fs.rmSync(keyDir, { recursive: true, force: true });
  });

  it('verifies a chain with no anchor yet as before', async () => {
    const { matterId } = await discussedMatter();
    expect(await chainOf(matterId)).toMatchObject({
      isIntact: true,
      length: 4,
      anchor: null,
      truncated: null,
      rewritten: null,
      textMismatches: [],
    });
  });

  it('keeps digests of the texts an entry wrote, never the texts', async () => {
    const { matterId, commentIds } = await discussedMatter();
    const chain = await readMatterChain(w.db, matterId);
    const payload = chain[1]!.payload as { texts: Record<string, string> };
    expect(Object.keys(payload.texts)).toEqual([`comment:${commentIds[0]}:body`]);
    expect(payload.texts[`comment:${commentIds[0]}:body`]).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(chain.map((e) => e.payload))).not.toContain('同意加装电梯');
  });

  it('vouches for a chain that only grew since it was anchored', async () => {
    const { matterId } = await discussedMatter();
    const anchor = await anchorChains(w.db, key);
    expect(anchor.matterCount).toBeGreaterThan(0);
    await w.clients.resident.post(`/api/matters/${matterId}/comments`, { body: '补充一点', stance: 'neutral' });
    expect(await chainOf(matterId)).toMatchObject({
      isIntact: true,
      length: 5,
      anchor: { day: anchor.day, length: 4 },
      truncated: null,
      rewritten: null,
    });
  });

  it('reports a chain whose last entries were deleted as truncated at the first missing entry', async () => {
    const { matterId } = await discussedMatter();
    await anchorChains(w.db, key);
    await cutChain(w, matterId, 2);
    expect(await chainOf(matterId)).toMatchObject({
      isIntact: false,
      length: 2,
      brokenAt: 3,
      reason: 'truncated',
      truncated: { atEntry: 3, anchoredLength: 4 },
    });
    // Anchoring the cut chain the next day does not hide it: the earlier anchor still says 4.
    await anchorChains(w.db, key, new Date(Date.now() + 86_400_000));
    expect(await chainOf(matterId)).toMatchObject({ isIntact: false, truncated: { atEntry: 3, anchoredLength: 4 } });
  });

  it('reports a chain deleted entirely as truncated at entry 1', async () => {
    const { matterId } = await discussedMatter();
    await anchorChains(w.db, key);
    await cutChain(w, matterId, 4);
    expect(await chainOf(matterId)).toMatchObject({
      isIntact: false,
      length: 0,
      brokenAt: 1,
      reason: 'truncated',
      truncated: { atEntry: 1, anchoredLength: 4 },
    });
  });

  it('reports a chain recomputed after an edit as rewritten at the anchored entry', async () => {
    const { matterId } = await discussedMatter();
    await anchorChains(w.db, key);
    await rewriteChain(w, matterId, 2);
    expect(await chainOf(matterId)).toMatchObject({
      isIntact: false,
      length: 4,
      brokenAt: 4,
      reason: 'rewritten',
      rewritten: { atEntry: 4, lastMatchingEntry: 0 },
      truncated: null,
    });
  });

  it('reports an anchor whose head was edited to fit the cut chain as forged', async () => {
    const { matterId } = await discussedMatter();
    await anchorChains(w.db, key);
    const head = (await readMatterChain(w.db, matterId))[1]!.hash;
    await cutChain(w, matterId, 2);
    await w.db.execute(sql`update chain_anchor_heads set length = 2, head = ${head} where matter_id = ${matterId}`);
    expect(await chainOf(matterId)).toMatchObject({ isIntact: false, reason: 'anchor_forged', anchor: null });
    expect((await chainOf(matterId)).forgedAnchorDays).toHaveLength(1);
  });

  it('reports a comment body edited in the database, naming the comment and the entry that wrote it', async () => {
    const { matterId, commentIds } = await discussedMatter();
    await w.db.execute(sql`update comments set body = '反对加装电梯' where id = ${commentIds[1]!}`);
    expect(await chainOf(matterId)).toMatchObject({
      isIntact: false,
      brokenAt: 3,
      reason: 'text_altered',
      textMismatches: [{ kind: 'comment', id: commentIds[1], field: 'body', seq: 3, status: 'altered' }],
    });
  });

  it('reports a matter description edited in the database, and a deleted comment as missing', async () => {
    const raised = await w.clients.resident.post('/api/matters', {
      placeId: w.territory.building.id,
      level: 'building',
      category: 'facilities',
      title: '楼道灯不亮',
      description: '3单元楼道灯坏了两周。',
    });
    expect(raised.statusCode).toBe(201);
    const matterId: number = raised.json().id;
    expect(await chainOf(matterId)).toMatchObject({ isIntact: true, textMismatches: [] });
    await w.db.execute(sql`update matters set description = '楼道灯已修好。' where id = ${matterId}`);
    expect(await chainOf(matterId)).toMatchObject({
      isIntact: false,
      brokenAt: 1,
      reason: 'text_altered',
      textMismatches: [{ kind: 'matter', id: matterId, field: 'description', seq: 1, status: 'altered' }],
    });
    const { matterId: discussed, commentIds } = await discussedMatter();
    await w.db.execute(sql`delete from comments where id = ${commentIds[2]!}`);
    expect((await chainOf(discussed)).textMismatches).toEqual([
      { kind: 'comment', id: commentIds[2], field: 'body', seq: 4, status: 'missing' },
    ]);
  });

  it('takes the daily anchor once per China day', async () => {
    const later = new Date(Date.now() + 5 * 86_400_000);
    expect(await anchorDaily(w.db, key, later)).not.toBeNull();
    expect(await anchorDaily(w.db, key, later)).toBeNull();
  });

  it('publishes the anchor on the public page and file, checkable with the public key alone', async () => {
    const matter = await w.matterAt('resolved');
    await w.db.execute(sql`update matters set visibility = 'public' where id = ${matter.id}`);
    await anchorChains(w.db, key);
    const page = (await w.clients.anonymous.get(`/api/public/matters/${matter.id}`)).json();
    const file = (await w.clients.anonymous.get(`/api/public/matters/${matter.id}/file.json`)).json();
    const published = (await w.clients.anonymous.get('/api/public/anchor-key')).json();
    expect(published).toMatchObject({ algorithm: 'Ed25519', keyId: key.keyId });
    expect(file.anchor).toEqual(page.anchor);
    const anchor = page.anchor;
    expect(anchor).toMatchObject({ length: 1, keyId: key.keyId, matchesChain: true });
    // What anyone can do with the file: the head is the last published entry's hash, the proof
    // reaches the root, and the root's signature verifies with the published key.
    expect(file.chainEntries[anchor.length - 1].hash).toBe(anchor.head);
    expect(rootFromProof(sha256, { matterId: matter.id, ...anchor }, anchor.proof)).toBe(anchor.root);
    const message = Buffer.from(anchorMessage(anchor));
    expect(verify(null, message, published.publicKeyPem, Buffer.from(anchor.signature, 'base64'))).toBe(true);
  });

  it("lists the month's anchors in the monthly bulletin, public view included", async () => {
    const anchor = await anchorChains(w.db, key);
    const month = anchor.day.slice(0, 7);
    const generated = await w.clients.convenor.post(`/api/places/${w.territory.community.id}/bulletins`, { month });
    expect(generated.statusCode, generated.body).toBe(200);
    const anchors = generated.json().content.anchors;
    expect(anchors).toContainEqual(
      expect.objectContaining({
        day: anchor.day,
        root: anchor.root,
        matterCount: anchor.matterCount,
        keyId: key.keyId,
      }),
    );
    const open = (await w.clients.anonymous.get(`/api/public/bulletins/${w.territory.community.id}/${month}`)).json();
    expect(open.anchors).toEqual(anchors);
  });
});
