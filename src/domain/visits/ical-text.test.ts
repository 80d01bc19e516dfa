import { expect, it } from "vitest";
import { icalText } from "./ical-text";

it("escapes backslash, semicolon and comma, and writes every line break as \\n", () => {
  expect(icalText("a\\b;c,d")).toBe("a\\\\b\\;c\\,d");
  expect(icalText("1 Mill Lane\r\nUxbridge\nUB10\rEND:VEVENT")).toBe("1 Mill Lane\\nUxbridge\\nUB10\\nEND:VEVENT");
  expect(icalText("\r\r\n\n")).toBe("\\n\\n\\n");
});
