import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractText, getDocumentProxy } from 'unpdf';
import { renderDocx } from './docx.ts';
import { type DocumentModel, documentText } from './model.ts';
import { renderPdf } from './pdf.ts';
import { docxText } from './zip.ts';

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
});
