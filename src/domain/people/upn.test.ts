import { describe, expect, it } from "vitest";
import { upnCheckLetter, upnProblem, withCheckLetter } from "./upn";

describe("UPN check letter (DfE)", () => {
  it("computes the check letter of permanent and temporary UPNs", () => {
    // 2×2 + 7×4 + 1×9 + 6×10 + 4×12 + 9×13 = 266 = 11×23 + 13, and 13 is P. (The worked example MIS
    // help pages copy for census error 1510 adds this to 267 and answers Q.)
    expect(upnCheckLetter("207000016049")).toBe("P");
    expect(upnCheckLetter("801200005001")).toBe("B");
    expect(upnProblem("P207000016049")).toBeNull();
    expect(upnProblem(withCheckLetter("80120000500A"))).toBeNull();
  });

  it("names what is wrong", () => {
    expect(upnProblem("B207000016049")).toMatch(/check letter .* should be P/);
    expect(upnProblem("A12345")).toMatch(/13 characters, this has 6/);
    expect(upnProblem("X80120000A001")).toMatch(/11 digits/);
    expect(upnProblem("A80120000500I")).toMatch(/other than I, O or S/);
  });
});
