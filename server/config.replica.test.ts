import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('read replica settings', () => {
  it('has no replica unless DATABASE_REPLICA_URL is set', () => {
    expect(loadConfig({}).replica).toBeUndefined();
  });

  it('takes the replica address and a lag bound of 30 seconds by default', () => {
    const url = 'postgres://yishi@10.0.0.2:5432/yishi';
    expect(loadConfig({ DATABASE_REPLICA_URL: url }).replica).toEqual({ url, maxLagMs: 30_000 });
    expect(loadConfig({ DATABASE_REPLICA_URL: url, YISHI_REPLICA_MAX_LAG_SECONDS: '2.5' }).replica?.maxLagMs).toBe(
      2500,
    );
  });

  it('names a malformed replica setting', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'not a url' })).toThrow(/DATABASE_REPLICA_URL/);
    expect(() => loadConfig({ YISHI_REPLICA_MAX_LAG_SECONDS: '0' })).toThrow(/YISHI_REPLICA_MAX_LAG_SECONDS/);
  });
});
