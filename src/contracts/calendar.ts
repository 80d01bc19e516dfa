import { z } from "zod";

/** A weekday that is not a school day (holiday, INSET, bank holiday, closure). */
export const Closure = z.object({ day: z.string(), kind: z.string(), label: z.string().nullable() });
export type Closure = z.infer<typeof Closure>;

/** GET /api/calendar */
export const Closures = z.object({ closures: z.array(Closure) });
export type Closures = z.infer<typeof Closures>;

/** POST /api/calendar and POST /api/imports/term-dates: the days closed, and how many of them changed. */
export const ClosuresSaved = z.object({ days: z.number(), changed: z.number() });
export type ClosuresSaved = z.infer<typeof ClosuresSaved>;

/** DELETE /api/calendar/:day */
export const DayReopened = z.object({ removed: z.number() });
export type DayReopened = z.infer<typeof DayReopened>;
