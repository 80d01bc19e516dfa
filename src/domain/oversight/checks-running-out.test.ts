import { describe, expect, it } from "vitest";
import { checksRunningOut } from "./checks-running-out";

describe("staff checks running out", () => {
  it("lists DBS rechecks and training ending within the look-ahead, soonest first, lapsed ones marked", () => {
    const r = checksRunningOut(
      [
        { userId: "a", name: "Ann", dbsIssuedOn: "2023-04-01", training: [{ kind: "Lone working", expiresOn: "2026-03-01" }] },
        { userId: "b", name: "Bob", dbsIssuedOn: "2025-01-01", training: [{ kind: "First aid", expiresOn: null }, { kind: "Safeguarding", expiresOn: "2026-06-01" }] },
        { userId: "c", name: "Cat", dbsIssuedOn: null, training: [] },
      ],
      "2026-03-10",
    );
    expect(r).toEqual([
      { userId: "a", name: "Ann", check: "Lone working", endsOn: "2026-03-01", lapsed: true },
      { userId: "a", name: "Ann", check: "Enhanced DBS", endsOn: "2026-04-01", lapsed: false },
    ]);
  });
});
