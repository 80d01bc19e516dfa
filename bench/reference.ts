/**
 * The engine run over a school's complete data (every mark, contact, sighting
 * and visit up to the day, no window): what actionsForDay must agree with.
 * Deliberately naive; the bench uses it to check the fast path on real volumes.
 */
import pg from "pg";
import type { DatabaseHandle } from "../src/db/client";
import { evaluate, type Action, type EvaluationInput, type Mark } from "../src/domain/attendance";
import type { PolicyTemplate } from "../src/domain/policy";

type Row = unknown[];

async function select(h: DatabaseHandle, text: string, params: unknown[]): Promise<Row[]> {
  if (h.pool) {
    const r = await h.pool.query({ text, values: params, rowMode: "array", types: { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig });
    return r.rows as Row[];
  }
  const r = await h.pglite!.query(text, params, { rowMode: "array", parsers: { 1082: (v: string) => v } });
  return r.rows as Row[];
}

export async function fullInput(h: DatabaseHandle, schoolId: string, day: string): Promise<EvaluationInput> {
  const [pupils, closed, marks, contacts, seen, visits] = await Promise.all([
    select(h, `select upn, jsonb_array_length(vulnerabilities) from pupils where school_id = $1`, [schoolId]),
    select(h, `select day from non_school_days where school_id = $1`, [schoolId]),
    select(h, `select p.upn, m.day, m.session, m.code from register_marks m join pupils p on p.id = m.pupil_id where m.school_id = $1 and m.day <= $2`, [schoolId, day]),
    select(h, `select p.upn, c.day, c.reached from contact_attempts c join pupils p on p.id = c.pupil_id where c.school_id = $1 and c.day <= $2`, [schoolId, day]),
    select(h, `select p.upn, s.day from sightings s join pupils p on p.id = s.pupil_id where s.school_id = $1 and s.day <= $2`, [schoolId, day]),
    select(
      h,
      `select p.upn, v.day, vp.outcome from visit_pupils vp join visits v on v.id = vp.visit_id join pupils p on p.id = vp.pupil_id
       where v.school_id = $1 and v.day <= $2 and vp.outcome is not null`,
      [schoolId, day],
    ),
  ]);
  return {
    today: day,
    nonSchoolDays: closed.map((r) => String(r[0])),
    pupils: pupils.map((r) => ({ upn: String(r[0]), vulnerable: Number(r[1]) > 0 })),
    marks: marks.map((r) => ({ upn: String(r[0]), date: String(r[1]), session: r[2] as Mark["session"], code: r[3] as Mark["code"] })),
    contacts: contacts.map((r) => ({ upn: String(r[0]), date: String(r[1]), reached: r[2] === true || r[2] === "t" })),
    sightings: seen.map((r) => ({ upn: String(r[0]), date: String(r[1]) })),
    visits: visits.map((r) => ({ upn: String(r[0]), date: String(r[1]), outcome: r[2] as never })),
  };
}

export async function referenceActions(h: DatabaseHandle, policy: PolicyTemplate, schoolId: string, day: string): Promise<Action[]> {
  return evaluate(policy, await fullInput(h, schoolId, day)).actions;
}
