import { describe, expect, it } from "vitest";
import { dfeCodeOf } from "./wonde-codes";

describe("Wonde attendance codes to the DfE's 2024 codes", () => {
  it("keeps 2024 codes and maps one-letter aliases", () => {
    expect(dfeCodeOf("N")).toBe("N");
    expect(dfeCodeOf("c1")).toBe("C1");
    expect(dfeCodeOf("\\")).toBe("\\");
    expect(dfeCodeOf("J")).toBe("J1");
    expect(dfeCodeOf("Y")).toBe("Y7");
  });
  it("refuses what it does not know", () => {
    expect(dfeCodeOf("H")).toBeNull();
    expect(dfeCodeOf("")).toBeNull();
  });
});
