import pg from 'pg';

/*
 * Test-time guard: a pg client (a transaction's connection) runs one query at a time. pg 8 queues a
 * second one with a deprecation warning; pg 9 will refuse it. Loaded before every server test (vitest
 * setupFiles) and in the journeys' server (e2e/support/global-setup.ts), it fails the query that
 * would have queued, naming both statements. Independent reads go through readTogether
 * (server/db/together.ts): side by side on the pool, one after another in a transaction.
 */
type Internals = { _activeQuery?: { text?: unknown } | null; _queryQueue?: { text?: unknown }[] };
type Query = (this: pg.Client, ...args: unknown[]) => unknown;

const GUARDED = Symbol.for('yishi.oneQueryPerClient');
const proto = pg.Client.prototype as unknown as Record<PropertyKey, unknown> & { query: Query };

const sqlOf = (query: unknown) =>
  String(typeof query === 'string' ? query : ((query as { text?: unknown } | undefined)?.text ?? '?'))
    .replace(/\s+/g, ' ')
    .slice(0, 160);

if (!proto[GUARDED]) {
  proto[GUARDED] = true;
  const query = proto.query;
  proto.query = function guardedQuery(this: pg.Client, ...args: unknown[]) {
    const client = this as unknown as Internals;
    if (!Array.isArray(client._queryQueue)) {
      throw new Error('one-query-per-client: pg internals changed; update server/test/one-query-per-client.ts');
    }
    const busy = client._activeQuery ?? client._queryQueue[0];
    // The rollback of a transaction this guard failed must still reach the server (pg queues it).
    if (busy && !/^\s*rollback\b/i.test(sqlOf(args[0]))) {
      throw new Error(
        `a second query on a busy pg client (inside a transaction?): "${sqlOf(args[0])}" while "${sqlOf(busy)}" runs. ` +
          'Await one by one, or use readTogether (server/db/together.ts).',
      );
    }
    return query.apply(this, args);
  };
}
