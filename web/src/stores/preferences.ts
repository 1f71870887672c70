import { defineStore } from 'pinia';
import { Locale as VantLocale } from 'vant';
import enUS from 'vant/es/locale/lang/en-US';
import zhCNVant from 'vant/es/locale/lang/zh-CN';
import { ref } from 'vue';
import { setApiLocale } from '../api/client';
import { i18n, isLocale, loadLocaleMessages, type Locale } from '../i18n';

const STORAGE_KEY = 'yishi.locale';

function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    if (isLocale(value)) return value;
  } catch {
    // Storage may be unavailable (private mode); fall back to the default.
  }
  return 'zh-CN';
}

/** The interface language: vue-i18n, Vant's own texts, <html lang> and Accept-Language follow it. */
export const usePreferencesStore = defineStore('preferences', () => {
  const locale = ref<Locale>(storedLocale());

  function apply(next: Locale): void {
    setApiLocale(next);
    void loadLocaleMessages(next).then(() => {
      // The latest choice wins if English was still loading when the user switched back.
      if (locale.value === next) i18n.global.locale.value = next;
    });
    VantLocale.use(next === 'en' ? 'en-US' : 'zh-CN', next === 'en' ? enUS : zhCNVant);
    document.documentElement.lang = next;
  }

  function setLocale(next: Locale): void {
    locale.value = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still applies to this visit.
    }
    apply(next);
  }

  apply(locale.value);
  return { locale, setLocale };
});
