/** Messages of an account's own settings (password change), merged into the catalogue in messages.ts. */
export const accountMessages = {
  'zh-CN': {},
  en: {},
} as const;
