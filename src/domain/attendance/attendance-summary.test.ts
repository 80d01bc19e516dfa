import { expect, it } from "vitest";
import { schoolYearStart, summariseAttendance } from "./attendance-summary";

it("counts sessions as the DfE figures do: U unauthorised, not-possible ignored", () => {
  const s = summariseAttendance(["/", "/", "L", "K", "I", "N", "U", "G", "#", "X"], "2026-09-01", "2026-11-20");
  expect(s).toMatchObject({ possibleSessions: 8, attendedSessions: 4, authorised: 1, unauthorised: 3, sessionsMissed: 4, percent: 50 });
  expect(summariseAttendance([], "2026-09-01", "2026-09-01").percent).toBeNull();
});

it("knows when the school year started", () => {
  expect(schoolYearStart("2026-11-20")).toBe("2026-09-01");
  expect(schoolYearStart("2027-03-01")).toBe("2026-09-01");
  expect(schoolYearStart("2026-09-01")).toBe("2026-09-01");
});
