import { useMemo } from 'react';
import { usePreferencesStore } from '../state/preferences-store';

/** Numbers, money and dates the way the chosen language writes them (1.000.000 in German). */
export function useFormat() {
  const language = usePreferencesStore((state) => state.language);
  return useMemo(() => {
    const integer = new Intl.NumberFormat(language);
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      number: (value: number) => integer.format(value),
      money: (value: number, currency: string) =>
        new Intl.NumberFormat(language, { style: 'currency', currency, maximumFractionDigits: value !== 0 && Math.abs(value) < 1 ? 3 : 2 }).format(value),
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      bytes: (value: number) =>
        value < 1024 * 1024
          ? `${new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(Math.max(1, value / 1024))} KB`
          : `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value / 1024 / 1024)} MB`,
      country: (code: string) => {
        try {
          return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
        } catch {
          return code;
        }
      },
    };
  }, [language]);
}
