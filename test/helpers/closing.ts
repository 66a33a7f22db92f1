import { crc32, deflateSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { seedCase } from './cases.ts';
import type { TestDatabase } from './database.ts';

/** One PNG chunk: length, type, data and the CRC of type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/**
 * A real PNG, built byte by byte: signature, IHDR, one IDAT of deflated rows (RGB, 8 bits,
 * a colour gradient), IEND. `corruptCrc` spoils the IDAT's CRC; `declared` writes another
 * size into the header than the rows hold.
 */
export function pngBytes(
  width: number,
  height: number,
  options: { corruptCrc?: boolean; declared?: { width: number; height: number } } = {},
): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(options.declared?.width ?? width, 0);
  ihdr.writeUInt32BE(options.declared?.height ?? height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0; // not interlaced
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x += 1) {
      row[1 + x * 3] = (x * 255) / Math.max(1, width - 1);
      row[2 + x * 3] = (y * 255) / Math.max(1, height - 1);
      row[3 + x * 3] = 128;
    }
    rows.push(row);
  }
  const idat = pngChunk('IDAT', deflateSync(Buffer.concat(rows)));
  if (options.corruptCrc) idat.writeUInt8(idat.readUInt8(idat.length - 1) ^ 0xff, idat.length - 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    idat,
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A JPEG's headers as a camera writes them: SOI, APP0 (JFIF), a quantisation table, the
 * baseline start-of-frame (height, width, three components), a Huffman table, the start
 * of scan, a few bytes of scan data and EOI. Its size is read from the SOF0 segment.
 */
export function jpegBytes(width: number, height: number): Buffer {
  const segment = (marker: number, data: Buffer) => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(data.length + 2, 2);
    return Buffer.concat([head, data]);
  };
  const app0 = Buffer.from([0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const dqt = Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)]);
  const sof = Buffer.alloc(15);
  sof[0] = 8;
  sof.writeUInt16BE(height, 1);
  sof.writeUInt16BE(width, 3);
  sof[5] = 3;
  sof.set([1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0], 6);
  const dht = Buffer.concat([Buffer.from([0x00]), Buffer.from([0, 1, ...Array(14).fill(0)]), Buffer.from([0])]);
  const sos = Buffer.from([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, app0),
    segment(0xdb, dqt),
    segment(0xc0, sof),
    segment(0xc4, dht),
    segment(0xda, sos),
    Buffer.from([0x00, 0x3f, 0x00, 0x3f]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** A GIF's first bytes (GIF89a, 1 × 1): a picture of a kind a letter does not take. */
export function gifBytes(): Buffer {
  return Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
}

export const SVG_TEXT = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>';

/**
 * A seeded case (two children aged 7 and 6 on 2 March 2026, a mother with a confidential
 * address, a father) in state closing, with a final order recorded directly.
 */
export async function caseInClosing(
  database: TestDatabase,
  options: Parameters<typeof seedCase>[1] & { orderType?: string; orderLabel?: string | null; final?: boolean } = {},
) {
  const { orderType, orderLabel, final, ...seed } = options;
  const kase = await seedCase(database, { status: 'closing', ...seed });
  const [order] = (
    (await database.db.execute(
      sql`INSERT INTO court_order (case_id, order_type, label, made_on, final)
          VALUES (${kase.caseId}, ${orderType ?? 'C43'}, ${orderLabel === undefined ? 'Child arrangements order (C43)' : orderLabel},
            '2026-02-27', ${final ?? true})
          RETURNING id`,
    )) as unknown as { rows: { id: string }[] }
  ).rows;
  return { ...kase, orderId: order!.id };
}

/** Set a column of a person (e.g. their language preference or date of birth) directly. */
export async function setPerson(
  database: TestDatabase,
  personId: string,
  values: { languagePreference?: string; dateOfBirth?: string | null },
) {
  if (values.languagePreference !== undefined) {
    await database.db.execute(
      sql`UPDATE person SET language_preference = ${values.languagePreference} WHERE id = ${personId}`,
    );
  }
  if (values.dateOfBirth !== undefined) {
    await database.db.execute(sql`UPDATE person SET date_of_birth = ${values.dateOfBirth} WHERE id = ${personId}`);
  }
}

/** A section 7 report filed for the case, with its recommendation (inserted directly, with its direction). */
export async function fileReport(
  database: TestDatabase,
  caseId: string,
  authorId: string,
  recommendation = 'The children should live with their mother and spend every other weekend with their father.',
) {
  const rows = (
    (await database.db.execute(
      sql`WITH d AS (
            INSERT INTO court_direction (case_id, report_type, source, due_on)
            VALUES (${caseId}, 'section-7', 'court', '2026-02-20') RETURNING id)
          INSERT INTO court_report (case_id, kind, direction_id, language, status, sections, author_id, filed_on, filed_at, filed_by)
          SELECT ${caseId}, 'section-7', d.id, 'en', 'filed', ${JSON.stringify({ recommendation })}::jsonb, ${authorId},
            '2026-02-20', '2026-02-20T10:00:00Z', ${authorId}
          FROM d RETURNING id`,
    )) as unknown as { rows: { id: string }[] }
  ).rows;
  return rows[0]!.id;
}
