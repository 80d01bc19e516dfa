import { describe, expect, it } from "vitest";
import { checkTemplate, DEFAULT_LETTERS, fillTemplate } from "./letter-templates";

describe("letter templates", () => {
  it("fills placeholders, and says when the record has no value", () => {
    expect(fillTemplate("Dear {{parent.name}}, {{child.name}} is at {{attendance.percent}}%. {{school.email}}", { "parent.name": "Siobhán Ó Ceallaigh", "child.name": "Zoë", "attendance.percent": 87.5 })).toBe(
      "Dear Siobhán Ó Ceallaigh, Zoë is at 87.5%. (not recorded)",
    );
  });

  it("refuses an unknown placeholder, naming it", () => {
    expect(() => checkTemplate("Dear {{parent.nmae}}")).toThrow(/\{\{parent\.nmae\}\} is not a placeholder/);
    for (const t of Object.values(DEFAULT_LETTERS)) expect(() => checkTemplate(t.body)).not.toThrow();
  });

  it("refuses anything that looks like a placeholder but is not on the list, inherited names included", () => {
    for (const bad of ["{{__proto__}}", "{{child_name}}", "{{constructor}}", "{{toString}}", "{{ hasOwnProperty }}", "{{child.name.length}}", "{{}}"]) {
      expect(() => checkTemplate(`Dear ${bad}`), bad).toThrow(/is not a placeholder Doorstep fills in/);
    }
    expect(() => checkTemplate("Dear {{ child.name }}")).not.toThrow();
  });

  it("fills only the values given, never an inherited property", () => {
    expect(fillTemplate("{{constructor}} {{toString}}", {})).toBe("(not recorded) (not recorded)");
  });
});
