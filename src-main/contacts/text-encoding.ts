// Which text encoding a CSV file is in, from its first bytes, and incremental decoding of the rest.
// Excel on a German Windows saves "CSV (Trennzeichen-getrennt)" as Windows-1252 with ";", and
// "Unicode-Text" as UTF-16 LE with a BOM and tabs.
import iconv from 'iconv-lite';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** Length of the byte order mark to skip. */
  bomLength: number;
}

export function detectEncoding(head: Uint8Array): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const utf16 = utf16ByZeroBytes(head);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  return { encoding: isValidUtf8(head) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/** ASCII-heavy UTF-16 without BOM: every other byte is zero. */
function utf16ByZeroBytes(head: Uint8Array): TextEncodingName | undefined {
  const pairs = Math.min(head.length >> 1, 4096);
  if (pairs < 2) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) zeroEven++;
    if (head[2 * i + 1] === 0) zeroOdd++;
  }
  if (zeroOdd > pairs * 0.6 && zeroEven < pairs * 0.1) return 'utf-16le';
  if (zeroEven > pairs * 0.6 && zeroOdd < pairs * 0.1) return 'utf-16be';
  return undefined;
}

/** Valid UTF-8, allowing the sample to end in the middle of a character. */
function isValidUtf8(bytes: Uint8Array): boolean {
  let cut = bytes.length;
  // Step back over an incomplete sequence at the end of the sample.
  for (let back = 1; back <= 3 && cut - back >= 0; back++) {
    const byte = bytes[cut - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      if (needed > back) cut -= back;
    }
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, cut));
    return true;
  } catch {
    return false;
  }
}

export interface IncrementalDecoder {
  /** Throws InvalidTextError for UTF-8 that is not valid. */
  write(bytes: Uint8Array): string;
  end(): string;
}

export class InvalidTextError extends Error {
  override name = 'InvalidTextError';
}

export function createDecoder(encoding: TextEncodingName): IncrementalDecoder {
  if (encoding === 'utf-8') {
    // ignoreBOM: the caller has skipped it already; a second one would be content.
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const guard = (decode: () => string) => {
      try {
        return decode();
      } catch (cause) {
        throw new InvalidTextError('The file is not valid UTF-8', { cause });
      }
    };
    return {
      write: (bytes) => guard(() => decoder.decode(bytes, { stream: true })),
      end: () => guard(() => decoder.decode()),
    };
  }
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  return {
    write: (bytes) => decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
    end: () => decoder.end() ?? '',
  };
}

/**
 * Text that is not a table: NUL bytes in an 8-bit encoding, or many control characters.
 * Tabs, line breaks and form feeds are normal.
 */
export function looksBinary(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return true;
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) || code === 0xfffd) control++;
  }
  return control > 8 && control > text.length * 0.01;
}
