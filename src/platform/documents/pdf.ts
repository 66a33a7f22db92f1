import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { type DocumentModel, LANGUAGE_TAGS } from './model.ts';

/**
 * Liberation Sans (Red Hat, GPL v2 with the font-embedding exception: see fonts/README.md),
 * bundled because the PDF standard fonts (WinAnsi) have no ŵ or ŷ, which Welsh needs.
 */
const FONT_REGULAR = readFileSync(new URL('fonts/LiberationSans-Regular.ttf', import.meta.url));
const FONT_BOLD = readFileSync(new URL('fonts/LiberationSans-Bold.ttf', import.meta.url));

/**
 * Render a document model to a tagged PDF (PDF/UA-style structure: Document → H1, H2, P,
 * with the document language and title shown), so screen readers read it in order.
 */
export async function renderPdf(model: DocumentModel, options: { creationDate?: Date } = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({
    tagged: true,
    lang: LANGUAGE_TAGS[model.language],
    displayTitle: true,
    pdfVersion: '1.7',
    size: 'A4',
    margin: 60,
    info: {
      Title: model.title,
      Creator: 'Childvoice',
      Producer: 'Childvoice',
      ...(options.creationDate ? { CreationDate: options.creationDate } : {}),
    },
  });
  doc.registerFont('body', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  const add = (type: string, font: string, size: number, text: string, gap: number) => {
    root.add(
      doc.struct(type, {}, () => {
        doc.font(font).fontSize(size).text(text, { paragraphGap: gap });
      }),
    );
  };
  add('H1', 'bold', 20, model.title, 12);
  for (const m of model.metadata) add('P', 'body', 11, `${m.label}: ${m.value}`, 2);
  doc.moveDown();
  for (const section of model.sections) {
    add('H2', 'bold', 14, section.heading, 6);
    for (const p of section.paragraphs) {
      for (const block of p.split(/\n{2,}/)) add('P', 'body', 11, block, 8);
    }
  }
  if (model.closing?.length) {
    doc.moveDown();
    for (const line of model.closing) add('P', 'body', 11, line, 2);
  }
  root.end();
  doc.end();
  return done;
}
