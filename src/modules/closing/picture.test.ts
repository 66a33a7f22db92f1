import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gifBytes, jpegBytes, pngBytes, SVG_TEXT } from '../../../test/helpers/closing.ts';
import { checkPicture, PICTURE_MAX_BYTES, pngRawSize } from './picture.ts';

describe('the picture of a letter, checked by its content', () => {
  it('takes a PNG and reads its size from the IHDR header', () => {
    assert.deepEqual(checkPicture(pngBytes(40, 30)), {
      ok: true,
      format: 'png',
      contentType: 'image/png',
      width: 40,
      height: 30,
    });
  });

  it('takes a JPEG and reads its size from the start-of-frame segment', () => {
    assert.deepEqual(checkPicture(jpegBytes(640, 480)), {
      ok: true,
      format: 'jpeg',
      contentType: 'image/jpeg',
      width: 640,
      height: 480,
    });
  });

  it('refuses a GIF, an SVG and a text file, whatever they are called', () => {
    assert.deepEqual(checkPicture(gifBytes()), { ok: false, problem: 'not-png-or-jpeg' });
    assert.deepEqual(checkPicture(Buffer.from(SVG_TEXT)), { ok: false, problem: 'not-png-or-jpeg' });
    assert.deepEqual(checkPicture(Buffer.from('This is a drawing.png, honestly')), {
      ok: false,
      problem: 'not-png-or-jpeg',
    });
    // A "PNG" that is only the signature, and a JPEG start with nothing after it.
    assert.deepEqual(checkPicture(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), {
      ok: false,
      problem: 'unreadable',
    });
    assert.deepEqual(checkPicture(Buffer.from([0xff, 0xd8, 0xff])), { ok: false, problem: 'unreadable' });
  });

  it('refuses an empty file and one over 5 MB', () => {
    assert.deepEqual(checkPicture(Buffer.alloc(0)), { ok: false, problem: 'empty' });
    assert.deepEqual(checkPicture(null), { ok: false, problem: 'empty' });
    const big = Buffer.concat([jpegBytes(10, 10), Buffer.alloc(PICTURE_MAX_BYTES)]);
    assert.deepEqual(checkPicture(big), { ok: false, problem: 'too-large' });
  });

  it('refuses a damaged PNG: a bad CRC, a cut-short file, rows that do not fit the header', () => {
    assert.deepEqual(checkPicture(pngBytes(8, 8, { corruptCrc: true })), { ok: false, problem: 'unreadable' });
    const whole = pngBytes(8, 8);
    assert.deepEqual(checkPicture(whole.subarray(0, whole.length - 20)), { ok: false, problem: 'unreadable' });
    assert.deepEqual(checkPicture(pngBytes(8, 8, { declared: { width: 9, height: 8 } })), {
      ok: false,
      problem: 'unreadable',
    });
  });

  it('refuses sizes of nothing or too many pixels', () => {
    assert.deepEqual(checkPicture(jpegBytes(0, 10)), { ok: false, problem: 'dimensions' });
    assert.deepEqual(checkPicture(jpegBytes(10001, 10)), { ok: false, problem: 'dimensions' });
    assert.deepEqual(checkPicture(jpegBytes(6000, 6000)), { ok: false, problem: 'dimensions' });
    assert.deepEqual(checkPicture(pngBytes(2, 2, { declared: { width: 0, height: 2 } })), {
      ok: false,
      problem: 'dimensions',
    });
  });

  it('knows how much an interlaced PNG inflates to (Adam7 passes)', () => {
    assert.equal(pngRawSize(8, 8, 24, false), 8 * (1 + 24));
    // 1 × 1 interlaced: only the first pass has a pixel.
    assert.equal(pngRawSize(1, 1, 24, true), 1 + 3);
    // 8 × 8 interlaced: passes of 1×1, 1×1, 2×1, 2×2, 4×2, 4×4, 8×4 pixels.
    const rows = (w: number, h: number) => h * (1 + w * 3);
    assert.equal(
      pngRawSize(8, 8, 24, true),
      rows(1, 1) + rows(1, 1) + rows(2, 1) + rows(2, 2) + rows(4, 2) + rows(4, 4) + rows(8, 4),
    );
  });
});
