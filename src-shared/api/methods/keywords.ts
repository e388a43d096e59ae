import { z } from 'zod';
import { defineMethod } from './define';

/** Languages Fanout has built-in keywords and answer texts for. */
export const replyLanguages = ['en', 'de', 'fr', 'es', 'zh'] as const;
export type ReplyLanguage = (typeof replyLanguages)[number];

/** The keywords that act on their own; a near miss only waits for a person. */
export const actingKeywords = ['stop', 'start', 'help'] as const;
export type ActingKeyword = (typeof actingKeywords)[number];

const keywordWord = z
  .string()
  .trim()
  .min(1, 'A keyword cannot be empty.')
  .max(40, 'A keyword can be at most 40 characters long.')
  .refine((word) => !/\s/.test(word), 'A keyword must be a single word without spaces.');

const wordList = z.array(keywordWord).max(100, 'At most 100 words can be added to a list.');

const answerText = z
  .string()
  .trim()
  .min(1, 'An answer cannot be empty. Turn the answer off instead.')
  .max(480, 'An answer can be at most 480 characters (about three SMS) long.');

const answerTexts = z.object({ stop: answerText, start: answerText, help: answerText });

/**
 * What replies Fanout recognises and how it answers them. The built-in words always apply (the
 * law and the carriers' rules expect STOP to work); these lists add to them.
 */
export const keywordSettingsSchema = z.object({
  extraWords: z.object({ stop: wordList, start: wordList, help: wordList }),
  /** Whether each keyword is answered: the STOP and START confirmations, the HELP text. */
  answers: z.object({ stop: z.boolean(), start: z.boolean(), help: z.boolean() }),
  /** Answer texts per language; the language is the one of the word the person sent. */
  texts: z.object({ en: answerTexts, de: answerTexts, fr: answerTexts, es: answerTexts, zh: answerTexts }),
});
export type KeywordSettings = z.infer<typeof keywordSettingsSchema>;

const builtInWordSchema = z.object({ word: z.string(), languages: z.array(z.enum(replyLanguages)) });

export const keywordsMethods = {
  'keywords.get': defineMethod({
    summary: 'The STOP, START and HELP words (built-in and added), whether each is answered, and the answer texts.',
    args: z.strictObject({}),
    result: z.object({
      settings: keywordSettingsSchema,
      builtIn: z.object({ stop: z.array(builtInWordSchema), start: z.array(builtInWordSchema), help: z.array(builtInWordSchema) }),
      /** The texts Fanout starts with, to offer "back to the default". */
      defaultTexts: keywordSettingsSchema.shape.texts,
      /** Answers to a word used in several languages (STOP) go out in this one, from the default country. */
      fallbackLanguage: z.enum(replyLanguages),
    }),
  }),
  'keywords.update': defineMethod({
    summary: 'Changes the keyword lists, answers or texts; what is not given stays. Answers with all keyword settings.',
    args: keywordSettingsSchema.partial().strict(),
    result: z.object({ settings: keywordSettingsSchema }),
  }),
};
