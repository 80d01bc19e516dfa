/**
 * Uploads. Register files are streamed straight from the request into the
 * import (never buffered whole); pupil and term-date files are small.
 */
import type { Readable } from "node:stream";
import { z } from "zod";
import type { AppInstance } from "../../server";
import type { MarkFormat } from "../../../app/attendance/import-marks";
import { uploadMarks } from "../../../app/attendance/upload-marks";
import { importPupils } from "../../../app/people/import-pupils";
import { parseTermDates, saveClosures } from "../../../app/attendance/school-calendar-store";
import { InvalidInput } from "../../../domain/errors";
import { actorOf, schoolOf } from "../../auth-hook";
import { londonDate } from "../../../app/clock";
import { MarksReport, PupilsReport } from "../../../contracts/imports";
import { ClosuresSaved } from "../../../contracts/calendar";

export function registerUploadParsers(app: AppInstance) {
  // text/csv and JSON uploads to /api/imports/* arrive as streams.
  app.addContentTypeParser(["text/csv", "application/vnd.wonde+json"], (_req, payload, done) => done(null, payload));
}

export function importRoutes(app: AppInstance) {
  const h = app.deps.database;
  app.post(
    "/api/imports/marks",
    {
      bodyLimit: 2 * 1024 * 1024 * 1024,
      // Refused before a byte is read: any other type would be buffered whole by its parser.
      onRequest: async (req, reply) => {
        const type = String(req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
        if (type !== "text/csv" && type !== "application/vnd.wonde+json") {
          return reply.code(415).send({ error: "invalid_input", field: "content-type", message: `send the register as text/csv or application/vnd.wonde+json, not ${type || "no content type"}` });
        }
      },
      schema: {
        tags: ["imports"],
        summary: "Import register marks: send CSV as text/csv, or Wonde JSON as application/vnd.wonde+json. All or nothing; the same file twice changes nothing. Today's kept list is updated for the pupils whose marks changed, and an open Today page hears of it.",
        querystring: z.object({ fileName: z.string().max(200).optional() }),
        response: { 200: MarksReport, 415: z.object({ error: z.string(), field: z.string(), message: z.string() }) },
      },
    },
    async (req) => {
      const type = String(req.headers["content-type"] ?? "");
      const format: MarkFormat = type.startsWith("text/csv") ? "csv" : "wonde-json";
      if (typeof (req.body as Readable | undefined)?.on !== "function") throw new InvalidInput("body", "send the file as text/csv or application/vnd.wonde+json");
      return uploadMarks(h, actorOf(req), schoolOf(req), req.body as Readable, format, { now: app.deps.now, log: req.log }, { fileName: req.query.fileName });
    },
  );

  app.post(
    "/api/imports/pupils",
    {
      schema: {
        tags: ["imports"],
        summary: "Import pupils and family contacts from CSV (text/csv)",
        response: { 200: PupilsReport },
      },
    },
    async (req) => importPupils(h.db, actorOf(req), schoolOf(req), await readText(req.body), londonDate(app.deps.now())),
  );

  app.post(
    "/api/imports/term-dates",
    {
      schema: {
        tags: ["imports"],
        summary: "Import holidays, INSET days and closures from CSV: from,to,kind,label",
        response: { 200: ClosuresSaved },
      },
    },
    async (req) => saveClosures(h.db, actorOf(req), schoolOf(req), parseTermDates(await readText(req.body)), "term-dates file"),
  );
}

async function readText(body: unknown): Promise<string> {
  if (typeof body === "string") return body;
  if (!body || typeof (body as Readable).on !== "function") throw new InvalidInput("body", "send the file as text/csv");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of body as Readable) {
    size += (c as Buffer).length;
    if (size > 20 * 1024 * 1024) throw new InvalidInput("body", "this file is larger than 20 MB");
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
