import { describe, expect, it } from "vitest";
import { addDays } from "../attendance/iso-date";
import { endOfAcademicYear, isPastRetention, keepUntil, latestAnchorPast, RETENTION_KINDS, RETENTION_RULES } from "./retention";
import { subjectAccessDueOn } from "./subject-access";

const rules = RETENTION_RULES;

describe("retention periods", () => {
  it("keeps a register entry six years to the day, and lists it the day after", () => {
    const entry = { entryOn: "2020-03-02", dateOfBirth: null };
    expect(keepUntil(rules.register_marks, entry)).toBe("2026-03-02");
    expect(isPastRetention(rules.register_marks, entry, "2026-03-02")).toBe(false);
    expect(isPastRetention(rules.register_marks, entry, "2026-03-03")).toBe(true);
  });

  it("keeps an entry of 29 February to 1 March, never a day short", () => {
    expect(keepUntil(rules.register_marks, { entryOn: "2020-02-29", dateOfBirth: null })).toBe("2026-03-01");
    expect(isPastRetention(rules.register_marks, { entryOn: "2020-02-29", dateOfBirth: null }, "2026-03-01")).toBe(false);
  });

  it("counts the contact log from the end of the academic year of the entry, plus two years", () => {
    expect(endOfAcademicYear("2023-08-31")).toBe("2023-08-31");
    expect(endOfAcademicYear("2023-09-01")).toBe("2024-08-31");
    expect(keepUntil(rules.contact_log, { entryOn: "2023-09-01", dateOfBirth: null })).toBe("2026-08-31");
    expect(isPastRetention(rules.contact_log, { entryOn: "2023-09-01", dateOfBirth: null }, "2026-08-31")).toBe(false);
    expect(isPastRetention(rules.contact_log, { entryOn: "2023-09-01", dateOfBirth: null }, "2026-09-01")).toBe(true);
  });

  it("keeps a child-protection record to the child's 25th birthday, and never decides without a date of birth", () => {
    const concern = { entryOn: "2010-01-01", dateOfBirth: "2001-12-07" };
    expect(keepUntil(rules.safeguarding_concerns, concern)).toBe("2026-12-07");
    expect(isPastRetention(rules.safeguarding_concerns, concern, "2026-12-07")).toBe(false);
    expect(isPastRetention(rules.safeguarding_concerns, concern, "2026-12-08")).toBe(true);
    expect(isPastRetention(rules.safeguarding_concerns, { entryOn: "1990-01-01", dateOfBirth: null }, "2099-01-01")).toBe(false);
  });

  it("selects by one comparison exactly the anchors past their period (every kind, days around each boundary)", () => {
    for (const kind of RETENTION_KINDS) {
      const rule = rules[kind];
      for (const today of ["2026-03-01", "2026-03-02", "2028-02-29", "2028-03-01", "2026-08-31", "2026-09-01", "2026-12-07"]) {
        const latest = latestAnchorPast(rule, today);
        for (let i = -400; i <= 400; i++) {
          const anchor = addDays(latest, i);
          const facts = { entryOn: anchor, dateOfBirth: anchor };
          expect(isPastRetention(rule, facts, today), `${kind} ${today} ${anchor}`).toBe(anchor <= latest);
        }
      }
    }
  });

  it("cites a source for every kind", () => {
    for (const kind of RETENTION_KINDS) expect(rules[kind].source.length).toBeGreaterThan(20);
  });
});

describe("subject access due date", () => {
  it("is the same date next month, the month's last day when it has none, and a weekday", () => {
    expect(subjectAccessDueOn("2026-11-18")).toBe("2026-12-18");
    expect(subjectAccessDueOn("2027-01-29")).toBe("2027-03-01"); // 28 Feb 2027 is a Sunday
    expect(subjectAccessDueOn("2026-01-31")).toBe("2026-03-02"); // 28 Feb 2026 is a Saturday
    expect(subjectAccessDueOn("2025-01-31")).toBe("2025-02-28");
    expect(subjectAccessDueOn("2026-12-07")).toBe("2027-01-07");
  });
});
