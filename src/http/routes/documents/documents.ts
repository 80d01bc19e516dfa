import { z } from "zod";
import { LetterTemplates } from "../../../contracts/documents";
import type { AppInstance } from "../../server";
import { loadDocumentPdf } from "../../../app/documents/store-document";
import { letterTemplatesOf, saveLetterTemplate } from "../../../app/documents/letters";
import { londonDate } from "../../../app/clock";
import { LETTER_KINDS } from "../../../domain/documents/letter-templates";
import { actorOf, schoolOf } from "../../auth-hook";
import { Ok } from "../../../contracts/common";

const pdfName = (s: string) => s.replace(/[^A-Za-z0-9 _-]+/g, "").trim().replace(/\s+/g, "-").slice(0, 80) || "document";

/** "id,id,…": each a visit's UUID, so a stray value is a 400 naming ids, not a database error. */

export function documentRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  const now = () => app.deps.now();

  app.get("/api/documents/:documentId/pdf", { schema: { tags: ["documents"], summary: "A document kept on the record", params: z.object({ documentId: z.uuid() }), produces: ["application/pdf"] } }, async (req, reply) => {
    const d = await loadDocumentPdf(db, schoolOf(req), req.params.documentId);
    return reply.type("application/pdf").header("content-disposition", `inline; filename="${pdfName(d.title)}.pdf"`).header("cache-control", "no-store").send(d.pdf);
  });
  app.get(
    "/api/letter-templates",
    { schema: { tags: ["documents"], summary: "The school's letter templates as they print today, each with the placeholders it may use", response: { 200: LetterTemplates } } },
    async (req) => ({ templates: await letterTemplatesOf(db, schoolOf(req), londonDate(now())) }),
  );
  app.put(
    "/api/letter-templates/:kind",
    { schema: { tags: ["documents"], summary: "Edit a letter template (headteacher)", params: z.object({ kind: z.enum(LETTER_KINDS) }), body: z.object({ title: z.string().max(200), body: z.string().max(20000) }), response: { 200: Ok } } },
    async (req) => {
      await saveLetterTemplate(db, actorOf(req), schoolOf(req), req.params.kind, req.body.title, req.body.body, now());
      return { ok: true as const };
    },
  );
}
