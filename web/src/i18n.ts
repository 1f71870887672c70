import { createI18n } from 'vue-i18n';
import zhCN from './locales/zh-CN.json';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

export type MessageSchema = typeof zhCN;

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  // English loads when chosen (loadLocaleMessages): public pages stay light on a phone.
  messages: { 'zh-CN': zhCN } as Record<Locale, MessageSchema>,
});

/** Makes sure a locale's messages are loaded (English is a separate chunk). */
export async function loadLocaleMessages(locale: Locale): Promise<void> {
  if (i18n.global.availableLocales.includes(locale)) return;
  const messages = (await import('./locales/en.json')).default;
  i18n.global.setLocaleMessage('en', messages as MessageSchema);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
