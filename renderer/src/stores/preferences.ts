import { defineStore } from 'pinia';
import { computed, ref, watchEffect } from 'vue';
import en from 'element-plus/es/locale/lang/en';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import { DEFAULT_LOCALE, i18n, LOCALES, type Locale } from '@/i18n';
import { browserStorage, readChoice, writeText } from '@/utils/storage';

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const LOCALE_KEY = 'commandRoom.locale';
const THEME_KEY = 'commandRoom.theme';

/** Without a saved choice, follow the computer's setting: a room lit for night work is often already dark. */
function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Language and theme of this computer, kept across restarts (they belong to the screen, not the account). */
export const usePreferencesStore = defineStore('preferences', () => {
  const storage = browserStorage();
  const locale = ref<Locale>(readChoice(storage, LOCALE_KEY, LOCALES, DEFAULT_LOCALE));
  const theme = ref<Theme>(readChoice(storage, THEME_KEY, THEMES, systemTheme()));

  const elementLocale = computed(() => (locale.value === 'en-US' ? en : zhCn));

  watchEffect(() => {
    i18n.global.locale.value = locale.value;
    document.documentElement.lang = locale.value;
  });
  watchEffect(() => {
    document.documentElement.classList.toggle('dark', theme.value === 'dark');
  });

  function setLocale(next: Locale): void {
    locale.value = next;
    writeText(storage, LOCALE_KEY, next);
  }

  function toggleLocale(): void {
    setLocale(locale.value === 'zh-CN' ? 'en-US' : 'zh-CN');
  }

  function setTheme(next: Theme): void {
    theme.value = next;
    writeText(storage, THEME_KEY, next);
  }

  function toggleTheme(): void {
    setTheme(theme.value === 'dark' ? 'light' : 'dark');
  }

  return { locale, theme, elementLocale, setLocale, toggleLocale, setTheme, toggleTheme };
});
