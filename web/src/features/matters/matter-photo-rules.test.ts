import { describe, expect, it } from 'vitest';
import { MAX_MATTER_PHOTOS, pickMatterPhotos } from './matter-photo-rules';

const png = (name: string, size = 1000) => ({ name, type: 'image/png', size });

describe('pickMatterPhotos', () => {
  it('keeps up to nine photos and refuses a tenth', () => {
    const nine = Array.from({ length: MAX_MATTER_PHOTOS }, (_, i) => png(`p${i}.png`));
    expect(pickMatterPhotos([], nine)).toEqual({ photos: nine, refused: null });
    const result = pickMatterPhotos(nine, [png('tenth.png')]);
    expect(result.photos).toHaveLength(9);
    expect(result.refused).toBe('tooMany');
  });

  it('refuses other file types and files over 10 MB, keeping the good ones', () => {
    const result = pickMatterPhotos(
      [],
      [{ name: 'a.txt', type: 'text/plain', size: 10 }, png('big.png', 11 * 1024 * 1024), png('ok.png')],
    );
    expect(result.photos.map((p) => p.name)).toEqual(['ok.png']);
    expect(result.refused).toBe('type');
  });
});
