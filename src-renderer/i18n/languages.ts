export const languages = ['en', 'de', 'zh'] as const;
export type Language = (typeof languages)[number];

export const languageNames: Record<Language, string> = {
  en: 'English',
  de: 'Deutsch',
  zh: '中文',
};
