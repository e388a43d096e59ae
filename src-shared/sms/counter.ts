import type { Gsm7Tables } from './gsm7';
import type { SegmentOptions } from './segment';
import { MAX_PARTS, segmentText } from './segment';
import type { Replacement } from './transliteration';
import { GSM7_TRANSLITERATIONS } from './transliteration';
import type { SmsEncoding } from './types';

export type CountOptions = SegmentOptions;

/** What the composer shows under the message box. */
export interface MessageCount {
  encoding: SmsEncoding;
  /** Parts encodeSubmit() would produce for the same text and options. */
  parts: number;
  /** 'septet' for GSM-7 (extension characters count two), 'utf16' for UCS-2 (emoji count two). */
  unit: 'septet' | 'utf16';
  unitsUsed: number;
  /** Room left in the last part before another part is needed. */
  unitsLeftInPart: number;
  /** 160/70 for a single message, 153/67 per part once concatenated (less with shift tables). */
  perPartLimit: number;
  /** Characters as the user sees them (code points), for a "characters" display. */
  characters: number;
  /** Distinct characters no enabled GSM-7 table carries, in order of first use. */
  charactersForcingUcs2: string[];
  /** Transliterations on offer for those characters (or applied, with the transliterate option). */
  replacements: Replacement[];
  /** Whether accepting the offered replacements would bring the message back to GSM-7. */
  transliterationAvoidsUcs2: boolean;
  /** National shift tables the message would use. */
  nationalTables: Gsm7Tables;
  /** The text that would be sent (differs from the input only with the transliterate option). */
  sentText: string;
  /** More than 255 parts: cannot be sent as one message. */
  tooLong: boolean;
}

export function countMessage(text: string, options: CountOptions = {}): MessageCount {
  const segmentation = segmentText(text, options);
  const parts = segmentation.parts.length;
  const lastPartUnits = segmentation.partUnits[parts - 1] ?? 0;
  let characters = 0;
  for (const _char of segmentation.text) characters++;
  return {
    encoding: segmentation.encoding,
    parts,
    unit: segmentation.encoding === 'gsm7' ? 'septet' : 'utf16',
    unitsUsed: segmentation.unitsUsed,
    unitsLeftInPart: segmentation.perPartLimit - lastPartUnits,
    perPartLimit: segmentation.perPartLimit,
    characters,
    charactersForcingUcs2: segmentation.charactersForcingUcs2,
    replacements: segmentation.replacements,
    transliterationAvoidsUcs2:
      segmentation.charactersForcingUcs2.length > 0 &&
      segmentation.charactersForcingUcs2.every((char) => GSM7_TRANSLITERATIONS.has(char)),
    nationalTables: segmentation.tables,
    sentText: segmentation.text,
    tooLong: parts > MAX_PARTS,
  };
}

export interface RecipientCounts {
  counts: MessageCount[];
  /** Sum of parts over all recipients: what the campaign costs in SMS. */
  totalParts: number;
  maxParts: number;
  /** How many rendered texts need UCS-2 (a merge field can bring in a character GSM-7 lacks). */
  ucs2Count: number;
}

/** Counts for each recipient's text after merge fields are filled in. */
export function countForRecipients(
  renderedTexts: readonly string[],
  options: CountOptions = {},
): RecipientCounts {
  const counts = renderedTexts.map((text) => countMessage(text, options));
  return {
    counts,
    totalParts: counts.reduce((sum, count) => sum + count.parts, 0),
    maxParts: counts.reduce((max, count) => Math.max(max, count.parts), 0),
    ucs2Count: counts.filter((count) => count.encoding === 'ucs2').length,
  };
}
