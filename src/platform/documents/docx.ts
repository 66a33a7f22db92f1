import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { type DocumentModel, LANGUAGE_TAGS } from './model.ts';

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
