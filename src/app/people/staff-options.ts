/**
 * The staff an organiser can put on a visit team, with the facts the team check
 * reads (src/domain/visits/team-check.ts): a recorded mobile, the DBS date, the
 * barred list check, training, and a vehicle with its insurance, and the team
 * check's own verdict on each person for that day under the policy in force
 * (as passenger and as driver), so the picker explains a refusal before saving
 * without judging anything itself. Organisers include office staff and home
 * visitors, so this carries no DBS number, email or anything else from the
 * staff file beyond what the check needs.
 */
import type { Executor } from "../../db/client";
import type { IsoDate } from "../../domain/attendance/iso-date";
import { isRole, type Role } from "../../domain/people/roles";
import { dbsCurrentOn, memberFailures } from "../../domain/visits/team-check";
import { policyInForce } from "../policy/school-policy";
import { listStaff } from "./list-staff";
import { loadStaffRecords } from "./staff-records";

export interface StaffOption {
  id: string;
  name: string;
  roles: Role[];
  mobile: string | null;
  /** `current`: within the re-check period on the day asked about. */
  dbs: { issuedOn: IsoDate; current: boolean } | null;
  barredListCheckedOn: IsoDate | null;
  training: { id: string; kind: string; completedOn: IsoDate; expiresOn: IsoDate | null }[];
  /** `complete`: make, model, registration and colour recorded; `insured`: insurance runs to the day asked about. */
  vehicle: { registration: string; description: string; complete: boolean; insuranceExpiresOn: IsoDate | null; insured: boolean } | null;
  /** What the team check would refuse this person for on the day, with the clause: as a passenger, and if they drive. */
  shortfalls: { passenger: Shortfall[]; driver: Shortfall[] };
}

export interface Shortfall {
  message: string;
  clause: string;
}

/** Roles that never make visits: a governor or trust administrator is not offered for a team. */
const NOT_VISITING: ReadonlySet<Role> = new Set(["governor", "trust_admin"]);

export async function staffOptions(db: Executor, schoolId: string, day: IsoDate): Promise<StaffOption[]> {
  // A disabled account cannot sign in to report steps from the doorstep.
  const staff = (await listStaff(db, schoolId)).filter((s) => !s.disabled && s.roles.some((r) => isRole(r) && !NOT_VISITING.has(r)));
  const [records, { policy }] = await Promise.all([loadStaffRecords(db, staff.map((s) => s.id)), policyInForce(db, schoolId, day)]);
  const shortfalls = (record: (typeof records)[number], driver: boolean) => memberFailures(policy, { staff: record, driver }, day).map(({ message, clause }) => ({ message, clause }));
  return staff.map((s) => {
    const r = records.find((x) => x.userId === s.id)!;
    const v = r.vehicle;
    return {
      id: s.id,
      name: s.name,
      roles: s.roles.filter(isRole),
      mobile: r.mobile,
      dbs: r.dbs ? { issuedOn: r.dbs.issuedOn, current: dbsCurrentOn(r.dbs.issuedOn, day) } : null,
      barredListCheckedOn: r.barredListCheckedOn,
      training: r.training,
      vehicle: v
        ? {
            registration: v.registration,
            description: `${v.colour} ${v.make} ${v.model}`,
            complete: Boolean(v.make && v.model && v.registration && v.colour),
            insuranceExpiresOn: v.insuranceExpiresOn,
            insured: v.insuranceExpiresOn !== null && v.insuranceExpiresOn >= day,
          }
        : null,
      shortfalls: { passenger: shortfalls(r, false), driver: shortfalls(r, true) },
    };
  });
}
