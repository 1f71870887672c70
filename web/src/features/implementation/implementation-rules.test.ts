import { describe, expect, it } from 'vitest';
import {
  MAX_PHOTOS,
  MAX_PHOTO_BYTES,
  addPhotos,
  clampPercent,
  dayAfter,
  hasPublicPage,
  removePhoto,
  starStates,
} from './implementation-rules';
import { progressBody } from './implementation.api';

const png = (name: string, size = 100) => ({ name, type: 'image/png', size });

describe('progress photos', () => {
  it('keeps up to nine photos and refuses a tenth', () => {
    const nine = Array.from({ length: MAX_PHOTOS }, (_, i) => png(`p${i}.png`));
    expect(addPhotos([], nine)).toEqual({ photos: nine, refused: null });
    const result = addPhotos(nine, [png('tenth.png')]);
    expect(result.photos).toHaveLength(9);
    expect(result.refused).toBe('tooMany');
  });

  it('refuses a GIF and a photo over 10 MB but keeps the good ones picked with them', () => {
    const gif = { name: 'a.gif', type: 'image/gif', size: 10 };
    const huge = png('huge.png', MAX_PHOTO_BYTES + 1);
    const result = addPhotos([], [gif, png('ok.png'), huge]);
    expect(result.photos.map((p) => p.name)).toEqual(['ok.png']);
    expect(result.refused).toBe('type');
    expect(addPhotos([], [huge]).refused).toBe('tooLarge');
  });

  it('removes the photo at an index', () => {
    expect(removePhoto(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
  });

  it('sends JSON without photos and multipart with them', () => {
    expect(progressBody({ note: 'n', percent: 40, photos: [] })).toEqual({ note: 'n', percent: 40 });
    const file = new File([new Uint8Array([1, 2])], 'x.png', { type: 'image/png' });
    const form = progressBody({ note: '已完工', percent: 100, photos: [file, file] });
    expect(form).toBeInstanceOf(FormData);
    const data = form as FormData;
    expect(data.get('note')).toBe('已完工');
    expect(data.get('percent')).toBe('100');
    expect(data.getAll('photos')).toHaveLength(2);
  });
});

describe('form helpers', () => {
  it('proposes a due day a week out, across a month end', () => {
    expect(dayAfter(new Date(2026, 10, 28), 7)).toBe('2026-12-05');
  });

  it('clamps a percent to a whole number from 0 to 100', () => {
    expect(clampPercent('55.6')).toBe(56);
    expect(clampPercent(140)).toBe(100);
    expect(clampPercent(-3)).toBe(0);
    expect(clampPercent('abc')).toBe(0);
  });

  it('fills the stars up to the rating', () => {
    expect(starStates(3).map((s) => s.isFilled)).toEqual([true, true, true, false, false]);
    expect(starStates(0).every((s) => !s.isFilled)).toBe(true);
  });

  it('offers a public page only for a public matter whose outcome stands', () => {
    expect(hasPublicPage({ visibility: 'public', status: 'implementing' })).toBe(true);
    expect(hasPublicPage({ visibility: 'public', status: 'deliberating' })).toBe(false);
    expect(hasPublicPage({ visibility: 'community', status: 'archived' })).toBe(false);
  });
});
