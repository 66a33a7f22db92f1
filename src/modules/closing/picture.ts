import { crc32, inflateSync } from 'node:zlib';

/**
 * The one picture a child's letter may carry: a PNG or a JPEG, decided by the file's own
 * bytes (its signature and the size written in its header), never by its name or the type
 * the browser declared. Pure: no database, no I/O.
 */
export const PICTURE_MAX_BYTES = 5 * 1024 * 1024;
/** Longest side, and most pixels, of a picture we will put in a letter. */
export const PICTURE_MAX_SIDE = 10_000;
export const PICTURE_MAX_PIXELS = 20_000_000;

export type PictureFormat = 'png' | 'jpeg';

export type PictureProblem =
  /** No file, or a file with nothing in it. */
  | 'empty'
  /** More than PICTURE_MAX_BYTES. */
  | 'too-large'
  /** Not a PNG or a JPEG (a GIF, an SVG, a text file renamed .png …). */
  | 'not-png-or-jpeg'
  /** It starts like a PNG or a JPEG but cannot be read (cut short, damaged). */
  | 'unreadable'
  /** Its size (width and height in pixels) is zero or too big. */
  | 'dimensions';

export type PictureCheck =
  | { ok: true; format: PictureFormat; contentType: 'image/png' | 'image/jpeg'; width: number; height: number }
  | { ok: false; problem: PictureProblem };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Channels per PNG colour type, with the bit depths each allows. */
const PNG_COLOUR_TYPES: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { channels: 3, depths: [8, 16] },
  3: { channels: 1, depths: [1, 2, 4, 8] },
  4: { channels: 2, depths: [8, 16] },
  6: { channels: 4, depths: [8, 16] },
};

const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** How many bytes a PNG's image data inflates to: each row is a filter byte and its pixels. */
export function pngRawSize(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const rows = (w: number, h: number) => (w === 0 || h === 0 ? 0 : h * (1 + Math.ceil((w * bitsPerPixel) / 8)));
  if (!interlaced) return rows(width, height);
  let total = 0;
  for (const [xs, ys, xStep, yStep] of ADAM7) {
    total += rows(Math.ceil(Math.max(0, width - xs) / xStep), Math.ceil(Math.max(0, height - ys) / yStep));
  }
  return total;
}

function dimensionsOk(width: number, height: number): boolean {
  return (
    width >= 1 &&
    height >= 1 &&
    width <= PICTURE_MAX_SIDE &&
    height <= PICTURE_MAX_SIDE &&
    width * height <= PICTURE_MAX_PIXELS
  );
}

/**
 * A PNG: the signature, then an IHDR chunk (width, height, bit depth, colour type), then
 * chunks each with a good CRC, at least one IDAT whose data inflates to exactly the size
 * the header promises, and IEND. Anything else is unreadable.
 */
function checkPng(bytes: Buffer): PictureCheck {
  if (bytes.length < 8 + 25 + 12) return { ok: false, problem: 'unreadable' };
  if (bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    return { ok: false, problem: 'unreadable' };
  }
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const bitDepth = bytes[24]!;
  const colourType = bytes[25]!;
  const interlace = bytes[28]!;
  const colour = PNG_COLOUR_TYPES[colourType];
  if (!colour?.depths.includes(bitDepth) || bytes[26] !== 0 || bytes[27] !== 0 || interlace > 1) {
    return { ok: false, problem: 'unreadable' };
  }
  if (!dimensionsOk(width, height)) return { ok: false, problem: 'dimensions' };
  const idat: Buffer[] = [];
  let palette = false;
  let end = false;
  let p = 8;
  while (p + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(p);
    const type = bytes.toString('latin1', p + 4, p + 8);
    if (p + 12 + length > bytes.length) return { ok: false, problem: 'unreadable' };
    const crc = bytes.readUInt32BE(p + 8 + length);
    if (crc32(bytes.subarray(p + 4, p + 8 + length)) !== crc) return { ok: false, problem: 'unreadable' };
    if (type === 'PLTE') palette = true;
    if (type === 'IDAT') idat.push(bytes.subarray(p + 8, p + 8 + length));
    p += 12 + length;
    if (type === 'IEND') {
      end = true;
      break;
    }
  }
  if (!end || idat.length === 0 || (colourType === 3 && !palette)) return { ok: false, problem: 'unreadable' };
  const expected = pngRawSize(width, height, bitDepth * colour.channels, interlace === 1);
  try {
    const raw = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
    if (raw.length !== expected) return { ok: false, problem: 'unreadable' };
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  return { ok: true, format: 'png', contentType: 'image/png', width, height };
}

/** Start-of-frame markers (baseline, progressive, lossless …; not DHT C4, JPG C8 or DAC CC). */
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * A JPEG: SOI, then marker segments up to the start-of-frame, which gives the height, the
 * width and the number of colour components (1 grey, 3 colour, 4 CMYK).
 */
function checkJpeg(bytes: Buffer): PictureCheck {
  let p = 2;
  while (p + 4 <= bytes.length) {
    if (bytes[p] !== 0xff) return { ok: false, problem: 'unreadable' };
    // Fill bytes: any number of 0xFF before a marker.
    while (p < bytes.length && bytes[p + 1] === 0xff) p += 1;
    const marker = bytes[p + 1]!;
    p += 2;
    // Markers without a length: TEM and RST0–7 (SOI again is not allowed here).
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd8 || marker === 0xd9 || marker === 0xda) return { ok: false, problem: 'unreadable' };
    if (p + 2 > bytes.length) break;
    const length = bytes.readUInt16BE(p);
    if (length < 2 || p + length > bytes.length) return { ok: false, problem: 'unreadable' };
    if (SOF_MARKERS.has(marker)) {
      if (length < 8) return { ok: false, problem: 'unreadable' };
      const height = bytes.readUInt16BE(p + 3);
      const width = bytes.readUInt16BE(p + 5);
      const components = bytes[p + 7]!;
      if (![1, 3, 4].includes(components)) return { ok: false, problem: 'unreadable' };
      if (!dimensionsOk(width, height)) return { ok: false, problem: 'dimensions' };
      return { ok: true, format: 'jpeg', contentType: 'image/jpeg', width, height };
    }
    p += length;
  }
  return { ok: false, problem: 'unreadable' };
}

/** What a file is, by its bytes: a PNG or a JPEG we can put in a letter, or why not. */
export function checkPicture(content: Uint8Array | null | undefined): PictureCheck {
  if (!content || content.byteLength === 0) return { ok: false, problem: 'empty' };
  if (content.byteLength > PICTURE_MAX_BYTES) return { ok: false, problem: 'too-large' };
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return checkPng(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return checkJpeg(bytes);
  return { ok: false, problem: 'not-png-or-jpeg' };
}
