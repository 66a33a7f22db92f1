import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { type DocumentModel, LANGUAGE_TAGS, pictureSize } from './model.ts';

/**
 * Liberation Sans (Red Hat, GPL v2 with the font-embedding exception: see fonts/README.md),
 * bundled because the PDF standard fonts (WinAnsi) have no ŵ or ŷ, which Welsh needs.
 */
const FONT_REGULAR = readFileSync(new URL('fonts/LiberationSans-Regular.ttf', import.meta.url));
const FONT_BOLD = readFileSync(new URL('fonts/LiberationSans-Bold.ttf', import.meta.url));

/**
 * Render a document model to a tagged PDF (PDF/UA-style structure: Document → H1, H2, P,
 * with the document language and title shown), so screen readers read it in order. A
 * picture is a Figure carrying its alternative text (/Alt), as PDF/UA asks.
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
  if (model.picture) {
    const picture = model.picture;
    const size = pictureSize(picture);
    doc.moveDown();
    // Start a new page rather than let the picture run off the bottom of this one.
    if (doc.y + size.height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const [x, y] = [doc.x, doc.y];
    // pdfkit writes bbox and placement as the Figure's Layout attributes (its types omit them).
    const figure = { alt: picture.alt, bbox: [x, y, x + size.width, y + size.height], placement: 'Block' };
    root.add(
      doc.struct('Figure', figure as PDFKit.Mixins.StructureElementOptions, () => {
        doc.image(Buffer.from(picture.data.buffer, picture.data.byteOffset, picture.data.byteLength), {
          width: size.width,
          height: size.height,
        });
      }),
    );
  }
  if (model.closing?.length) {
    doc.moveDown();
    for (const line of model.closing) add('P', 'body', 11, line, 2);
  }
  root.end();
  doc.end();
  return done;
}
