/**
 * Draws the app icons (web/public/icons) once from SVG with sharp; the PNGs are committed, so a build
 * needs neither this script nor a font. Run again only to change the icon: `tsx scripts/make-icons.ts`.
 */
import path from 'node:path';
import sharp from 'sharp';

const out = path.resolve('web', 'public', 'icons');
const blue = '#1a5fb4';

/** A white 议 on the app's blue; `inset` keeps the glyph inside a maskable icon's safe circle. */
function iconSvg(size: number, opts: { isMaskable: boolean }): string {
  const radius = opts.isMaskable ? 0 : size * 0.18;
  const fontSize = size * (opts.isMaskable ? 0.46 : 0.6);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <rect width="${size}" height="${size}" rx="${radius}" fill="${blue}"/>
  <text x="50%" y="50%" dy="0.35em" text-anchor="middle" font-family="Noto Sans CJK SC, Noto Sans SC, sans-serif"
    font-weight="700" font-size="${fontSize}" fill="#ffffff">议</text>
</svg>`;
}

for (const [name, size, isMaskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
] as const) {
  await sharp(Buffer.from(iconSvg(size, { isMaskable })))
    .png({ compressionLevel: 9 })
    .toFile(path.join(out, name));
  console.log(`web/public/icons/${name}`);
}
