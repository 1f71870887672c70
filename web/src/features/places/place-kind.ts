import type { Composer } from 'vue-i18n';
import type { PlaceKind } from './places.api';

/** The Chinese word for a level differs in town and country (社区 / 行政村); unknown: both. */
export function placeKindLabel(t: Composer['t'], kind: string, isRural?: boolean): string {
  if (isRural === undefined) return t(`placeKinds.${kind}`);
  return t(`${isRural ? 'placeKindsRural' : 'placeKindsUrban'}.${kind as PlaceKind}`);
}
