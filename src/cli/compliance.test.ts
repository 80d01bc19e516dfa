import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { Compliance } from "../domain/attendance/compliance";
import { sortEpisodes } from "../domain/attendance/testing/episodes";
import { runCompliance } from "./compliance";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const examples = fileURLToPath(new URL("../../spec/examples/", import.meta.url));
const EXAMPLES = ["compliance-burgh-example"];

const scratch = mkdtempSync(join(tmpdir(), "doorstep-compliance-"));
function scenarioFile(name: string, content: unknown): string {
  const path = join(scratch, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}
const example = JSON.parse(readFileSync(join(examples, "compliance-burgh-example.json"), "utf8")) as Record<string, unknown>;
const withRange = (name: string, change: Record<string, unknown>) => scenarioFile(name, { ...example, ...change });

async function cli(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCompliance(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readFile: (p) => readFile(p, "utf8"),
  });
  return { code, stdout, stderr };
}

function checkOutput(stdout: string, name: string) {
  const out = JSON.parse(stdout) as Compliance;
  const expected = JSON.parse(readFileSync(join(examples, `${name}.expected.json`), "utf8")) as Compliance;
  expect(Object.keys(out).sort()).toEqual(["episodes", "from", "summary", "to"]);
  expect({ ...out, episodes: sortEpisodes(out.episodes) }).toEqual({ ...expected, episodes: sortEpisodes(expected.episodes) });
}

describe("runCompliance", () => {
  it.each(EXAMPLES)("prints the episodes and summary for %s as one JSON object and exits 0", async (name) => {
    const r = await cli([join(examples, `${name}.json`)]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    checkOutput(r.stdout, name);
  });

  it.each([
    ["a from that is a Saturday", { from: "2026-02-28" }, /from: 2026-02-28 is not a school day \(it is a Saturday\)/],
    ["a to listed in nonSchoolDays", { nonSchoolDays: ["2026-03-06"] }, /to: 2026-03-06 is not a school day \(it is listed in nonSchoolDays\)/],
    ["from after to", { from: "2026-03-06", to: "2026-03-02" }, /to: 2026-03-02 is before from \(2026-03-06\)/],
    ["a missing to", { to: undefined }, /to: required/],
    ["a malformed from", { from: "2 March" }, /from: /],
    ["an unknown code", { marks: [{ upn: "P1", date: "2026-03-02", session: "AM", code: "ZZ" }] }, /marks\[0\]\.code: unknown attendance code "ZZ"/],
    ["a contact for a pupil not listed", { contacts: [{ upn: "Q9", date: "2026-03-02", reached: true }] }, /contacts\[0\]\.upn: pupil "Q9" is not listed/],
  ])("exits 2 for %s, naming the field on stderr and printing nothing on stdout", async (name, change, message) => {
    const r = await cli([withRange(`${name.replace(/\W+/g, "-")}.json`, change)]);
    expect(r).toMatchObject({ code: 2, stdout: "" });
    expect(r.stderr).toMatch(message);
  });

  it("exits 2 for a file that cannot be read or is not JSON, and with usage for wrong arguments", async () => {
    expect((await cli([join(scratch, "nope.json")])).stderr).toMatch(/nope\.json: cannot read .*ENOENT/);
    expect(await cli([scenarioFile("garbage.json", "{ not json")])).toMatchObject({ code: 2, stdout: "" });
    expect(await cli([])).toMatchObject({ code: 2, stdout: "" });
    expect((await cli(["a.json", "b.json"])).stderr).toMatch(/usage: doorstep compliance SCENARIO\.json/);
  });
});

describe("the compliance command as a process", () => {
  const run = (file: string) =>
    promisify(execFile)("npm", ["run", "--silent", "doorstep", "--", "compliance", file], { cwd: repo }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it.each(EXAMPLES)("answers %s through npm run doorstep", async (name) => {
    const r = await run(join(examples, `${name}.json`));
    expect(r.code).toBe(0);
    checkOutput(r.stdout, name);
  }, 30_000);

  it("exits 2 for a bad range with the field on stderr and nothing on stdout", async () => {
    const r = await run(withRange("sunday.json", { to: "2026-03-08" }));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("to: 2026-03-08 is not a school day");
  }, 30_000);
});
