import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractText, getDocumentProxy } from 'unpdf';
import { jpegBytes, pngBytes } from '../../../test/helpers/closing.ts';
import { renderDocx } from './docx.ts';
import { type DocumentModel, documentText, pictureSize } from './model.ts';
import { renderPdf } from './pdf.ts';
import { docxText, readZipEntry } from './zip.ts';

const welsh: DocumentModel = {
  title: 'Llythyr diogelu',
  language: 'cy',
  metadata: [{ label: 'Llys', value: 'Llys Teulu Caerdydd' }],
  sections: [{ heading: 'Argymhelliad', paragraphs: ['Mae’r plentyn yn byw gyda’i mam ger y tŵr a’r llyn. Ŷ ŵ â'] }],
  closing: ['Awdur'],
};

describe('documents', () => {
  it('renders DOCX with headings and the text, readable back', async () => {
    const text = docxText(await renderDocx(welsh));
    assert.match(text, /Llythyr diogelu/);
    assert.match(text, /Llys: Llys Teulu Caerdydd/);
    assert.match(text, /Mae’r plentyn yn byw gyda’i mam ger y tŵr a’r llyn\. Ŷ ŵ â/);
  });

  it('renders a tagged PDF with its language, title and Welsh characters', async () => {
    const pdf = await renderPdf(welsh);
    const raw = Buffer.from(pdf).toString('latin1');
    assert.match(raw, /\/MarkInfo/);
    assert.match(raw, /\/StructTreeRoot/);
    assert.match(raw, /\/Lang \(cy-GB\)/);
    assert.match(raw, /\/DisplayDocTitle true/);
    const { text } = await extractText(await getDocumentProxy(pdf.slice()), { mergePages: true });
    assert.match(text, /Mae’r plentyn yn byw gyda’i mam ger y tŵr a’r llyn\. Ŷ ŵ â/);
  });

  it('gives the whole text of a model for scanning', () => {
    assert.equal(documentText(welsh).split('\n').length, 5);
  });

  const withPicture: DocumentModel = {
    ...welsh,
    picture: { format: 'png', data: pngBytes(120, 80), width: 120, height: 80, alt: 'Llun o dŷ gyda gardd' },
  };

  it('puts one picture with its alternative text in the DOCX', async () => {
    const docx = await renderDocx(withPicture);
    const xml = readZipEntry(docx, 'word/document.xml')!.toString('utf8');
    assert.match(xml, /<wp:docPr [^>]*descr="Llun o dŷ gyda gardd"/);
    const embed = /r:embed="([^"]+)"/.exec(xml)![1]!;
    const rels = readZipEntry(docx, 'word/_rels/document.xml.rels')!.toString('utf8');
    const target = new RegExp(`Id="${embed}"[^>]*Target="([^"]+)"`).exec(rels)![1]!;
    // The picture is embedded as it was given, byte for byte.
    assert.deepEqual(readZipEntry(docx, `word/${target.replace(/^\//, '').replace(/^word\//, '')}`), pngBytes(120, 80));
    assert.match(docxText(docx), /Mae’r plentyn yn byw/);
  });

  it('draws the picture in the tagged PDF as a Figure with /Alt', async () => {
    const pdf = await renderPdf(withPicture);
    const raw = Buffer.from(pdf).toString('latin1');
    assert.match(raw, /\/S \/Figure/);
    assert.match(raw, /\/Alt \(/);
    assert.match(raw, /\/Subtype \/Image/);
    assert.match(raw, /\/Width 120/);
    assert.ok(
      !Buffer.from(await renderPdf(welsh))
        .toString('latin1')
        .includes('/S /Figure'),
    );
    const { text } = await extractText(await getDocumentProxy(pdf.slice()), { mergePages: true });
    assert.match(text, /Mae’r plentyn yn byw/);
  });

  it('embeds a JPEG as it is (DCT) in the PDF and as a .jpg part in the DOCX', async () => {
    const jpeg: DocumentModel = {
      ...welsh,
      picture: { format: 'jpeg', data: jpegBytes(64, 48), width: 64, height: 48, alt: 'A drawing' },
    };
    const raw = Buffer.from(await renderPdf(jpeg)).toString('latin1');
    assert.match(raw, /\/Filter \/DCTDecode/);
    const rels = readZipEntry(await renderDocx(jpeg), 'word/_rels/document.xml.rels')!.toString('utf8');
    assert.match(rels, /media\/[^"]+\.(jpg|jpeg)"/);
  });

  it('scans the picture’s alternative text with the rest', () => {
    assert.match(documentText(withPicture), /Llun o dŷ gyda gardd/);
  });

  it('shrinks a big picture to fit the page and never enlarges a small one', () => {
    assert.deepEqual(pictureSize({ width: 96, height: 48 }), { width: 72, height: 36 });
    assert.deepEqual(pictureSize({ width: 4000, height: 3000 }), { width: 400, height: 300 });
    assert.deepEqual(pictureSize({ width: 1000, height: 4000 }), { width: 100, height: 400 });
  });
});
