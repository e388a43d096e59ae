import { z } from 'zod';
import { defineMethod } from './define';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time of day like 21:00.');

/**
 * The settings office staff change on the Settings screen. Every value is checked here, so a
 * nonsense value is refused with a message that says what to enter instead.
 */
const settingsFields = z.object({
  /** For numbers written without a country code, in imports and by hand. */
  defaultCountry: z.string().regex(/^[A-Z]{2}$/, 'Choose a country from the list.'),
  /**
   * Service messages (reminders, alerts): no sending in this daily window of the recipient's local
   * time; it may wrap past midnight. Off by default: an appointment reminder may be urgent.
   */
  quietHours: z.object({ enabled: z.boolean(), start: clockTime, end: clockTime }),
  /** Marketing messages: on by default, 21:00–08:00 (TCPA allows 08:00–21:00 only). */
  marketingQuietHours: z.object({ enabled: z.boolean(), start: clockTime, end: clockTime }),
  /** The office's own opt-out phrases (e.g. "Antwort NEIN"), on top of the built-in STOP an … / Reply STOP … */
  optOutHints: z.array(z.string().trim().min(2, 'An opt-out phrase needs at least 2 characters.').max(60)).max(50),
  /** Opt-out words on top of the built-in ones, which always apply. */
  stopKeywords: z
    .array(
      z
        .string()
        .trim()
        .min(1, 'A STOP word cannot be empty.')
        .max(40, 'A STOP word can be at most 40 characters long.')
        .refine((word) => !/\s/.test(word), 'A STOP word must be a single word without spaces.'),
    )
    .max(100, 'At most 100 STOP words can be added.'),
  pricePerPart: z
    .number()
    .min(0, 'The price cannot be negative.')
    .max(100, 'The price per SMS part looks too high; enter it in the currency, e.g. 0.09.'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Choose a currency from the list.'),
  /** Message texts are deleted this many days after sending; null keeps them. */
  retentionDays: z
    .number()
    .int('Enter a whole number of days.')
    .min(1, 'Keep message texts for at least 1 day, or choose to keep them.')
    .max(3650, 'At most 3650 days (10 years).')
    .nullable(),
});

export const appSettingsSchema = settingsFields
  .refine((settings) => !settings.quietHours.enabled || settings.quietHours.start !== settings.quietHours.end, {
    message: 'Quiet hours start and end at the same time. Choose different times, or switch quiet hours off.',
    path: ['quietHours', 'end'],
  })
  .refine((settings) => !settings.marketingQuietHours.enabled || settings.marketingQuietHours.start !== settings.marketingQuietHours.end, {
    message: 'Quiet hours for marketing start and end at the same time. Choose different times, or switch them off.',
    path: ['marketingQuietHours', 'end'],
  });
export type AppSettings = z.infer<typeof appSettingsSchema>;

export const currencies = ['EUR', 'USD', 'GBP', 'CHF', 'CNY', 'PLN', 'CZK', 'SEK', 'DKK', 'NOK'] as const;

export const settingsMethods = {
  'settings.get': defineMethod({
    summary: 'The current settings, with the built-in STOP words and the countries Fanout knows.',
    args: z.strictObject({}),
    result: z.object({
      settings: appSettingsSchema,
      builtInStopKeywords: z.array(z.string()),
      countries: z.array(z.object({ code: z.string(), callingCode: z.string() })),
    }),
  }),
  'settings.update': defineMethod({
    summary: 'Changes some settings; the others stay as they are. Answers with all settings.',
    // Each value is checked here; the service checks the combination (e.g. quiet hours) after merging.
    args: settingsFields.partial().strict(),
    result: z.object({ settings: appSettingsSchema }),
  }),
};
