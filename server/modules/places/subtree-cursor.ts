/**
 * Cursors of the subtree pages: the sort key of a page's last row, so the next page is read from the
 * index just past it (keyset paging). Opaque to the client: base64url of the key as JSON. A cursor
 * that does not decode is no cursor (the page number is used instead), never an error.
 */
export type DwellingKey = { path: string; floor: number; room: string; id: number };
export type ResidentKey = { path: string; id: number };

const encode = (values: readonly (string | number)[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

function decode(cursor: string | undefined, types: readonly ('string' | 'int')[]): unknown[] | undefined {
  if (!cursor) return undefined;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(values) || values.length !== types.length) return undefined;
  const fits = types.every((type, i) =>
    type === 'string' ? typeof values[i] === 'string' : Number.isSafeInteger(values[i]),
  );
  return fits ? values : undefined;
}

export const dwellingCursor = (k: DwellingKey) => encode([k.path, k.floor, k.room, k.id]);
export const residentCursor = (k: ResidentKey) => encode([k.path, k.id]);

export function dwellingKeyOf(cursor: string | undefined): DwellingKey | undefined {
  const v = decode(cursor, ['string', 'int', 'string', 'int']);
  return v && { path: v[0] as string, floor: v[1] as number, room: v[2] as string, id: v[3] as number };
}

export function residentKeyOf(cursor: string | undefined): ResidentKey | undefined {
  const v = decode(cursor, ['string', 'int']);
  return v && { path: v[0] as string, id: v[1] as number };
}
