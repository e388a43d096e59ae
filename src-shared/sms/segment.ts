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
/** TP-MR-independent limit: the concatenation element carries the part count in one octet. */
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
  /** Distinct characters that no enabled GSM-7 table can carry, in order of first use. */
  charactersForcingUcs2: string[];
  /** Replacements applied (transliterate on) or on offer (transliterate off) for those characters. */
  replacements: Replacement[];
}

interface Unit {
  text: string;
  cost: number;
}

function userDataCapacity(encoding: SmsEncoding, headerOctets: number): number {
  const octets = USER_DATA_OCTETS - headerOctets;
  // GSM-7 septets start on a septet boundary after the header (fill bits, TS 23.040 9.2.3.24).
  return encoding === 'gsm7' ? Math.floor((octets * 8) / 7) : Math.floor(octets / 2);
}

/** Greedy packing: with atomic units in fixed order it yields the minimum number of parts. */
function packGreedy(units: readonly Unit[], capacity: number): { parts: string[]; partUnits: number[] } {
  const parts: string[] = [];
  const partUnits: number[] = [];
  let current = '';
  let used = 0;
  for (const unit of units) {
    if (used + unit.cost > capacity && used > 0) {
      parts.push(current);
      partUnits.push(used);
      current = '';
      used = 0;
    }
    current += unit.text;
    used += unit.cost;
  }
  parts.push(current);
  partUnits.push(used);
  return { parts, partUnits };
}

interface Plan {
  encoding: SmsEncoding;
  tables: Gsm7Tables;
  parts: string[];
  partUnits: number[];
  unitsUsed: number;
  perPartLimit: number;
}

function planFromUnits(
  encoding: SmsEncoding,
  tables: Gsm7Tables,
  units: readonly Unit[],
  use16BitReference: boolean,
  preferredUnits?: (capacity: number) => readonly Unit[],
): Plan {
  const unitsUsed = units.reduce((sum, unit) => sum + unit.cost, 0);
  const shifts = { singleShift: tables.single, lockingShift: tables.locking };
  const singleLimit = userDataCapacity(encoding, udhLength(shifts));
  if (unitsUsed <= singleLimit) {
    return {
      encoding,
      tables,
      parts: [units.map((u) => u.text).join('')],
      partUnits: [unitsUsed],
      unitsUsed,
      perPartLimit: singleLimit,
    };
  }
  const concat = {
    reference: 0,
    total: 1,
    sequence: 1,
    referenceBits: use16BitReference ? (16 as const) : (8 as const),
  };
  const perPartLimit = userDataCapacity(encoding, udhLength({ ...shifts, concat }));
  let packed = packGreedy(units, perPartLimit);
  if (preferredUnits) {
    // Prefer cutting between grapheme clusters (a flag or skin-toned emoji stays whole) but
    // only when that costs no extra part: the minimum part count comes first.
    const preferred = packGreedy(preferredUnits(perPartLimit), perPartLimit);
    if (preferred.parts.length === packed.parts.length) packed = preferred;
  }
  return { encoding, tables, ...packed, unitsUsed, perPartLimit };
}

function gsm7Units(text: string, charset: Gsm7Charset): Unit[] | undefined {
  const units: Unit[] = [];
  for (const char of text) {
    const codes = charset.encode.get(char);
    if (!codes) return undefined;
    units.push({ text: char, cost: codes.length });
  }
  return units;
}

let graphemeSegmenter: Intl.Segmenter | undefined;

/** Grapheme clusters as units; a cluster longer than a part (Zalgo text) falls back to code points. */
function graphemeUnits(text: string, capacity: number): Unit[] {
  graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const units: Unit[] = [];
  for (const { segment } of graphemeSegmenter.segment(text)) {
    if (segment.length <= capacity) units.push({ text: segment, cost: segment.length });
    else units.push(...codePointUnits(segment));
  }
  return units;
}

function codePointUnits(text: string): Unit[] {
  const units: Unit[] = [];
  // A surrogate pair is one code point, so it is never split (a lone surrogate costs 1 unit).
  for (const char of text) units.push({ text: char, cost: char.length });
  return units;
}

function ucs2Plan(text: string, use16BitReference: boolean): Plan {
  return planFromUnits('ucs2', {}, codePointUnits(text), use16BitReference, (capacity) =>
    graphemeUnits(text, capacity),
  );
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
    const units = gsm7Units(text, gsm7Charset(tables));
    if (!units) continue;
    const plan = planFromUnits('gsm7', tables, units, use16BitReference);
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
  const charactersForcingUcs2 = charactersOutside(sent, charsets);
  if (!options.transliterate) {
    for (const char of charactersForcingUcs2) {
      const replacement = GSM7_TRANSLITERATIONS.get(char);
      if (replacement !== undefined) replacements.push({ char, replacement });
    }
  }

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
  return { ...plan, text: sent, charactersForcingUcs2, replacements };
}
