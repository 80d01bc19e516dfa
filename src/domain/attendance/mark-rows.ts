/**
 * Register marks as they arrive from management information systems: the
 * canonical `upn,date,session,code` CSV, the column layouts MIS exports use
 * (mapped by header), and records shaped like the Wonde attendance API.
 * Pure: the import use case streams rows through these and stops at the first
 * file-level problem, naming the line and the column.
 */
import { isAttendanceCode, type AttendanceCode } from "./codes";
import { isSchoolDate, type IsoDate } from "./iso-date";
import { visible } from "../text-safety";

export type Session = "AM" | "PM";

export interface MarkRow {
  upn: string;
  date: IsoDate;
  session: Session;
  code: AttendanceCode;
}

export type MarkField = keyof MarkRow;

/** A problem with one cell of one line; `line` counts from 1 and includes the header. */
export class MarkRowError extends Error {
  constructor(
    readonly line: number,
    readonly column: string,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = "MarkRowError";
  }
}

/**
 * Header names seen in MIS exports (SIMS, Arbor, Bromcom, ScholarPack, Wonde CSV),
 * compared with case, spaces and punctuation removed.
 */
const ALIASES: Record<MarkField, string[]> = {
  upn: ["upn", "pupilupn", "studentupn", "uniquepupilnumber", "pupilnumber"],
  date: ["date", "attendancedate", "sessiondate", "markdate", "day"],
  session: ["session", "ampm", "sessionname", "period", "sessiontype"],
  code: ["code", "mark", "attendancecode", "attendancemark", "sessionmark", "markcode"],
};

const squash = (h: string) => h.toLowerCase().replace(/[^a-z]/g, "");

export type ColumnMap = Record<MarkField, { index: number; header: string }>;

export function mapMarkColumns(header: readonly string[]): ColumnMap {
  const squashed = header.map(squash);
  const found: Partial<ColumnMap> = {};
  for (const field of Object.keys(ALIASES) as MarkField[]) {
    const index = squashed.findIndex((h) => ALIASES[field].includes(h));
    if (index === -1) {
      throw new MarkRowError(
        1,
        field,
        `no column for ${field}: expected one of ${ALIASES[field].join(", ")} (found ${header.map((h) => JSON.stringify(h)).join(", ")})`,
      );
    }
    found[field] = { index, header: header[index]! };
  }
  return found as ColumnMap;
}

const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}/;

/** YYYY-MM-DD, DD/MM/YYYY (UK MIS exports) or a date-time whose date part is the school day. */
export function parseMarkDate(raw: string): IsoDate | null {
  const v = raw.trim();
  if (isSchoolDate(v)) return v;
  const dt = DATETIME.exec(v);
  if (dt && isSchoolDate(dt[1])) return dt[1]!;
  const uk = UK_DATE.exec(v);
  if (uk) {
    const iso = `${uk[3]}-${uk[2]!.padStart(2, "0")}-${uk[1]!.padStart(2, "0")}`;
    if (isSchoolDate(iso)) return iso;
  }
  return null;
}

export function parseSession(raw: string): Session | null {
  const v = raw.trim().toUpperCase();
  if (v === "AM" || v === "A" || v === "MORNING") return "AM";
  if (v === "PM" || v === "P" || v === "AFTERNOON") return "PM";
  return null;
}

/** UPNs are 13 characters: a check letter and 12 digits, or a temporary one ending in a letter. */
const UPN = /^[A-Z][0-9]{11}[0-9A-Z]$/;

export function checkMarkRow(
  raw: { upn: string; date: string; session: string; code: string },
  line: number,
  columns: Record<MarkField, string>,
  opts: { strictUpn?: boolean } = {},
): MarkRow {
  const upn = raw.upn.trim().toUpperCase();
  if (!upn) throw new MarkRowError(line, columns.upn, "UPN is empty");
  if (opts.strictUpn && !UPN.test(upn)) throw new MarkRowError(line, columns.upn, `"${visible(raw.upn)}" is not a UPN (a letter and 12 characters)`);
  const date = parseMarkDate(raw.date);
  if (!date) throw new MarkRowError(line, columns.date, `"${visible(raw.date)}" is not a date from 2000 to 2099 (use YYYY-MM-DD or DD/MM/YYYY)`);
  const session = parseSession(raw.session);
  if (!session) throw new MarkRowError(line, columns.session, `"${visible(raw.session)}" is not a session (AM or PM)`);
  const code = raw.code.trim();
  if (!isAttendanceCode(code)) throw new MarkRowError(line, columns.code, `"${visible(raw.code)}" is not a DfE attendance code`);
  return { upn, date, session, code };
}

/**
 * One record of the Wonde attendance API (`/attendance/session`, with
 * `include=student`): `student.data.upn`, `date.date`, `session`,
 * `attendance_code.data.code`. Plain `upn` / `date` / `code` are accepted too.
 */
export function wondeRecordToRaw(record: unknown): { upn: string; date: string; session: string; code: string } {
  const r = (record ?? {}) as Record<string, any>;
  const upn = r.student?.data?.upn ?? r.student?.upn ?? r.upn ?? "";
  const date = typeof r.date === "string" ? r.date : (r.date?.date ?? "");
  const code = r.attendance_code?.data?.code ?? r.attendance_code?.code ?? (typeof r.attendance_code === "string" ? r.attendance_code : undefined) ?? r.code ?? "";
  return { upn: String(upn), date: String(date), session: String(r.session ?? ""), code: String(code) };
}
