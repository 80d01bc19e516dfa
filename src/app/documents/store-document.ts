/**
 * Every document sent or printed is kept on the record (issue: "kept on the
 * pupil's record"), and emailed to the family where they have an address and
 * email is configured.
 */
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { documents } from "../../db/schema";
import { NotFound } from "../../domain/errors";
import type { DocumentKind } from "../../domain/documents/document-kinds";
import type { Audit } from "../audit/write-audited";

export interface NewDocument {
  schoolId: string;
  pupilId: string | null;
  visitId: string | null;
  kind: DocumentKind;
  title: string;
  pdf: Buffer;
  emailedTo: string[];
  createdBy: string;
}

export async function storeDocument(tx: Executor, audit: Audit, doc: NewDocument): Promise<string> {
  const [row] = await tx
    .insert(documents)
    .values({ ...doc, pdf: doc.pdf.toString("base64") })
    .returning({ id: documents.id });
  await audit({ action: "document_kept", entity: "document", entityId: row!.id, schoolId: doc.schoolId, after: { kind: doc.kind, title: doc.title, pupilId: doc.pupilId, visitId: doc.visitId, emailedTo: doc.emailedTo, bytes: doc.pdf.length } });
  return row!.id;
}

export async function loadDocumentPdf(db: Executor, schoolId: string, documentId: string) {
  const [row] = await db.select().from(documents).where(and(eq(documents.id, documentId), eq(documents.schoolId, schoolId)));
  if (!row) throw new NotFound("document", "documentId");
  return { title: row.title, kind: row.kind, pdf: Buffer.from(row.pdf, "base64") };
}
