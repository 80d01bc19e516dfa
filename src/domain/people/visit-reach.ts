/**
 * Need-to-know reach over visits and the children on them (KCSIE; UK GDPR data
 * minimisation): a visit carries an address, the parents' numbers, the risk
 * assessment and what was said at the door, so a role reads a visit, or a child,
 * only where its work needs it. src/domain/people/need-to-know.ts decides which
 * *fields* a role may read; this decides which *visits and pupils* it reaches.
 *
 * - The headteacher, deputy headteacher, DSL, deputy DSL and attendance lead run the casework: the whole
 *   school. So do the business manager (who assesses the risk of any visit,
 *   coteford 2.5; pupils' own routes refuse the role anyway) and a trust
 *   administrator (oversight across the trust).
 * - A home visitor reaches the visits whose team they are on, and the children on
 *   those visits: nothing else of the school.
 * - The office reaches the visits it watches and organises: every visit on the
 *   office board (under way, with an open alert or a pending check-in deadline, or
 *   cancelled with the team still out), every visit approved or planned for today or
 *   later (the office picks the team and lodges the plan), and any it is on the team
 *   of; and the children on those visits, plus the children on the current Today
 *   list (the office makes the first-day calls and logs contacts: it needs the
 *   parents' numbers). Past visits and visits only proposed are the casework
 *   staff's.
 *
 * A visit report's text is read by the school-wide roles the field admits and by the
 * visit's own team: an office member who can open today's visit learns that a
 * report exists, not what the family said.
 *
 * Holding any school-wide role gives the whole school; visitor and office together
 * reach what either does. Outside reach an object answers 404 (its existence is not
 * told) and lists leave it out.
 */
import type { IsoDate } from "../attendance/iso-date";
import type { VisitState } from "../visits/visit-lifecycle";
import type { Role } from "./roles";

export const SCHOOL_WIDE_REACH: readonly Role[] = ["headteacher", "deputy_head", "dsl", "deputy_dsl", "attendance_lead", "business_manager", "trust_admin"];

/** Visits the office organises ahead of the day and watches go out. */
const OFFICE_UPCOMING_STATES: readonly string[] = ["approved", "planned", "under_way"] satisfies VisitState[];

export type Reach = { kind: "school" } | { kind: "own"; userId: string; office: boolean };

export function reachOf(roles: ReadonlySet<Role> | readonly Role[], userId: string): Reach {
  const held = new Set<Role>(roles);
  if (SCHOOL_WIDE_REACH.some((r) => held.has(r))) return { kind: "school" };
  return { kind: "own", userId, office: held.has("office") };
}

/** What reach reads of a visit. */
export interface VisitFacts {
  day: IsoDate;
  state: string;
  /** The user ids on its team. */
  team: readonly string[];
  /** On the office board now (see src/app/safety/office-board.ts). */
  onBoard: boolean;
}

export function onTeam(reach: Reach, visit: Pick<VisitFacts, "team">): boolean {
  return reach.kind === "own" && visit.team.includes(reach.userId);
}

export function reachesVisit(reach: Reach, visit: VisitFacts, today: IsoDate): boolean {
  if (reach.kind === "school" || onTeam(reach, visit)) return true;
  return reach.office && (visit.onBoard || (visit.day >= today && OFFICE_UPCOMING_STATES.includes(visit.state)));
}

/** The report's text (summary, people present, actions): the school-wide roles and the visit's team. */
export function readsVisitReport(reach: Reach, visit: Pick<VisitFacts, "team">): boolean {
  return reach.kind === "school" || onTeam(reach, visit);
}

/** What reach reads of a pupil: the visits they are on, and whether today's list names them. */
export interface PupilFacts {
  visits: readonly VisitFacts[];
  onTodaysList: boolean;
}

export function reachesPupil(reach: Reach, pupil: PupilFacts, today: IsoDate): boolean {
  if (reach.kind === "school") return true;
  if (reach.office && pupil.onTodaysList) return true;
  return pupil.visits.some((v) => reachesVisit(reach, v, today));
}

/** Whether deciding a pupil's reach needs the Today list (an engine run): only for the office. */
export function needsTodaysList(reach: Reach): boolean {
  return reach.kind === "own" && reach.office;
}

/** A document kept on the record: through its visit when it has one, else through its child. */
export function reachesDocument(reach: Reach, doc: { visit: VisitFacts | null; pupilReached: boolean }, today: IsoDate): boolean {
  if (reach.kind === "school") return true;
  return doc.visit ? reachesVisit(reach, doc.visit, today) : doc.pupilReached;
}
