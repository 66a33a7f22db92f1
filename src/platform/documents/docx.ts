import { Document, HeadingLevel, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import { type DocumentModel, LANGUAGE_TAGS, pictureSize } from './model.ts';

/** Render a document model to DOCX (Word): real headings, so the document has an outline. */
export async function renderDocx(model: DocumentModel): Promise<Uint8Array> {
  const language = { value: LANGUAGE_TAGS[model.language] };
  const run = (text: string, bold = false) => new TextRun({ text, bold, language });
  const paragraphsOf = (text: string) =>
    text.split(/\n{2,}/).map((block) => {
      const lines = block.split('\n');
      return new Paragraph({
        children: lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, language })),
        spacing: { after: 160 },
      });
    });
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [run(model.title)] }),
    ...model.metadata.map(
      (m) => new Paragraph({ children: [run(`${m.label}: `, true), run(m.value)], spacing: { after: 60 } }),
    ),
  ];
  for (const section of model.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(section.heading)] }));
    for (const p of section.paragraphs) children.push(...paragraphsOf(p));
  }
  if (model.picture) {
    // Word sizes pictures in pixels at 96 to the inch; the box is in points (72 to the inch).
    const size = pictureSize(model.picture);
    children.push(
      new Paragraph({
        spacing: { before: 240, after: 240 },
        children: [
          new ImageRun({
            type: model.picture.format === 'png' ? 'png' : 'jpg',
            data: model.picture.data,
            transformation: { width: Math.round((size.width * 96) / 72), height: Math.round((size.height * 96) / 72) },
            altText: { name: 'Picture', title: model.picture.alt, description: model.picture.alt },
          }),
        ],
      }),
    );
  }
  if (model.closing?.length) {
    children.push(new Paragraph({ children: [], spacing: { after: 240 } }));
    for (const line of model.closing) children.push(new Paragraph({ children: [run(line)] }));
  }
  const doc = new Document({
    title: model.title,
    creator: 'Childvoice',
    styles: { default: { document: { run: { font: 'Arial', size: 24, language } } } },
    sections: [{ children }],
  });
  const buffer = await Packer.toBuffer(doc);
  return new Uint8Array(buffer);
}
