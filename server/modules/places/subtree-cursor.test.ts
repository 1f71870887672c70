import { describe, expect, it } from 'vitest';
import { dwellingCursor, dwellingKeyOf, residentCursor, residentKeyOf } from './subtree-cursor';

describe('subtree cursors', () => {
  it('give back the key they were made from', () => {
    const dwelling = { path: '/1/2/10/', floor: -1, room: 'B1·商铺', id: 42 };
    expect(dwellingKeyOf(dwellingCursor(dwelling))).toEqual(dwelling);
    expect(residentKeyOf(residentCursor({ path: '/1/', id: 7 }))).toEqual({ path: '/1/', id: 7 });
  });

  it('are no cursor when absent, garbled or of the other list', () => {
    expect(dwellingKeyOf(undefined)).toBeUndefined();
    expect(dwellingKeyOf('%%%')).toBeUndefined();
    expect(dwellingKeyOf(residentCursor({ path: '/1/', id: 7 }))).toBeUndefined();
    expect(residentKeyOf(Buffer.from('["/1/", 1.5]').toString('base64url'))).toBeUndefined();
    expect(residentKeyOf(Buffer.from('{"path":"/1/"}').toString('base64url'))).toBeUndefined();
  });
});
