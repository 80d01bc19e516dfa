import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { csvCell, returnCsv } from "./return-csv";

describe("a return as CSV", () => {
  it("has the pack's labels as header and the record's values, a missing one empty", () => {
    const text = returnCsv([
      { label: "Pupil's name", value: "Siobhán Ó Ceallaigh" },
      { label: "Home address", value: '1 "The" Lane, Fenby\nNorth' },
      { label: "Previous school", value: null },
    ]);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(parse(text)).toEqual([
      ["Pupil's name", "Home address", "Previous school"],
      ["Siobhán Ó Ceallaigh", '1 "The" Lane, Fenby\nNorth', ""],
    ]);
  });

  it("keeps a cell from running as a spreadsheet formula, but not a phone number or a negative count", () => {
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-cmd")).toBe("'-cmd");
    expect(csvCell("+44 7700 900123")).toBe("+44 7700 900123");
    expect(csvCell("-2")).toBe("-2");
  });
});
