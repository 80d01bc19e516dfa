/**
 * Puts the safety bench's school into a fresh PostgreSQL database: a trust and
 * one school on the Coteford template, its policy changed (a new audited
 * version, through `changePolicy`) to check-ins every minute and lone working,
 * the staff, the pupils, and visits that are *planned* with their team and a
 * risk assessment. The planning flow itself is not under test here, so those
 * rows are inserted directly; the visits are then started ("departed",
 * "arrived") and checked in over HTTP by the clients.
 */
import pg from "pg";
import { inArray } from "drizzle-orm";
import { openDatabase, runMigrations, type DatabaseHandle } from "../../src/db/client";
import { pupils, riskAssessments, schools, staffChecks, trusts, userRoles, users, visitPupils, visits, visitTeam } from "../../src/db/schema";
import { SYSTEM_ACTOR, writeAudited } from "../../src/app/audit/write-audited";
import { adoptTemplate, changePolicy, policyInForce } from "../../src/app/policy/school-policy";
import { addStaff } from "../../src/app/people/add-staff";
import { createSession } from "../../src/app/auth/sessions";
import { hashPassword } from "../../src/app/auth/passwords";
import { londonDate } from "../../src/app/clock";
import { policyTemplates, type PolicyTemplate } from "../../src/domain/policy";

export const BENCH_PASSWORD = "bench safety correct horse";

export interface Credentials {
  userId: string;
  email: string;
  /** `doorstep_session=<token>` */
  cookie: string;
  csrf: string;
}

export interface BenchVisit {
  visitId: string;
  /** The team: one member for the main visits, two for the race probe. */
  team: Credentials[];
}

export interface SeededSchool {
  schoolId: string;
  day: string;
  /** The check-in rhythm of the policy in force, in ms. */
  intervalMs: number;
  policyVersion: number;
  visits: BenchVisit[];
  probeVisits: BenchVisit[];
  office: { email: string; password: string; userId: string };
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  return `"${name}"`;
}

/** Drops and creates `name` on the server behind `serverUrl`; returns the new database's URL. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${quoteIdent(name)} with (force)`);
    await admin.query(`create database ${quoteIdent(name)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${quoteIdent(name)} with (force)`);
  } finally {
    await admin.end();
  }
}

export async function migrate(url: string): Promise<DatabaseHandle> {
  const h = await openDatabase({ databaseUrl: url });
  await runMigrations(h);
  return h;
}

async function inChunks<T>(rows: T[], size: number, work: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await work(rows.slice(i, i + size));
}

/** Coteford, but with check-ins every `intervalSeconds` (the 20 s: a drill's rhythm, to the second) and lone working. */
export function benchPolicy(intervalSeconds: number): PolicyTemplate {
  const p = structuredClone(policyTemplates.coteford) as PolicyTemplate;
  if (!p.conduct.checkIns) throw new Error("coteford has no check-in provision");
  p.conduct.checkIns.value.everyMinutes = intervalSeconds / 60;
  p.conduct.pairing = { value: "lone_working_allowed", clause: p.conduct.pairing.clause, note: "bench: one member of staff per visit" };
  return p;
}

export async function seedSchool(h: DatabaseHandle, opts: { visits: number; probeVisits: number; now: Date; intervalSeconds: number }): Promise<SeededSchool> {
  const db = h.db;
  const day = londonDate(opts.now);
  const [trust] = await db.insert(trusts).values({ name: "Bench Safety Trust" }).returning();
  const [school] = await db.insert(schools).values({ name: "Bench Safety School", policyTemplateId: "coteford", trustId: trust!.id }).returning();
  const schoolId = school!.id;
  await writeAudited(db, SYSTEM_ACTOR, (tx, audit) => adoptTemplate(tx, audit, schoolId, "coteford", SYSTEM_ACTOR));

  // The head and the office through the real use case (argon2 and audit).
  const head = await addStaff(db, SYSTEM_ACTOR, schoolId, { email: "head@bench-safety.example", name: "Bench Head", password: BENCH_PASSWORD, roles: ["headteacher", "business_manager"] }, { kind: "operator" });
  const office = await addStaff(db, SYSTEM_ACTOR, schoolId, { email: "office@bench-safety.example", name: "Bench Office", password: BENCH_PASSWORD, roles: ["office"] }, { kind: "operator" });
  const changed = await changePolicy(db, { userId: head.id, name: "Bench Head" }, schoolId, benchPolicy(opts.intervalSeconds), `Bench: check-ins every ${opts.intervalSeconds} s, lone working allowed`, day);
  const inForce = await policyInForce(db, schoolId, day);
  const every = inForce.policy.conduct.checkIns?.value.everyMinutes ?? 0;
  if (inForce.version !== changed.version || Math.round(every * 60) !== opts.intervalSeconds) throw new Error(`bench policy not in force for ${day} (version ${inForce.version}, everyMinutes ${every})`);

  // Visiting staff: one argon2 hash shared by all (~100 ms each otherwise), inserted directly.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const staffCount = opts.visits + 2 * opts.probeVisits;
  const staffRows = Array.from({ length: staffCount }, (_, i) => ({
    email: `visitor-${i}@bench-safety.example`,
    name: `Visitor ${i}`,
    mobile: `07700 ${String(900000 + i).slice(-6)}`,
    passwordHash,
  }));
  const staffIds: string[] = [];
  await inChunks(staffRows, 500, async (chunk) => {
    const rows = await db.insert(users).values(chunk).returning({ id: users.id, email: users.email });
    const byEmail = new Map(rows.map((r) => [r.email, r.id]));
    for (const c of chunk) staffIds.push(byEmail.get(c.email)!);
  });
  await inChunks(staffIds, 500, (chunk) => db.insert(userRoles).values(chunk.map((userId) => ({ userId, role: "visitor", schoolId }))));
  // Coteford 5.1: an enhanced DBS certificate and a barred list check for everyone who visits.
  await inChunks(staffIds, 500, (chunk) => db.insert(staffChecks).values(chunk.map((userId, i) => ({ userId, dbsNumber: `00${String(100000000 + i)}`, dbsIssuedOn: day, barredListCheckedOn: day }))));

  // Pupils and planned visits with their team and a risk assessment (coteford 2.5 requires one to start).
  const visitCount = opts.visits + opts.probeVisits;
  const pupilIds: string[] = [];
  await inChunks(
    Array.from({ length: visitCount }, (_, i) => i),
    500,
    async (chunk) => {
      const rows = await db
        .insert(pupils)
        .values(chunk.map((i) => ({ schoolId, upn: `B${String(100000000000 + i)}`, firstName: `Pupil${i}`, lastName: "Bench", addressLine1: `${i + 1} Bench Street`, postcode: "NN1 1AA" })))
        .returning({ id: pupils.id, upn: pupils.upn });
      const byUpn = new Map(rows.map((r) => [r.upn, r.id]));
      for (const i of chunk) pupilIds.push(byUpn.get(`B${String(100000000000 + i)}`)!);
    },
  );
  const startsAt = opts.now;
  const expectedBackAt = new Date(opts.now.getTime() + 4 * 3600_000);
  const visitIds: string[] = [];
  await inChunks(
    Array.from({ length: visitCount }, (_, i) => i),
    500,
    async (chunk) => {
      const rows = await db
        .insert(visits)
        .values(chunk.map((i) => ({ schoolId, purpose: "safe_and_well", state: "planned", day, address: `${i + 1} Bench Street, NN1 1AA`, proposedBy: head.id, startsAt, expectedBackAt })))
        .returning({ id: visits.id, address: visits.address });
      const byAddress = new Map(rows.map((r) => [r.address, r.id]));
      for (const i of chunk) visitIds.push(byAddress.get(`${i + 1} Bench Street, NN1 1AA`)!);
    },
  );
  const teamOf = (i: number): string[] => (i < opts.visits ? [staffIds[i]!] : [staffIds[opts.visits + 2 * (i - opts.visits)]!, staffIds[opts.visits + 2 * (i - opts.visits) + 1]!]);
  await inChunks(
    visitIds.map((id, i) => ({ id, i })),
    500,
    async (chunk) => {
      await db.insert(visitPupils).values(chunk.map(({ id, i }) => ({ visitId: id, pupilId: pupilIds[i]! })));
      await db.insert(visitTeam).values(chunk.flatMap(({ id, i }) => teamOf(i).map((userId) => ({ visitId: id, userId, driver: false }))));
      await db.insert(riskAssessments).values(
        chunk.map(({ id }) => ({ visitId: id, schoolId, answers: { bench: true }, pairDecision: false, riskLevel: "low", completedBy: head.id, completedRole: "business_manager", completedAt: opts.now })),
      );
    },
  );

  // Sessions straight into the table (what a login would create), 20 at a time.
  const creds = new Map<string, Credentials>();
  const emails = new Map((await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, staffIds))).map((r) => [r.id, r.email]));
  await inChunks(staffIds, 20, async (chunk) => {
    await Promise.all(
      chunk.map(async (userId) => {
        const s = await createSession(db, userId, schoolId, new Date(), 12);
        creds.set(userId, { userId, email: emails.get(userId)!, cookie: `doorstep_session=${s.token}`, csrf: s.csrfToken });
      }),
    );
  });
  const all = visitIds.map((visitId, i) => ({ visitId, team: teamOf(i).map((u) => creds.get(u)!) }));
  return {
    schoolId,
    day,
    intervalMs: Math.round(every * 60) * 1000,
    policyVersion: inForce.version,
    visits: all.slice(0, opts.visits),
    probeVisits: all.slice(opts.visits),
    office: { email: "office@bench-safety.example", password: BENCH_PASSWORD, userId: office.id },
  };
}
