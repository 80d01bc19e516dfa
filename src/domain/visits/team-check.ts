/**
 * Whether a proposed team may make a visit under the school's policy. Every
 * failure names the person, the requirement and the clause, so a refusal can
 * say exactly what is missing.
 */
import { addDays, type IsoDate } from "../attendance/iso-date";
import { trainingClause, type PolicyTemplate } from "../policy/template";
import { DBS_RECHECK_YEARS, type StaffRecord } from "../people/staff-record";

export interface TeamMember {
  staff: StaffRecord;
  /** Drives to the visit in their own vehicle. */
  driver: boolean;
}

export type TeamRequirement =
  | "team_size"
  | "phone"
  | "enhanced_dbs"
  | "barred_list"
  | "training"
  | "vehicle"
  | "vehicle_insurance";

export interface TeamFailure {
  requirement: TeamRequirement;
  clause: string;
  /** null for a failure of the team as a whole (too few people). */
  userId: string | null;
  message: string;
}

export interface TeamContext {
  /** The day of the visit: checks and training must be valid then. */
  visitDay: IsoDate;
  /** burgh 7, 11: the risk assessment decides whether the visit is paired. */
  riskAssessmentSaysPair: boolean | null;
  /** People from outside the school on the visit (burgh 1, 9); they make a pair only where the policy says so. */
  companions?: number;
}

function yearsBefore(day: IsoDate, years: number): IsoDate {
  return `${Number(day.slice(0, 4)) - years}${day.slice(4)}`;
}

/** Whether an enhanced DBS certificate issued on `issuedOn` is treated as current on `day` (DBS_RECHECK_YEARS). */
export function dbsCurrentOn(issuedOn: IsoDate, day: IsoDate): boolean {
  return issuedOn >= yearsBefore(day, DBS_RECHECK_YEARS);
}

export function checkTeam(policy: PolicyTemplate, team: TeamMember[], ctx: TeamContext): TeamFailure[] {
  const failures: TeamFailure[] = [];
  const c = policy.conduct;
  const pairing = c.pairing;
  const needTwo =
    pairing.value === "always_two" || (pairing.value === "per_risk_assessment" && ctx.riskAssessmentSaysPair === true);
  if (team.length === 0) {
    failures.push({ requirement: "team_size", clause: pairing.clause, userId: null, message: "No member of staff is assigned to the visit." });
  } else if (needTwo && team.length + (c.companions?.value.countTowardPair ? (ctx.companions ?? 0) : 0) < 2) {
    failures.push({
      requirement: "team_size",
      clause: pairing.clause,
      userId: null,
      message:
        pairing.value === "always_two"
          ? `Two members of staff must make this visit (${pairing.clause}); only ${team[0]!.staff.name} is assigned.`
          : `The risk assessment says this visit is paired (${pairing.clause}); only ${team[0]!.staff.name} is assigned.`,
    });
  }

  for (const member of team) {
    for (const f of memberFailures(policy, member, ctx.visitDay)) failures.push({ ...f, message: `${member.staff.name}: ${f.message}.` });
  }
  return failures;
}

/**
 * What one person lacks to make a visit on `visitDay` under the policy, as a
 * passenger or as the driver: the team check's own judgement, which the team
 * picker shows beside each name before anything is saved. Messages name no one
 * and end without a full stop; `checkTeam` adds both.
 */
export function memberFailures(policy: PolicyTemplate, { staff, driver }: TeamMember, visitDay: IsoDate): TeamFailure[] {
  const failures: TeamFailure[] = [];
  const c = policy.conduct;
  const fail = (requirement: TeamRequirement, clause: string, message: string) => failures.push({ requirement, clause, userId: staff.userId, message });

  // Every seed policy requires a mobile phone on visits, recorded by the school.
  if (!staff.mobile) fail("phone", c.checkIns?.clause ?? c.pairing.clause, "no mobile phone number is recorded; staff must carry a phone the office can call");

  const checks = c.backgroundChecks;
  if (checks?.value.enhancedDbs) {
    if (!staff.dbs) fail("enhanced_dbs", checks.clause, "no enhanced DBS certificate is recorded");
    else if (!dbsCurrentOn(staff.dbs.issuedOn, visitDay)) fail("enhanced_dbs", checks.clause, `the enhanced DBS certificate (${staff.dbs.issuedOn}) is more than ${DBS_RECHECK_YEARS} years old on the day of the visit`);
  }
  if (checks?.value.barredList && !staff.barredListCheckedOn) fail("barred_list", checks.clause, "no barred list check is recorded");

  const required = c.requiredTraining?.value ?? [];
  for (const kind of required) {
    const records = staff.training.filter((t) => t.kind.toLowerCase() === kind.toLowerCase() && t.completedOn <= visitDay);
    const valid = records.some((t) => t.expiresOn === null || t.expiresOn >= visitDay);
    const clause = trainingClause(c.requiredTraining!, kind);
    if (records.length === 0) fail("training", clause, `no "${kind}" training is recorded`);
    else if (!valid) fail("training", clause, `"${kind}" training expired before the visit`);
  }

  if (driver) {
    const vehicles = c.vehicles;
    const clause = vehicles?.clause ?? "vehicle details";
    const v = staff.vehicle;
    if (!v || !v.make || !v.model || !v.registration || !v.colour) fail("vehicle", clause, "drives to the visit but the vehicle's make, model, registration and colour are not all recorded");
    else if ((vehicles?.value.insuranceRequired ?? true) && (!v.insuranceExpiresOn || v.insuranceExpiresOn < visitDay)) {
      fail("vehicle_insurance", clause, v.insuranceExpiresOn ? `the insurance of ${v.registration} expired on ${v.insuranceExpiresOn}` : `no insurance is recorded for ${v.registration}`);
    }
  }
  return failures;
}

export interface Expiring {
  userId: string;
  name: string;
  what: string;
  expiresOn: IsoDate;
}

/** Checks and training that run out within `days` of `today`: the business manager's list. */
export function expiringWithin(staff: StaffRecord[], today: IsoDate, days: number): Expiring[] {
  const horizon = addDays(today, days);
  const out: Expiring[] = [];
  for (const s of staff) {
    for (const t of s.training) if (t.expiresOn && t.expiresOn <= horizon) out.push({ userId: s.userId, name: s.name, what: `${t.kind} training`, expiresOn: t.expiresOn });
    if (s.vehicle?.insuranceExpiresOn && s.vehicle.insuranceExpiresOn <= horizon) out.push({ userId: s.userId, name: s.name, what: `insurance for ${s.vehicle.registration}`, expiresOn: s.vehicle.insuranceExpiresOn });
    if (s.dbs) {
      const recheck = `${Number(s.dbs.issuedOn.slice(0, 4)) + DBS_RECHECK_YEARS}${s.dbs.issuedOn.slice(4)}`;
      if (recheck <= horizon) out.push({ userId: s.userId, name: s.name, what: "enhanced DBS re-check", expiresOn: recheck });
    }
  }
  return out.sort((a, b) => (a.expiresOn < b.expiresOn ? -1 : 1));
}
