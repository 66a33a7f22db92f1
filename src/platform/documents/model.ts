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
  /**
   * One picture (a PNG or a JPEG the caller has checked), drawn after the sections with its
   * alternative text: a DOCX picture with a description, a PDF Figure with /Alt.
   */
  picture?: DocumentPicture;
}

export interface DocumentPicture {
  format: 'png' | 'jpeg';
  data: Uint8Array;
  /** Size in pixels, as read from the file's header. */
  width: number;
  height: number;
  /** What the picture shows, for those who cannot see it (read out by screen readers). */
  alt: string;
}

/** The largest size a picture is drawn at (points, 1/72 inch): fits an A4 page inside its margins. */
export const PICTURE_BOX = { width: 400, height: 400 } as const;

/** A picture's drawn size: its own size in points at 96 to the inch, shrunk (never grown) to fit the box. */
export function pictureSize(
  picture: Pick<DocumentPicture, 'width' | 'height'>,
  box: { width: number; height: number } = PICTURE_BOX,
): { width: number; height: number } {
  const width = (picture.width * 72) / 96;
  const height = (picture.height * 72) / 96;
  const scale = Math.min(1, box.width / width, box.height / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export const LANGUAGE_TAGS = { en: 'en-GB', cy: 'cy-GB' } as const;

/** The whole text of a document, as a reader would read it. */
export function documentText(model: DocumentModel): string {
  return [
    model.title,
    ...model.metadata.map((m) => `${m.label}: ${m.value}`),
    ...model.sections.flatMap((s) => [s.heading, ...s.paragraphs]),
    ...(model.picture ? [model.picture.alt] : []),
    ...(model.closing ?? []),
  ].join('\n');
}
