import { CodecError } from './errors';
import type { Gsm7Charset, Gsm7Tables } from './gsm7';
import { gsm7Charset } from './gsm7';
import type { NationalLanguage } from './national-tables';
import { LOCKING_SHIFT_TABLES } from './national-tables';
import type { Replacement } from './transliteration';
import { GSM7_TRANSLITERATIONS, transliterate } from './transliteration';
import type { SmsEncoding } from './types';
import { udhLength } from './udh';

/** Octets of user data in one SMS (TS 23.040 9.2.3.16: 140 octets = 160 septets). */
export const USER_DATA_OCTETS = 140;
/** The concatenation element carries the part count in one octet (TS 23.040 9.2.3.24.1). */
export const MAX_PARTS = 255;

export interface SegmentOptions {
  /** Force an encoding; default: GSM-7 when every character fits, otherwise UCS-2. */
  encoding?: SmsEncoding;
  /** National language shift tables the user enabled; used only when they save parts. */
  nationalLanguages?: readonly NationalLanguage[];
  /**
   * Replace characters that would force UCS-2 with GSM-7 look-alikes (see transliteration.ts).
   * Off by default: Fanout never changes a character unless the user asked.
   */
  transliterate?: boolean;
  /** Reserve room for a 16-bit concatenation reference (IEI 08) instead of 8-bit (IEI 00). */
  use16BitReference?: boolean;
}

export interface Segmentation {
  encoding: SmsEncoding;
  /** National tables in use (GSM-7 only); empty = default alphabet and extension table. */
  tables: Gsm7Tables;
  /** The text actually sent: the input, or its transliteration when that option is on. */
  text: string;
  /** Each part's text; joined they give `text` exactly. */
  parts: string[];
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) per part. */
  partUnits: number[];
  unitsUsed: number;
  /** Units one part may hold: the single-message limit when parts = 1, else the per-part limit. */
  perPartLimit: number;
  /**
   * Distinct characters that make the message UCS-2, in order of first use: those no enabled
   * GSM-7 table carries, or, when national tables were available but saved no part, those
   * outside the default alphabet. Empty for GSM-7 messages.
   */
  charactersForcingUcs2: string[];
  /** Replacements applied (transliterate on) or on offer (transliterate off) for those characters. */
  replacements: Replacement[];
}

interface Plan {
  encoding: SmsEncoding;
  tables: Gsm7Tables;
  parts: string[];
  partUnits: number[];
  unitsUsed: number;
  perPartLimit: number;
}

function userDataCapacity(encoding: SmsEncoding, headerOctets: number): number {
  const octets = USER_DATA_OCTETS - headerOctets;
  // GSM-7 septets start on a septet boundary after the header (fill bits, TS 23.040 9.2.3.24).
  return encoding === 'gsm7' ? Math.floor((octets * 8) / 7) : Math.floor(octets / 2);
}

function partLimits(encoding: SmsEncoding, tables: Gsm7Tables, use16BitReference: boolean) {
  const shifts = { singleShift: tables.single, lockingShift: tables.locking };
  const concat = {
    reference: 0,
    total: 1,
    sequence: 1,
    referenceBits: use16BitReference ? (16 as const) : (8 as const),
  };
  return {
    single: userDataCapacity(encoding, udhLength(shifts)),
    perPart: userDataCapacity(encoding, udhLength({ ...shifts, concat })),
  };
}

function slicesAt(text: string, cuts: readonly number[]): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const cut of cuts) {
    parts.push(text.slice(start, cut));
    start = cut;
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * Septets each code unit costs in this charset (1, or 2 for an escape pair), or undefined when
 * a character does not fit. GSM-7 characters are all in the BMP, so code unit = character.
 */
function gsm7Costs(text: string, charset: Gsm7Charset): Uint8Array | undefined {
  const costs = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const codes = charset.encode.get(text.charAt(i));
    if (!codes) return undefined;
    costs[i] = codes.length;
  }
  return costs;
}

/**
 * Greedy packing: each part takes as many whole characters as fit. With characters in a fixed
 * order and a fixed capacity this gives the minimum number of parts, and an escape pair (one
 * character) is never split.
 */
function gsm7Plan(text: string, tables: Gsm7Tables, costs: Uint8Array, use16BitReference: boolean): Plan {
  let unitsUsed = 0;
  for (const cost of costs) unitsUsed += cost;
  const limits = partLimits('gsm7', tables, use16BitReference);
  if (unitsUsed <= limits.single) {
    return {
      encoding: 'gsm7',
      tables,
      parts: [text],
      partUnits: [unitsUsed],
      unitsUsed,
      perPartLimit: limits.single,
    };
  }
  const cuts: number[] = [];
  const partUnits: number[] = [];
  let used = 0;
  costs.forEach((cost, index) => {
    if (used + cost > limits.perPart) {
      cuts.push(index);
      partUnits.push(used);
      used = 0;
    }
    used += cost;
  });
  partUnits.push(used);
  return {
    encoding: 'gsm7',
    tables,
    parts: slicesAt(text, cuts),
    partUnits,
    unitsUsed,
    perPartLimit: limits.perPart,
  };
}

function isSurrogatePairAt(text: string, index: number): boolean {
  const high = text.charCodeAt(index);
  const low = text.charCodeAt(index + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

let graphemeSegmenter: Intl.Segmenter | undefined;

/**
 * Where each part ends: as many UTF-16 units as fit, one less when that would split a
 * surrogate pair. With preferGraphemes, a cut inside a grapheme cluster (a flag, a skin-toned
 * or ZWJ emoji) moves back to the cluster's start unless the cluster fills the whole part.
 */
function ucs2Cuts(text: string, capacity: number, preferGraphemes: boolean): number[] {
  let segments: Intl.Segments | undefined;
  // Engines built without ICU segmentation still split correctly, just not by cluster.
  if (preferGraphemes && typeof Intl.Segmenter === 'function') {
    graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    segments = graphemeSegmenter.segment(text);
  }
  const cuts: number[] = [];
  let start = 0;
  while (text.length - start > capacity) {
    let end = start + capacity;
    if (isSurrogatePairAt(text, end - 1)) end--;
    const cluster = segments?.containing(end);
    if (cluster && cluster.index < end && cluster.index > start) end = cluster.index;
    cuts.push(end);
    start = end;
  }
  return cuts;
}

function ucs2Plan(text: string, use16BitReference: boolean): Plan {
  const unitsUsed = text.length;
  const limits = partLimits('ucs2', {}, use16BitReference);
  if (unitsUsed <= limits.single) {
    return {
      encoding: 'ucs2',
      tables: {},
      parts: [text],
      partUnits: [unitsUsed],
      unitsUsed,
      perPartLimit: limits.single,
    };
  }
  let cuts = ucs2Cuts(text, limits.perPart, false);
  // Keeping clusters whole is worth it only when it costs no extra part.
  const graphemeCuts = ucs2Cuts(text, limits.perPart, true);
  if (graphemeCuts.length === cuts.length) cuts = graphemeCuts;
  const parts = slicesAt(text, cuts);
  return {
    encoding: 'ucs2',
    tables: {},
    parts,
    partUnits: parts.map((part) => part.length),
    unitsUsed,
    perPartLimit: limits.perPart,
  };
}

/** Table combinations to try for the enabled languages, default alphabet first. */
function candidateTables(languages: readonly NationalLanguage[]): Gsm7Tables[] {
  const candidates: Gsm7Tables[] = [{}];
  for (const language of languages) {
    candidates.push({ single: language });
    if (LOCKING_SHIFT_TABLES[language]) {
      candidates.push({ locking: language });
      candidates.push({ locking: language, single: language });
    }
  }
  return candidates;
}

function bestGsm7Plan(
  text: string,
  candidates: readonly Gsm7Tables[],
  use16BitReference: boolean,
): Plan | undefined {
  let best: Plan | undefined;
  for (const tables of candidates) {
    const costs = gsm7Costs(text, gsm7Charset(tables));
    if (!costs) continue;
    const plan = gsm7Plan(text, tables, costs, use16BitReference);
    if (!best || plan.parts.length < best.parts.length) best = plan;
  }
  return best;
}

function charactersOutside(text: string, charsets: readonly Gsm7Charset[]): string[] {
  const found = new Set<string>();
  for (const char of text) {
    if (!found.has(char) && !charsets.some((charset) => charset.encode.has(char))) found.add(char);
  }
  return [...found];
}

/**
 * Chooses the encoding and splits the text into parts (TS 23.038 / TS 23.040 9.2.3.24.1):
 * 160/153 septets or 70/67 UTF-16 units (less with a 16-bit reference or national tables),
 * never splitting an escape pair or a surrogate pair, with the minimum number of parts.
 * Throws CodecError only when GSM-7 is forced and a character does not fit it.
 */
export function segmentText(text: string, options: SegmentOptions = {}): Segmentation {
  const languages = options.nationalLanguages ?? [];
  const use16 = options.use16BitReference ?? false;
  const allTables = candidateTables(languages);
  const charsets = allTables.map((tables) => gsm7Charset(tables));
  const fits = (char: string) => charsets.some((charset) => charset.encode.has(char));

  let sent = text;
  let replacements: Replacement[];
  if (options.transliterate) {
    const result = transliterate(text, (char) => !fits(char));
    sent = result.text;
    replacements = result.replaced;
  } else {
    replacements = [];
  }
  let charactersForcingUcs2 = charactersOutside(sent, charsets);

  let plan: Plan;
  if (options.encoding === 'ucs2') {
    plan = ucs2Plan(sent, use16);
  } else if (options.encoding === 'gsm7') {
    const gsm7 = bestGsm7Plan(sent, allTables, use16);
    if (!gsm7) {
      throw new CodecError(
        'unencodable-character',
        `GSM-7 was requested but these characters do not fit it: ${charactersForcingUcs2.join(' ')}`,
      );
    }
    plan = gsm7;
  } else {
    const plain = bestGsm7Plan(sent, [{}], use16) ?? ucs2Plan(sent, use16);
    const national = languages.length > 0 ? bestGsm7Plan(sent, allTables.slice(1), use16) : undefined;
    // National tables cost header octets and are unknown to some phones: only worth it when shorter.
    plan = national && national.parts.length < plain.parts.length ? national : plain;
  }
  if (plan.encoding === 'ucs2' && options.encoding !== 'ucs2' && charactersForcingUcs2.length === 0) {
    // Every character had a national table, but the tables saved no part: the characters
    // outside the default alphabet are what made it UCS-2.
    charactersForcingUcs2 = charactersOutside(sent, [gsm7Charset()]);
  }
  if (!options.transliterate) {
    for (const char of charactersForcingUcs2) {
      const replacement = GSM7_TRANSLITERATIONS.get(char);
      if (replacement !== undefined) replacements.push({ char, replacement });
    }
  }
  return { ...plan, text: sent, charactersForcingUcs2, replacements };
}
