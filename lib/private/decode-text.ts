import { Buffer, isAscii, isUtf8 } from "node:buffer";

/** The text of a file, or why it is not UTF-8 text. */
export type DecodedText =
  { readonly text: string } | { readonly message: string; readonly hint: string };

// TextDecoder drops this mark, so the quick path drops it too.
const UTF8_MARK = [0xef, 0xbb, 0xbf];
const UTF16_LITTLE_ENDIAN_MARK = [0xff, 0xfe];
const UTF16_BIG_ENDIAN_MARK = [0xfe, 0xff];

/**
 * Decodes a rule file's bytes as UTF-8, refusing anything else rather than
 * replacing what it cannot read with U+FFFD, which would change descriptions
 * without a word.
 *
 * @param bytes the file's content
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, UTF16_LITTLE_ENDIAN_MARK) || startsWith(bytes, UTF16_BIG_ENDIAN_MARK)) {
    return {
      message: "the file is UTF-16 text, not UTF-8.",
      hint: "Save it as UTF-8 (most editors offer the encoding in their Save As dialog).",
    };
  }
  // isUtf8 checks the bytes many times faster than a fatal TextDecoder decodes
  // them; the decoder still reads whatever isUtf8 refuses, so that it alone
  // decides what is an error, and the message stays the same.
  // ASCII reads the same in Latin-1, which copies bytes without decoding them.
  if (isAscii(bytes)) {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { text: buffer.toString("latin1") };
  }
  if (isUtf8(bytes)) {
    const start = startsWith(bytes, UTF8_MARK) ? UTF8_MARK.length : 0;
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { text: buffer.toString("utf8", start) };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidByte(bytes);
    return {
      message: `the file is not valid UTF-8: the byte at offset ${offset} (0x${bytes[offset]
        .toString(16)
        .padStart(2, "0")}) starts no UTF-8 character.`,
      hint: "Save it as UTF-8; it may be in Latin-1 or a Windows code page.",
    };
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, position) => bytes[position] === byte);
}

// Decoding grows a prefix until it fails, halving the search each time, so a
// large file costs a few decodes, not one per byte.
function firstInvalidByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let valid = 0;
  let invalid = bytes.length;
  while (invalid - valid > 1) {
    const middle = Math.floor((valid + invalid) / 2);
    try {
      decoder.decode(bytes.subarray(0, middle), { stream: true });
      decoder.decode();
      valid = middle;
    } catch {
      invalid = middle;
    }
  }
  return valid;
}
