/**
 * A simple structured document for the court: a title, labelled lines about the case,
 * then headed sections of paragraphs. Rendered to DOCX and to tagged PDF from the same
 * model, so both say the same thing, and scanned as plain text before either is kept.
 */
export interface DocumentModel {
  title: string;
  /** en | cy: sets the document language (PDF /Lang, DOCX run language). */
  language: 'en' | 'cy';
  metadata: { label: string; value: string }[];
  sections: { heading: string; paragraphs: string[] }[];
  /** Closing lines (author, role, date). */
  closing?: string[];
}

export const LANGUAGE_TAGS = { en: 'en-GB', cy: 'cy-GB' } as const;

/** The whole text of a document, as a reader would read it. */
export function documentText(model: DocumentModel): string {
  return [
    model.title,
    ...model.metadata.map((m) => `${m.label}: ${m.value}`),
    ...model.sections.flatMap((s) => [s.heading, ...s.paragraphs]),
    ...(model.closing ?? []),
  ].join('\n');
}
