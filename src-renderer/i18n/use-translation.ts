import { usePreferencesStore } from '../state/preferences-store';
import { de } from './de';
import { en, type MessageKey } from './en';
import type { Language } from './languages';
import { zh } from './zh';

const catalogues: Record<Language, Record<MessageKey, string>> = { en, de, zh };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translate(language: Language, key: MessageKey, values?: Record<string, string | number>): string {
  const template = catalogues[language][key];
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function useTranslation(): { t: Translate; language: Language } {
  const language = usePreferencesStore((state) => state.language);
  return { t: (key, values) => translate(language, key, values), language };
}
