/**
 * One sync of a school's Wonde feed. Everything is read and checked first (every
 * page, every record against its schema, every code mapped, every mark's pupil
 * known): a failure there writes nothing but the feed's status. Then pupils,
 * contacts and leavers are saved in one audited transaction and the marks go
 * through the register import (src/app/attendance/import-marks.ts), which is
 * all-or-nothing, idempotent and audits each correction. The watermark moves on
 * only when both have committed, so a sync that fails half-way is repeated whole
 * next time, and repeating it changes nothing twice.
 *
 * One sync per school at a time: a sync claims the feed row (syncing_since), as
 * the daily job claims a day; a claim older than CLAIM_STALE_MS (a killed
 * instance) may be taken over.
 */
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { rowsOf, type DatabaseHandle } from "../../../db/client";
import { pupils, wondeFeeds } from "../../../db/schema";
import { lockSchoolForImport } from "../../../db/school-import-lock";
import { dfeCodeOf } from "../../../domain/attendance/wonde-codes";
import { upnProblem } from "../../../domain/people/upn";
import { auditManyInto, writeAudited, type Actor, type AuditEntry } from "../../audit/write-audited";
import { londonDate } from "../../clock";
import { savePupilRecords, type ContactIn, type PupilIn } from "../../people/import-pupils";
import { importMarks, ImportRejected, streamOf } from "../import-marks";
import { updateDailyListFor } from "../../../jobs/daily-lists";
import { WondeClient, WondeError, type WondeClientOptions } from "./client";
import { dayOf, type WondeStudent } from "./shapes";
import type { TokenBox } from "./token-box";

/** Records changed just before the last sync began may carry an updated_at earlier than its start: ask again for a little before it. */
export const WATERMARK_OVERLAP_MS = 5 * 60_000;
export const CLAIM_STALE_MS = 15 * 60_000;
export const WONDE_ACTOR: Actor = { userId: null, name: "Wonde feed" };
/** How a sync's import batch is named (with the time it began): the Today stream tells a sync from an upload by it and the actor. */
export const WONDE_SYNC_FILE = "Wonde sync ";

export type SyncOutcome =
  | { status: "synced"; rows: number; marksChanged: number; pupilsChanged: number; leavers: number; listRefreshed: boolean }
  | { status: "busy" }
  | { status: "not_connected" }
  | { status: "failed"; state: "access_revoked" | "error"; error: string; field?: string };

export interface SyncDeps {
  box: TokenBox;
  now: () => Date;
  client?: Partial<WondeClientOptions>;
}

export async function syncWondeFeed(h: DatabaseHandle, schoolId: string, deps: SyncDeps): Promise<SyncOutcome> {
  const startedAt = deps.now();
  const [feed] = await h.db
    .update(wondeFeeds)
    .set({ syncingSince: startedAt, progress: "asking Wonde for the school" })
    .where(and(eq(wondeFeeds.schoolId, schoolId), or(isNull(wondeFeeds.syncingSince), lt(wondeFeeds.syncingSince, new Date(startedAt.getTime() - CLAIM_STALE_MS)))))
    .returning();
  if (!feed) {
    const [exists] = await h.db.select({ id: wondeFeeds.schoolId }).from(wondeFeeds).where(eq(wondeFeeds.schoolId, schoolId));
    return exists ? { status: "busy" } : { status: "not_connected" };
  }
  const progress = (text: string) => h.db.update(wondeFeeds).set({ progress: text }).where(eq(wondeFeeds.schoolId, schoolId));
  try {
    const client = new WondeClient({ ...deps.client, baseUrl: feed.baseUrl, token: deps.box.open(feed.tokenCiphertext, schoolId) });
    const wid = feed.wondeSchoolId;
    const since = { updatedAfter: feed.watermark ? new Date(feed.watermark.getTime() - WATERMARK_OVERLAP_MS) : null };
    await client.school(wid);
    await progress("reading pupils and contacts");
    const students = await client.students(wid, since);
    await progress(`read ${students.length} pupils; reading leavers`);
    const leavers = await client.leavers(wid, since);
    const deletions = (await client.deletions(wid, since)).filter((d) => d.type === "student" && !d.restored);
    await progress("reading attendance codes and marks");
    const codes = new Map((await client.attendanceCodes(wid)).map((c) => [c.id, c]));
    const marks = await client.sessionMarks(wid, since);
    await progress(`read ${marks.length} marks; checking`);

    const today = londonDate(startedAt);
    const roll = toPupilRecords(students, today);
    const upnOfStudent = new Map<string, string>([...students, ...leavers].map((s) => [s.id, s.education_details.data.upn.toUpperCase()]));
    const known = await h.db.select({ upn: pupils.upn, wondeId: pupils.wondeId }).from(pupils).where(eq(pupils.schoolId, schoolId));
    for (const p of known) if (p.wondeId && !upnOfStudent.has(p.wondeId)) upnOfStudent.set(p.wondeId, p.upn);

    const records = marks.map((m, i) => {
      const studentId = typeof m.student === "string" ? m.student : m.student.data.id;
      const upn = upnOfStudent.get(studentId);
      if (!upn) throw new WondeError("malformed", `Wonde sent a mark for a pupil it did not list: attendance[${i}].student ${studentId}; nothing was saved`, `attendance[${i}].student`);
      const raw = typeof m.attendance_code === "string" ? codes.get(m.attendance_code)?.code : m.attendance_code.data.code;
      if (raw === undefined) throw new WondeError("malformed", `Wonde sent a mark with an attendance code it did not list: attendance[${i}].attendance_code; nothing was saved`, `attendance[${i}].attendance_code`);
      const code = dfeCodeOf(raw);
      if (!code) throw new WondeError("malformed", `attendance[${i}].attendance_code "${raw}" is not a DfE attendance code (2024) Doorstep knows; nothing was saved`, `attendance[${i}].attendance_code`);
      return { student: { data: { upn } }, date: dayOf(m.date), session: m.session, attendance_code: { data: { code } } };
    });

    await progress("saving pupils and leavers");
    const left = [
      ...leavers.map((s) => ({ wondeId: s.id, upn: s.education_details.data.upn.toUpperCase(), on: s.education_details.data.leaving_date ? dayOf(s.education_details.data.leaving_date) : today })),
      ...deletions.map((d) => ({ wondeId: d.id, upn: null, on: d.deleted_at ? dayOf(d.deleted_at) : today })),
    ];
    const people = roll.size || left.length ? await savePeople(h, schoolId, roll, students, left) : { changed: 0, leavers: 0, touched: [] };

    let marksChanged = 0;
    if (records.length) {
      await progress(`saving ${records.length} marks`);
      // Handed to the register import as its canonical CSV (every field checked above: a UPN, a date, AM/PM, a DfE code), parsed far faster than JSON.
      const csv = `upn,date,session,code\n${records.map((r) => `"${r.student.data.upn.replaceAll('"', '""')}",${r.date},${r.session},${r.attendance_code.data.code}`).join("\n")}\n`;
      const report = await importMarks(h, WONDE_ACTOR, { schoolIds: [schoolId] }, streamOf(csv), "csv", { fileName: `${WONDE_SYNC_FILE}${startedAt.toISOString()}` });
      marksChanged = report.inserted + report.changed;
    }

    // The list kept for today (if the morning job has made it) is updated for the pupils this sync
    // touched (their marks, their record or contacts, their leaving), so Today shows the change.
    let listRefreshed = false;
    if (marksChanged > 0 || people.changed > 0 || people.leavers > 0) {
      await progress("updating today's list");
      const touched = [...people.touched, ...(await pupilsOf(h, schoolId, records.map((r) => r.student.data.upn)))];
      const update = await updateDailyListFor(h.db, schoolId, today, touched, deps.now());
      listRefreshed = update.kind !== "no_list";
    }
    const rows = students.length + leavers.length + deletions.length + marks.length;
    await h.db
      .update(wondeFeeds)
      .set({ state: "connected", watermark: startedAt, syncingSince: null, progress: null, lastSyncAt: deps.now(), lastRows: rows, lastMarksChanged: marksChanged, lastError: null, lastErrorAt: null })
      .where(eq(wondeFeeds.schoolId, schoolId));
    return { status: "synced", rows, marksChanged, pupilsChanged: people.changed, leavers: people.leavers, listRefreshed };
  } catch (e) {
    const revoked = e instanceof WondeError && e.failure === "access_revoked";
    const error = e instanceof ImportRejected ? `the marks were refused: ${e.message}` : (e as Error).message;
    await h.db
      .update(wondeFeeds)
      .set({ state: revoked ? "access_revoked" : "error", syncingSince: null, progress: null, lastError: error, lastErrorAt: deps.now() })
      .where(eq(wondeFeeds.schoolId, schoolId));
    if (!(e instanceof WondeError) && !(e instanceof ImportRejected) && !(e instanceof Error && /Wonde token/.test(e.message))) throw e;
    return { status: "failed", state: revoked ? "access_revoked" : "error", error, ...(e instanceof WondeError && e.field ? { field: e.field } : {}) };
  }
}

/** Wonde's students as the pupils import takes them; a bad UPN is refused naming the record. */
function toPupilRecords(students: WondeStudent[], _today: string): Map<string, { pupil: PupilIn; contacts: ContactIn[] }> {
  const out = new Map<string, { pupil: PupilIn; contacts: ContactIn[] }>();
  students.forEach((s, i) => {
    const upn = s.education_details.data.upn.toUpperCase();
    const bad = upnProblem(upn);
    if (bad) throw new WondeError("malformed", `students[${i}].education_details.data.upn "${upn}" ${bad}; nothing was saved`, `students[${i}].education_details.data.upn`);
    const x = s.extended_details?.data ?? {};
    const flags = [x.child_protection_plan && "child_protection_plan", x.child_in_need && "child_in_need", x.looked_after && "looked_after", x.sen_status === "E" && "send_ehcp"].filter((f): f is string => typeof f === "string").sort();
    const year = s.education_details.data.current_nc_year;
    const contacts = [...(s.contacts?.data ?? [])]
      // Doorstep's call order follows the MIS's priority (1 first); contacts without one come after, in Wonde's order.
      .map((c, order) => ({ c, order, priority: c.relationship?.priority ?? 1000 + order }))
      .sort((a, b) => a.priority - b.priority || a.order - b.order)
      .map(({ c }, n): ContactIn => {
        const d = c.contact_details?.data;
        return {
          name: [c.forename, c.surname].filter(Boolean).join(" ") || "Contact",
          relationship: c.relationship?.relationship ?? "Parent/carer",
          parentalResponsibility: c.relationship?.parental_responsibility === true,
          phone: d?.phones?.mobile ?? d?.phones?.primary ?? d?.phones?.phone ?? d?.phones?.home ?? null,
          email: (d?.emails?.primary ?? d?.emails?.email)?.toLowerCase() ?? null,
          address: null,
          priority: n + 1,
        };
      });
    out.set(upn, {
      pupil: {
        upn,
        firstName: s.forename,
        lastName: s.surname,
        dateOfBirth: s.date_of_birth ? dayOf(s.date_of_birth) : null,
        yearGroup: year == null || year === "" ? null : String(year),
        className: s.classes?.data[0]?.name ?? null,
        addressLine1: null,
        addressLine2: null,
        town: null,
        postcode: null,
        householdKey: null,
        vulnerabilities: flags,
        // A feed that does not carry the admission date keeps the one the pupils CSV gave.
        ...(s.education_details.data.admission_date ? { admittedOn: dayOf(s.education_details.data.admission_date) } : {}),
      },
      contacts,
    });
  });
  return out;
}

async function savePeople(
  h: DatabaseHandle,
  schoolId: string,
  roll: Map<string, { pupil: PupilIn; contacts: ContactIn[] }>,
  students: WondeStudent[],
  left: { wondeId: string; upn: string | null; on: string }[],
): Promise<{ changed: number; leavers: number; touched: string[] }> {
  try {
    return await writeAudited(h.db, WONDE_ACTOR, async (tx, audited) => {
      // The pupils whose record, contacts or leaving this sync changed: each such write is audited against the pupil.
      // Their audit rows are written together before the commit (a first sync adds a whole roll), the last through `audited`.
      const touched = new Set<string>();
      const entries: AuditEntry[] = [];
      const audit: typeof audited = async (e) => {
        if (e.entity === "pupil" && e.entityId) touched.add(e.entityId);
        entries.push(e);
      };
      await lockSchoolForImport(tx, schoolId);
      // Keep what the pupils CSV gave that Wonde does not send (addresses, households).
      const have = roll.size ? await tx.select().from(pupils).where(and(eq(pupils.schoolId, schoolId), inArray(pupils.upn, [...roll.keys()]))) : [];
      for (const p of have) {
        const r = roll.get(p.upn)!;
        Object.assign(r.pupil, { addressLine1: p.addressLine1, addressLine2: p.addressLine2, town: p.town, postcode: p.postcode, householdKey: p.householdKey });
      }
      const saved = roll.size ? await savePupilRecords(tx, audit, schoolId, roll) : { added: 0, changed: 0 };
      // Each pupil remembers its Wonde id, so a later sync's marks (which name only the id) find it.
      const link = students.map((s) => [s.education_details.data.upn.toUpperCase(), s.id] as const);
      let linked = 0;
      for (let i = 0; i < link.length; i += 5000) {
        const chunk = link.slice(i, i + 5000);
        const r = await tx.execute(sql`
          update pupils p set wonde_id = v.wonde_id
          from unnest(${sql.raw("array[")}${sql.join(chunk.map(([upn]) => sql`${upn}`), sql`, `)}${sql.raw("]::text[]")}, ${sql.raw("array[")}${sql.join(chunk.map(([, id]) => sql`${id}`), sql`, `)}${sql.raw("]::text[]")}) as v(upn, wonde_id)
          where p.school_id = ${schoolId}::uuid and p.upn = v.upn and p.wonde_id is distinct from v.wonde_id
          returning p.id`);
        linked += rowsOf(r).length;
      }
      if (linked) await audit({ action: "pupils_linked_to_wonde", entity: "school", entityId: schoolId, schoolId, after: { pupils: linked } });
      let leavers = 0;
      for (const l of left) {
        const who = l.upn ? or(eq(pupils.upn, l.upn), eq(pupils.wondeId, l.wondeId)) : eq(pupils.wondeId, l.wondeId);
        const marked = await tx.update(pupils).set({ leftOn: l.on }).where(and(eq(pupils.schoolId, schoolId), who, sql`${pupils.leftOn} is distinct from ${l.on}`)).returning({ id: pupils.id, upn: pupils.upn });
        for (const p of marked) await audit({ action: "pupil_left", entity: "pupil", entityId: p.id, schoolId, after: { upn: p.upn, leftOn: l.on, source: "Wonde" } });
        leavers += marked.length;
      }
      const changed = saved.added + saved.changed;
      if (changed + leavers + linked === 0) throw new NothingNew();
      for (let i = 0; i < entries.length - 1; i += 1000) await auditManyInto(tx, WONDE_ACTOR, entries.slice(i, Math.min(i + 1000, entries.length - 1)));
      await audited(entries.at(-1)!);
      return { changed, leavers, touched: [...touched] };
    });
  } catch (e) {
    if (e instanceof NothingNew) return { changed: 0, leavers: 0, touched: [] };
    throw e;
  }
}

class NothingNew extends Error {}

/** The ids of the school's pupils with these UPNs (a sync's marks name pupils by UPN). */
async function pupilsOf(h: DatabaseHandle, schoolId: string, upns: string[]): Promise<string[]> {
  const ids: string[] = [];
  const distinct = [...new Set(upns)];
  for (let i = 0; i < distinct.length; i += 5000) {
    for (const p of await h.db.select({ id: pupils.id }).from(pupils).where(and(eq(pupils.schoolId, schoolId), inArray(pupils.upn, distinct.slice(i, i + 5000))))) ids.push(p.id);
  }
  return ids;
}
