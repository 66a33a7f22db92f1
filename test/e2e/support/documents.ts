import assert from 'node:assert/strict';
import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { docxText } from '../../../src/platform/documents/zip.ts';

/* Documents the journeys download and read back, and files they upload. */

export interface Downloaded {
  href: string;
  /** 'docx', 'pdf', or the content type when it is neither. */
  kind: string;
  disposition: string;
  body: Buffer;
  /** The document's text, white space collapsed (DOCX and PDF only). */
  text: string;
}

/**
 * Downloads every `a[download]` link in `scope` (a CSS selector within the page) with the
 * page's cookies, checks each answers 200 as an attachment, and reads DOCX and PDF back to text.
 */
export async function downloadAll(page: Page, scope = 'main'): Promise<Downloaded[]> {
  const hrefs = await page
    .locator(`${scope} a[download]`)
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  const out: Downloaded[] = [];
  for (const href of hrefs) {
    const response = await page.request.get(href);
    assert.equal(response.status(), 200, href);
    const type = response.headers()['content-type'] ?? '';
    const disposition = response.headers()['content-disposition'] ?? '';
    assert.match(disposition, /^attachment; filename="/, `${href} is not an attachment`);
    const body = await response.body();
    const kind = type.includes('pdf') ? 'pdf' : type.includes('wordprocessingml') ? 'docx' : type;
    let text = '';
    if (kind === 'pdf') {
      assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-', `${href} is not a PDF`);
      text = (await extractText(await getDocumentProxy(new Uint8Array(body)), { mergePages: true })).text;
    } else if (kind === 'docx') {
      text = docxText(new Uint8Array(body));
    }
    out.push({ href, kind, disposition, body, text: text.replace(/\s+/g, ' ') });
  }
  return out;
}

/** The one download of a kind ('docx' or 'pdf'). */
export function only(documents: Downloaded[], kind: string): Downloaded {
  const found = documents.filter((d) => d.kind === kind);
  assert.equal(found.length, 1, `expected one ${kind}, got ${documents.map((d) => d.kind).join(', ')}`);
  return found[0]!;
}

/**
 * A small, valid PNG made here (no fixture file): `size`×`size` pixels, RGB, a coloured square
 * on white, such as a child's drawing scanned small.
 */
export function tinyPng(size = 16): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed) >>> 0);
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  header[10] = 0;
  header[11] = 0;
  header[12] = 0;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 3, 0xff);
    row[0] = 0; // no filter
    for (let x = 0; x < size; x += 1) {
      const inside = x >= size / 4 && x < (3 * size) / 4 && y >= size / 4 && y < (3 * size) / 4;
      if (inside) row.set([0x1d, 0x70, 0xb8], 1 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
