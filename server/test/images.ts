import sharp from 'sharp';

/** Where the test photos claim to be taken (a GPS fix in Shanghai), as EXIF writes it. */
export const GPS_FIX = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '31/1 14/1 0/1',
  GPSLongitudeRef: 'E',
  GPSLongitude: '121/1 28/1 0/1',
};

const canvas = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } });

/** A small real PNG, as a phone's screenshot would be. */
export const buildPng = (width = 4, height = 3) => canvas(width, height).png().toBuffer();

/** A small real JPEG without metadata. */
export const buildJpeg = (width = 4, height = 3) => canvas(width, height).jpeg().toBuffer();

/**
 * A JPEG as a phone camera writes it: EXIF with the camera, a GPS fix and orientation 6 (stored
 * sideways: `width`×`height` pixels that display turned a quarter clockwise).
 */
export const buildJpegWithGps = (width = 40, height = 30) =>
  canvas(width, height)
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'YishiPhone', Model: 'Test' }, IFD3: GPS_FIX })
    .toBuffer();

/**
 * Whether bytes still carry the EXIF block (its `Exif\0\0` header) or the test camera's name from it:
 * without them no GPS fix can remain.
 */
export function holdsExif(bytes: Buffer): boolean {
  return bytes.includes(Buffer.from('Exif\0\0', 'latin1')) || bytes.includes(Buffer.from('YishiPhone', 'latin1'));
}
