/**
 * Pupils and their family contacts from a CSV (one row per pupil and contact:
 * a pupil with two contacts has two rows). All or nothing; the same file twice
 * changes nothing; each pupil changed is audited with before and after. Imports
 * of one school take turns (src/db/school-import-lock.ts).
 */
import { and, eq, inArray } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import type { Database, Executor } from "../../db/client";
import { familyContacts, pupils } from "../../db/schema";
import { lockSchoolForImport } from "../../db/school-import-lock";
import { InvalidInput } from "../../domain/errors";
import { parseMarkDate } from "../../domain/attendance/mark-rows";
import type { IsoDate } from "../../domain/attendance/iso-date";
import { upnProblem } from "../../domain/people/upn";
import { unsafeTextProblem } from "../../domain/text-safety";
import { writeAudited, type Actor, type Audit } from "../audit/write-audited";
import { VULNERABILITY_FLAGS } from "../../domain/people/vulnerability-flags";


export interface PupilIn {
  upn: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  yearGroup: string | null;
  className: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  town: string | null;
  postcode: string | null;
  householdKey: string | null;
  vulnerabilities: string[];
  /**
   * The day the name was added to the admission register (the new pupil
   * return counts from it). Left out (not null) when the source does not say,
   * so what another source gave is kept.
   */
  admittedOn?: string | null;
}
export interface ContactIn {
  name: string;
  relationship: string;
  parentalResponsibility: boolean;
  phone: string | null;
  email: string | null;
  address: string | null;
  priority: number;
}

const REQUIRED = ["upn", "first_name", "last_name"];
/** The admission date's column, under the names MIS exports give it (SIMS "Admission Date", Arbor "Date of admission"). */
const ADMISSION_COLUMNS = ["admission_date", "date_of_admission", "admitted_on", "date_joined"];
/** Names are kept to what an MIS holds and a card or a letter can print. */
const NAME_COLUMNS = new Set(["first_name", "last_name", "contact_name"]);
const MAX_NAME = 100;
const MAX_TEXT = 200;
/** A pupil of a school is between 2 (a nursery) and 25 (the oldest a school or college keeps on roll) on the day of import. */
const AGE_RANGE = { youngest: 2, oldest: 25 };

/** `date` n years before `today`, as an ISO date string (compared as strings, so 29 February needs no care). */
function yearsBefore(today: IsoDate, n: number): string {
  return `${String(Number(today.slice(0, 4)) - n).padStart(4, "0")}${today.slice(4)}`;
}

function dateOfBirthProblem(dob: IsoDate, today: IsoDate): string | null {
  if (dob > today) return `${dob} is in the future`;
  if (dob > yearsBefore(today, AGE_RANGE.youngest)) return `${dob} would make the pupil younger than ${AGE_RANGE.youngest} today`;
  if (dob <= yearsBefore(today, AGE_RANGE.oldest + 1)) return `${dob} would make the pupil older than ${AGE_RANGE.oldest} today`;
  return null;
}

export function parsePupilCsv(text: string, today: IsoDate): Map<string, { pupil: PupilIn; contacts: ContactIn[] }> {
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, bom: true, relax_column_count: true });
  } catch (e) {
    throw new InvalidInput("file", `could not be read as CSV: ${(e as Error).message}`);
  }
  const header = (rows.shift() ?? []).map((h) => h.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, ""));
  for (const r of REQUIRED) if (!header.includes(r)) throw new InvalidInput(`line 1, column ${r}`, `missing; the header must include ${REQUIRED.join(", ")}`);
  const out = new Map<string, { pupil: PupilIn; contacts: ContactIn[] }>();
  rows.forEach((cells, i) => {
    const line = i + 2;
    const get = (name: string) => {
      const v = cells[header.indexOf(name)]?.trim();
      return v ? v : null;
    };
    const fail = (col: string, why: string) => {
      throw new InvalidInput(`line ${line}, column ${col}`, why);
    };
    // Every cell, read or not: text that displays in another order than it is stored is refused wherever it is.
    cells.forEach((cell, c) => {
      const col = header[c] || `${c + 1}`;
      const unsafe = unsafeTextProblem(cell);
      if (unsafe) fail(col, unsafe);
      const max = NAME_COLUMNS.has(col) ? MAX_NAME : MAX_TEXT;
      if (cell.trim().length > max) fail(col, `is ${cell.trim().length} characters long; at most ${max} are kept`);
    });
    const upn = get("upn")?.toUpperCase() ?? fail("upn", "is empty");
    const badUpn = upnProblem(upn);
    if (badUpn) fail("upn", `"${upn}" ${badUpn}`);
    const dobRaw = get("date_of_birth");
    const dob = dobRaw ? (parseMarkDate(dobRaw) ?? fail("date_of_birth", `"${dobRaw}" is not a date`)) : null;
    const badDob = dob ? dateOfBirthProblem(dob, today) : null;
    if (badDob) fail("date_of_birth", `${badDob}; check the date of birth`);
    const admissionColumn = ADMISSION_COLUMNS.find((c) => header.includes(c));
    const admittedRaw = admissionColumn ? get(admissionColumn) : null;
    const admittedOn = admittedRaw ? (parseMarkDate(admittedRaw) ?? fail(admissionColumn!, `"${admittedRaw}" is not a date`)) : null;
    if (admittedOn && dob && admittedOn < dob) fail(admissionColumn!, `${admittedOn} is before the date of birth (${dob})`);
    const flags = (get("vulnerabilities") ?? "").split(/[;|]/).map((f) => f.trim().toLowerCase().replace(/[\s/-]+/g, "_")).filter(Boolean);
    for (const f of flags) if (!(VULNERABILITY_FLAGS as readonly string[]).includes(f)) fail("vulnerabilities", `"${f}" is not one of ${VULNERABILITY_FLAGS.join(", ")}`);
    const pupil: PupilIn = {
      upn,
      firstName: get("first_name") ?? fail("first_name", "is empty"),
      lastName: get("last_name") ?? fail("last_name", "is empty"),
      dateOfBirth: dob,
      yearGroup: get("year_group") ?? get("year"),
      className: get("class") ?? get("class_name"),
      addressLine1: get("address_line1") ?? get("address_line_1") ?? get("address"),
      addressLine2: get("address_line2") ?? get("address_line_2"),
      town: get("town"),
      postcode: get("postcode")?.toUpperCase() ?? null,
      householdKey: get("household") ?? null,
      vulnerabilities: flags.sort(),
      ...(admissionColumn ? { admittedOn } : {}),
    };
    pupil.householdKey ??= pupil.addressLine1 && pupil.postcode ? `${pupil.addressLine1}|${pupil.postcode}`.toLowerCase() : null;
    const entry = out.get(upn);
    if (entry && JSON.stringify(entry.pupil) !== JSON.stringify(pupil)) fail("upn", `${upn} appears again with different pupil details`);
    const current = entry ?? { pupil, contacts: [] };
    out.set(upn, current);
    const cName = get("contact_name");
    if (cName) {
      const pr = (get("contact_parental_responsibility") ?? get("parental_responsibility") ?? "").toLowerCase();
      current.contacts.push({
        name: cName,
        relationship: get("contact_relationship") ?? "Parent/carer",
        parentalResponsibility: ["yes", "y", "true", "1"].includes(pr),
        phone: get("contact_phone"),
        email: get("contact_email")?.toLowerCase() ?? null,
        address: get("contact_address"),
        priority: current.contacts.length + 1,
      });
    }
  });
  if (out.size === 0) throw new InvalidInput("file", "has no pupils");
  return out;
}

export interface PupilImportReport {
  pupils: number;
  added: number;
  changed: number;
  unchanged: number;
  /** Things to check that did not stop the import, such as a file of another school's pupils. */
  warnings: string[];
}

/** Rolls back a re-import that changed nothing, so it leaves no trace, and carries its report out. */
class Unchanged extends Error {
  constructor(readonly report: PupilImportReport) {
    super("unchanged");
  }
}

/** `today` is the school's date of the import: dates of birth are checked against it. */
export async function importPupils(db: Database, actor: Actor, schoolId: string, text: string, today: IsoDate): Promise<PupilImportReport> {
  const parsed = parsePupilCsv(text, today);
  return writeAudited(db, actor, async (tx, audit) => {
    const report = await savePupilRecords(tx, audit, schoolId, parsed);
    if (report.added + report.changed === 0) throw new Unchanged(report);
    return report;
  }).catch((e: unknown) => {
    if (e instanceof Unchanged) return e.report;
    throw e;
  });
}

/**
 * Writes checked pupils and their contacts inside the caller's transaction (a CSV
 * import, or a Wonde sync): new pupils added, changed ones updated, each audited.
 */
export async function savePupilRecords(tx: Executor, audit: Audit, schoolId: string, parsed: Map<string, { pupil: PupilIn; contacts: ContactIn[] }>): Promise<PupilImportReport> {
  {
    // One import of this school at a time, from before we read what is there to the commit:
    // two at once would each delete and re-add a family's contacts and audit the same change twice.
    await lockSchoolForImport(tx, schoolId);
    const existing = await tx.select().from(pupils).where(and(eq(pupils.schoolId, schoolId), inArray(pupils.upn, [...parsed.keys()])));
    const byUpn = new Map(existing.map((p) => [p.upn, p]));
    const warnings: string[] = [];
    if (existing.length === 0) {
      const [onRoll] = await tx.select({ id: pupils.id }).from(pupils).where(eq(pupils.schoolId, schoolId)).limit(1);
      if (onRoll) warnings.push(
          `no pupil in this file was on the school's roll: all ${parsed.size} are added as new pupils. For a file of new starters that is expected; otherwise check that the file is this school's.`,
        );
    }
    let added = 0;
    let changed = 0;
    // The contacts held now, read at once for every pupil already on the roll (a whole school's roll is one query, not one each).
    const held = new Map<string, (typeof familyContacts.$inferSelect)[]>();
    const existingIds = existing.map((p) => p.id);
    for (let i = 0; i < existingIds.length; i += 5000) {
      for (const c of await tx.select().from(familyContacts).where(inArray(familyContacts.pupilId, existingIds.slice(i, i + 5000)))) {
        const list = held.get(c.pupilId);
        if (list) list.push(c);
        else held.set(c.pupilId, [c]);
      }
    }
    const newContacts: (ContactIn & { schoolId: string; pupilId: string })[] = [];
    const fresh = [...parsed.values()].filter(({ pupil }) => !byUpn.has(pupil.upn));
    for (let i = 0; i < fresh.length; i += 1000) {
      const chunk = fresh.slice(i, i + 1000);
      const rows = await tx.insert(pupils).values(chunk.map(({ pupil }) => ({ ...pupil, schoolId }))).returning({ id: pupils.id, upn: pupils.upn });
      const idOf = new Map(rows.map((r) => [r.upn, r.id]));
      for (const { pupil, contacts } of chunk) {
        const pupilId = idOf.get(pupil.upn)!;
        added++;
        await audit({ action: "pupil_added", entity: "pupil", entityId: pupilId, schoolId, after: pupil });
        for (const c of contacts) newContacts.push({ ...c, schoolId, pupilId });
      }
    }
    for (const { pupil, contacts } of parsed.values()) {
      const old = byUpn.get(pupil.upn);
      if (!old) continue;
      const pupilId = old.id;
      const before = Object.fromEntries(Object.keys(pupil).map((k) => [k, old[k as keyof typeof old]]));
      const beforeContacts = held.get(pupilId) ?? [];
      const norm = (c: ContactIn[]) => JSON.stringify(c.map((x) => [x.name, x.relationship, x.parentalResponsibility, x.phone, x.email, x.address]).sort());
      const pupilSame = JSON.stringify(before) === JSON.stringify(pupil);
      const contactsSame = norm(beforeContacts) === norm(contacts);
      if (pupilSame && contactsSame) continue;
      changed++;
      if (!pupilSame) await tx.update(pupils).set(pupil).where(eq(pupils.id, pupilId));
      if (!contactsSame) await tx.delete(familyContacts).where(eq(familyContacts.pupilId, pupilId));
      await audit({ action: "pupil_updated", entity: "pupil", entityId: pupilId, schoolId, before: { ...before, contacts: beforeContacts }, after: { ...pupil, contacts } });
      if (contactsSame) continue;
      for (const c of contacts) newContacts.push({ ...c, schoolId, pupilId });
    }
    for (let i = 0; i < newContacts.length; i += 1000) await tx.insert(familyContacts).values(newContacts.slice(i, i + 1000));
    return { pupils: parsed.size, added, changed, unchanged: parsed.size - added - changed, warnings };
  }
}
