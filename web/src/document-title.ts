import { i18n } from './i18n';

/** Sets a meaningful document title: "<page> · 议事". */
export function setDocumentTitle(title: string): void {
  document.title = `${title} · ${i18n.global.t('app.name')}`;
}
