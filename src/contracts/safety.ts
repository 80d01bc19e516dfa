import { z } from "zod";
import { FIELD_STEPS } from "../domain/safety/field-steps";
import { ImmediateDanger } from "./common";

/** GET /api/visits/:visitId/field: what the team's phone shows. */
export const FieldView = z.object({
  visitId: z.string(),
  state: z.string(),
  teamOut: z.boolean(),
  afterCancellation: z
    .object({
      reason: z.string().nullable(),
      steps: z.array(z.enum(FIELD_STEPS)).readonly(),
    })
    .nullable(),
  purpose: z.string(),
  address: z.string().nullable(),
  mapLink: z.string().nullable(),
  startsAt: z.string().nullable(),
  arrangedAt: z.string().nullable(),
  expectedBackAt: z.string().nullable(),
  children: z.array(z.string()),
  parents: z.array(
    z.object({
      name: z.string(),
      relationship: z.string(),
      phone: z.string().nullable(),
      parentalResponsibility: z.boolean(),
      children: z.array(z.string()),
    }),
  ),
  risk: z
    .object({
      level: z.string(),
      paired: z.boolean(),
      animals: z.string(),
      environment: z.string(),
      previousIncidents: z.string(),
      occupants: z.string(),
    })
    .nullable(),
  /** What the DSL told the team when the background was checked (burgh 7); null before, or where nobody checked it. */
  backgroundNote: z.string().nullable(),
  rules: z.object({
    checkIns: z
      .object({
        clause: z.string(),
        beforeVisit: z.boolean(),
        onArrival: z.boolean(),
        everyMinutes: z.number().nullable(),
        afterVisit: z.boolean(),
      })
      .nullable(),
    waitingLimitMinutes: z
      .object({
        minutes: z.number(),
        clause: z.string(),
      })
      .nullable(),
    lateArrivalLimitMinutes: z
      .object({
        minutes: z.number(),
        clause: z.string(),
      })
      .nullable(),
    appointmentRequiredToEnter: z
      .object({
        required: z.boolean(),
        clause: z.string(),
      })
      .nullable(),
    calledCard: z
      .object({
        clause: z.string(),
      })
      .nullable(),
    goingIn: z
      .object({
        clause: z.string(),
        questions: z.array(
          z.object({
            id: z.string(),
            text: z.string(),
            forbidsEntry: z.enum(["yes", "no"]),
            whenForbidden: z.enum(["refuse", "reason"]),
            refusal: z.string(),
            forFamilies: z.string().optional(),
            clause: z.string(),
          }),
        ),
        reminders: z.array(
          z.object({
            text: z.string(),
            clause: z.string(),
          }),
        ),
        showParentalResponsibility: z.boolean(),
      })
      .nullable(),
    idCard: z
      .object({
        text: z.string(),
        clause: z.string(),
      })
      .nullable(),
    immediateDanger: ImmediateDanger,
  }),
  appointmentRecorded: z.boolean(),
  dangerReport: z
    .object({
      alarms: z.number(),
      outstanding: z.number(),
      clause: z.string(),
    })
    .nullable(),
  nextDeadline: z
    .object({
      kind: z.string(),
      dueAt: z.string(),
      clause: z.string(),
      overdue: z.boolean(),
    })
    .nullable(),
  events: z.array(
    z.object({
      id: z.string(),
      step: z.string(),
      at: z.string(),
      by: z.string(),
    }),
  ),
});
export type FieldView = z.infer<typeof FieldView>;

/** POST /api/visits/:visitId/steps */
export const StepResult = z.object({
  recorded: z.boolean(),
  duplicate: z.boolean(),
  nextDeadline: z
    .object({
      kind: z.string(),
      dueAt: z.string(),
      clause: z.string(),
    })
    .nullable(),
  stoodDown: z.array(z.string()),
});
export type StepResult = z.infer<typeof StepResult>;

/** POST /api/visits/:visitId/alarm: the alert, and the procedure the phone shows at once. */
export const AlarmRaised = z.object({ alertId: z.string().nullable(), duplicate: z.boolean(), procedure: ImmediateDanger.optional() });
export type AlarmRaised = z.infer<typeof AlarmRaised>;

/** A visit on the office board (built as JSON by src/app/safety/office-board.ts). */
export const BoardVisit = z.object({
  visitId: z.string(),
  state: z.string(),
  teamOut: z.boolean(),
  address: z.string().nullable(),
  children: z.array(z.string()),
  startsAt: z.string().nullable(),
  expectedBackAt: z.string().nullable(),
  team: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      mobile: z.string().nullable(),
      vehicle: z.string().nullable(),
    }),
  ),
  /** People from outside the school on the visit (burgh 1, 9). */
  companions: z.array(z.object({ name: z.string(), organisation: z.string(), role: z.string(), phone: z.string().nullable() })),
  nextDeadline: z
    .object({
      kind: z.string(),
      dueAt: z.string(),
      clause: z.string(),
    })
    .nullable(),
  lastEvent: z
    .object({
      step: z.string(),
      at: z.string(),
      by: z.string(),
      latitude: z.string().nullable(),
      longitude: z.string().nullable(),
    })
    .nullable(),
  status: z.enum(["on_time", "amber", "red", "alarm"]),
  alerts: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      level: z.string(),
      dueAt: z.string().nullable(),
      raisedAt: z.string(),
      acknowledgements: z.array(
        z.object({
          level: z.string(),
          by: z.string(),
          at: z.string(),
        }),
      ),
      stoodDownNote: z.string().nullable(),
      closedNote: z.string().nullable(),
      open: z.boolean(),
      latitude: z.string().nullable(),
      longitude: z.string().nullable(),
    }),
  ),
  history: z.array(
    z.object({
      step: z.string(),
      at: z.string(),
      by: z.string(),
    }),
  ),
});
export type BoardVisit = z.infer<typeof BoardVisit>;

/** GET /api/board, and each event of /api/board/stream. */
export const Board = z.object({ visits: z.array(BoardVisit), at: z.string() });
export type Board = z.infer<typeof Board>;

/** POST /api/alerts/:alertId/close: the alert closed, and the next check-in deadline of its visit if one is still running. */
export const ClosedAlert = z.object({ ok: z.literal(true), nextDeadline: z.object({ kind: z.string(), dueAt: z.string(), clause: z.string() }).nullable() });
export type ClosedAlert = z.infer<typeof ClosedAlert>;
