import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable";

const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it("knows a restarting, cut or unreachable database, also wrapped (Drizzle's query error)", () => {
    for (const e of [
      pgError("57P01", "terminating connection due to administrator command"),
      pgError("57P03", "the database system is starting up"),
      pgError("08006"),
      pgError("ECONNREFUSED"),
      new Error("Connection terminated unexpectedly"),
      new Error("timeout exceeded when trying to connect"),
      new Error("Failed query: select 1", { cause: pgError("57P02") }),
    ])
      expect(isDatabaseUnavailable(e), e.message).toBe(true);
  });

  it("leaves a request's own faults to the 4xx/500 table", () => {
    for (const e of [pgError("23505", "duplicate key"), pgError("40001"), pgError("42P01"), new Error("boom"), new TypeError("x is undefined")]) expect(isDatabaseUnavailable(e)).toBe(false);
  });
});
