import { AlignmentType, ImageRun, Paragraph, TextRun } from 'docx';
import type { DossierPhotoPurpose } from '../../../domain/matters/photos';
import type { PrintImage } from '../../images';
import { chinaTime, photoLabels } from './archive.labels';

/** The photos a dossier prints (the first MAX_DOSSIER_PHOTOS) and how many the matter holds in all. */
export type DossierPhotos = {
  items: { purpose: DossierPhotoPurpose; takenAt: Date; image: PrintImage | undefined }[];
  total: number;
};

/** The printable box on an A4 page with Word's default margins, in pixels at 96 to the inch. */
const BOX_WIDTH = 600;
/** Short enough that a portrait photo and its caption share a page. */
const BOX_HEIGHT = 560;

/** A photo's display size: scaled to fit the text width (and the box's height), keeping its aspect ratio. */
export function fitToPage(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(BOX_WIDTH / width, BOX_HEIGHT / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** 照片: each photo as an inline image with its caption (kind, date); a missing file says so. */
export function photosSection(photos: DossierPhotos): Paragraph[] {
  if (photos.total === 0) return [new Paragraph({ children: [new TextRun('（无）')] })];
  const paragraphs = photos.items.flatMap(({ purpose, takenAt, image }, i) => {
    const caption = `图 ${i + 1}  ${photoLabels[purpose]} · ${chinaTime(takenAt)}`;
    if (!image) return [new Paragraph({ children: [new TextRun(`${caption}（文件缺失或无法读取）`)] })];
    return [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        children: [
          new ImageRun({
            type: 'jpg',
            data: image.bytes,
            transformation: fitToPage(image.width, image.height),
            altText: { name: `photo-${i + 1}`, description: caption, title: caption },
          }),
        ],
      }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: caption, size: 20 })] }),
    ];
  });
  const left = photos.total - photos.items.length;
  return left > 0
    ? [...paragraphs, new Paragraph({ children: [new TextRun(`另有 ${left} 张照片未收入本文件，可在系统中查看。`)] })]
    : paragraphs;
}
