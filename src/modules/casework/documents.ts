import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import {
  type ConfidentialHit,
  type ConfidentialValue,
  findConfidentialValues,
} from '../../platform/documents/confidential-scan.ts';
import { renderDocx } from '../../platform/documents/docx.ts';
import { type DocumentModel, documentText } from '../../platform/documents/model.ts';
import { renderPdf } from '../../platform/documents/pdf.ts';
import { docxText } from '../../platform/documents/zip.ts';

/** Every confidential contact value of a case (addresses, postcodes, numbers of people who are hidden). */
export async function confidentialValuesOf(tx: Executor, caseId: string): Promise<ConfidentialValue[]> {
  const rows = await queryRows<{
    kind: string;
    address_lines: string[] | null;
    postcode: string | null;
    value: string | null;
  }>(
    tx,
    sql`SELECT kind, address_lines, postcode, value FROM contact_detail
        WHERE case_id = ${caseId} AND (confidential OR refuge)`,
  );
  const values: ConfidentialValue[] = [];
  for (const r of rows) {
    for (const line of r.address_lines ?? []) values.push({ kind: 'address-line', value: line });
    if (r.postcode) values.push({ kind: 'postcode', value: r.postcode });
    if (r.value) {
      const kind =
        r.kind === 'phone' ? 'phone' : r.kind === 'email' ? 'email' : r.kind === 'address' ? 'address-line' : 'text';
      values.push({ kind, value: r.value });
    }
  }
  return values;
}

const FORMATS = [
  ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['pdf', 'application/pdf'],
] as const;

export interface ProducedDocuments {
  /** The case_document rows written: the DOCX, then the PDF. */
  documentIds: string[];
}

/**
 * Make the DOCX and the tagged PDF of a document that leaves the service (a letter or a
 * report for the court, a letter to a child), scan both for every confidential value of the
 * case, and keep them as case documents, in the caller's transaction. A value found stops
 * it before anything is written: the caller says what was found and nothing leaves
 * (decision 0011). The DOCX is scanned as produced; the PDF, drawn from the same model, as
 * the model's text.
 */
export async function produceCaseDocuments(
  tx: Executor,
  input: {
    caseId: string;
    /** case_document.kind: safeguarding-letter, section-7, child-letter … */
    kind: string;
    /** The record the documents are made from. */
    sourceId: string;
    /** File names, without the extension. */
    baseName: string;
    model: DocumentModel;
    createdBy: string;
    now: Date;
  },
): Promise<ProducedDocuments | { hit: ConfidentialHit }> {
  const docx = await renderDocx(input.model);
  const pdf = await renderPdf(input.model, { creationDate: input.now });
  const values = await confidentialValuesOf(tx, input.caseId);
  const hit =
    findConfidentialValues(docxText(docx), values)[0] ?? findConfidentialValues(documentText(input.model), values)[0];
  if (hit) return { hit };
  const documentIds: string[] = [];
  for (const [format, contentType] of FORMATS) {
    const bytes = format === 'docx' ? docx : pdf;
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO case_document (case_id, direction, kind, source_id, language, format, file_name, content_type,
            content, sha256, byte_size, created_by, created_at)
          VALUES (${input.caseId}, 'produced', ${input.kind}, ${input.sourceId}, ${input.model.language}, ${format},
            ${`${input.baseName}.${format}`}, ${contentType}, ${Buffer.from(bytes)},
            ${createHash('sha256').update(bytes).digest('hex')}, ${bytes.byteLength}, ${input.createdBy}, ${input.now})
          RETURNING id`,
    );
    documentIds.push(row!.id);
  }
  return { documentIds };
}
