import { z } from "zod";
import { ROLES } from "../domain/people/roles";
import { VISIT_STATES } from "../domain/visits/visit-lifecycle";
import { AttendanceSummary, MessageDelivery, StaffRecord } from "./common";

/** A visit as the planning pages show it (src/app/visits/load-visit.ts). */
export const VisitView = z.object({
  id: z.string(),
  schoolId: z.string(),
  state: z.enum(VISIT_STATES),
  purpose: z.string(),
  day: z.string(),
  startsAt: z.string().nullable(),
  expectedBackAt: z.string().nullable(),
  address: z.string().nullable(),
  answersAction: z.string().nullable(),
  safeguarding: z.boolean(),
  dslAgreed: z.boolean(),
  backgroundCheck: z.object({ checkedBy: z.string(), checkedName: z.string(), checkedAt: z.string(), note: z.string() }).nullable(),
  revision: z.number(),
  cancelledReason: z.string().nullable(),
  cancellation: z.object({
    clause: z.string().nullable(),
    reason: z.string().nullable(),
  }),
  pupils: z.array(
    z.object({
      id: z.string(),
      upn: z.string(),
      name: z.string(),
      yearClass: z.string().nullable(),
      outcome: z.string().nullable(),
      parents: z.array(
        z.object({
          name: z.string(),
          relationship: z.string(),
          parentalResponsibility: z.boolean(),
          phone: z.string().nullable(),
          email: z.string().nullable(),
        }),
      ),
      attendance: AttendanceSummary,
      recentMarks: z.array(
        z.object({
          day: z.string(),
          am: z.string().nullable(),
          pm: z.string().nullable(),
        }),
      ),
    }),
  ),
  team: z.array(
    z.object({
      staff: StaffRecord,
      driver: z.boolean(),
    }),
  ),
  /** People from outside the school accompanying the visit (burgh 1, 9). */
  companions: z.array(z.object({ id: z.string(), name: z.string(), organisation: z.string(), role: z.string(), phone: z.string().nullable() })),
  riskAssessment: z
    .object({
      id: z.string(),
      answers: z.unknown(),
      pairDecision: z.boolean(),
      riskLevel: z.string(),
      completedBy: z.string(),
      completedRole: z.string(),
      completedAt: z.string(),
    })
    .nullable(),
  appointment: z
    .object({
      startsAt: z.string(),
      place: z.string(),
      agreedWith: z.string(),
      signed: z.boolean(),
      signedAt: z.string().nullable(),
    })
    .nullable(),
  approval: z
    .object({
      signedName: z.string(),
      role: z.string(),
      signedAt: z.string(),
      accountName: z.string(),
      current: z.boolean(),
      listId: z.string().nullable(),
    })
    .nullable(),
  documents: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      title: z.string(),
      createdAt: z.string(),
      emailedTo: z.array(z.string()),
      delivery: MessageDelivery.nullable(),
    }),
  ),
  steps: z.array(
    z.object({
      step: z.string(),
      at: z.string(),
      by: z.string(),
      note: z.string().nullable(),
    }),
  ),
});
export type VisitView = z.infer<typeof VisitView>;

/** GET /api/visits */
export const VisitList = z.object({ visits: z.array(VisitView) });
export type VisitList = z.infer<typeof VisitList>;

/** GET /api/visits/:visitId: the visit, the danger report it still owes, and who may sign it. */
export const VisitDetail = VisitView.extend({
  dangerReport: z.object({ alarms: z.number(), outstanding: z.number(), clause: z.string() }).nullable(),
  approvers: z.object({ roles: z.array(z.string()).readonly(), clause: z.string().nullable() }),
  /** The policy's background check with the DSL (burgh 7): who records it; null where the policy asks for none. */
  backgroundCheckRule: z.object({ by: z.array(z.enum(ROLES)), description: z.string(), clause: z.string() }).nullable(),
});
export type VisitDetail = z.infer<typeof VisitDetail>;

/** POST /api/visits/approve */
export const Approved = z.object({
  approved: z.number(),
  listId: z.string().nullable(),
});
export type Approved = z.infer<typeof Approved>;

/** Someone who can be put on a visit team, with what the team check reads. */
export const StaffOption = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  mobile: z.string().nullable(),
  dbs: z
    .object({
      issuedOn: z.string(),
      current: z.boolean(),
    })
    .nullable(),
  barredListCheckedOn: z.string().nullable(),
  training: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      completedOn: z.string(),
      expiresOn: z.string().nullable(),
    }),
  ),
  vehicle: z
    .object({
      registration: z.string(),
      description: z.string(),
      complete: z.boolean(),
      insuranceExpiresOn: z.string().nullable(),
      insured: z.boolean(),
    })
    .nullable(),
  shortfalls: z.object({
    passenger: z.array(
      z.object({
        message: z.string(),
        clause: z.string(),
      }),
    ),
    driver: z.array(
      z.object({
        message: z.string(),
        clause: z.string(),
      }),
    ),
  }),
});
export type StaffOption = z.infer<typeof StaffOption>;

/** GET /api/visits/staff-options */
export const StaffOptions = z.object({ staff: z.array(StaffOption) });
export type StaffOptions = z.infer<typeof StaffOptions>;

/** GET /api/notifications: my unread notifications. */
export const Notifications = z.object({
  notifications: z.array(z.object({ id: z.string(), kind: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), createdAt: z.string() })),
});
export type Notifications = z.infer<typeof Notifications>;

/** POST /api/visits/:visitId/companions: `duplicate` when the same id was sent before. */
export const CompanionAdded = z.object({ id: z.string(), duplicate: z.boolean() });
export type CompanionAdded = z.infer<typeof CompanionAdded>;

/** POST /api/visits: the visit proposed, and the state it starts in. */
export const VisitProposed = z.object({ id: z.string(), state: z.string() });
export type VisitProposed = z.infer<typeof VisitProposed>;
