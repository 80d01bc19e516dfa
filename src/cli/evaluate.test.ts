import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runEvaluate } from "./evaluate";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const examples = fileURLToPath(new URL("../../spec/examples/", import.meta.url));
const EXAMPLES = ["burgh-example", "scargill-example"];

const scratch = mkdtempSync(join(tmpdir(), "doorstep-evaluate-"));
function scenarioFile(name: string, content: unknown): string {
  const path = join(scratch, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}
const badCode = scenarioFile("bad-code.json", {
  policy: "burgh",
  today: "2026-11-18",
  pupils: [{ upn: "A1" }],
  marks: [{ upn: "A1", date: "2026-11-18", session: "AM", code: "ZZ" }],
});

async function cli(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runEvaluate(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readFile: (p) => readFile(p, "utf8"),
  });
  return { code, stdout, stderr };
}

const expectedPairs = (name: string) =>
  (JSON.parse(readFileSync(join(examples, `${name}.expected.json`), "utf8")) as { actions: { upn: string; action: string }[] }).actions
    .map((a) => `${a.upn} ${a.action}`)
    .sort();

function checkOutput(stdout: string, name: string) {
  const out = JSON.parse(stdout) as { date: string; actions: Record<string, string>[] };
  expect(Object.keys(out).sort()).toEqual(["actions", "date"]);
  expect(out.date).toBe("2026-11-18");
  expect(out.actions.map((a) => `${a.upn} ${a.action}`).sort()).toEqual(expectedPairs(name));
  for (const a of out.actions) {
    expect(Object.keys(a).sort()).toEqual(["action", "reason", "rule", "upn"]);
    expect(a.rule!.length).toBeGreaterThan(0);
    expect(a.reason!.length).toBeGreaterThan(0);
  }
}

describe("runEvaluate", () => {
  it.each(EXAMPLES)("prints the actions for %s as one JSON object and exits 0", async (name) => {
    const r = await cli([join(examples, `${name}.json`)]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    checkOutput(r.stdout, name);
  });

  it("exits 2 naming the field when the scenario is invalid, printing nothing on stdout", async () => {
    const r = await cli([badCode]);
    expect(r).toMatchObject({ code: 2, stdout: "" });
    expect(r.stderr).toContain('marks[0].code: unknown attendance code "ZZ"');
  });

  it("exits 2 for a file that cannot be read or is not JSON", async () => {
    const missing = await cli([join(scratch, "nope.json")]);
    expect(missing).toMatchObject({ code: 2, stdout: "" });
    expect(missing.stderr).toMatch(/nope\.json: cannot read .*ENOENT/);
    const garbage = await cli([scenarioFile("garbage.json", "{ not json")]);
    expect(garbage).toMatchObject({ code: 2, stdout: "" });
    expect(garbage.stderr).toMatch(/garbage\.json: not valid JSON/);
  });

  it("exits 2 for a today that is not a school day", async () => {
    const r = await cli([scenarioFile("saturday.json", { policy: "burgh", today: "2026-11-21", pupils: [] })]);
    expect(r).toMatchObject({ code: 2, stdout: "" });
    expect(r.stderr).toMatch(/today: 2026-11-21 is not a school day/);
  });

  it("exits 2 with usage when the file is missing or extra arguments are given", async () => {
    expect(await cli([])).toMatchObject({ code: 2, stdout: "" });
    expect((await cli(["a.json", "b.json"])).stderr).toMatch(/usage: doorstep evaluate SCENARIO\.json/);
  });
});

describe("the evaluate command as a process", () => {
  const run = (file: string) =>
    promisify(execFile)("npx", ["tsx", "src/cli/evaluate.ts", file], { cwd: repo }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it.each(EXAMPLES)("answers %s", async (name) => {
    const r = await run(join(examples, `${name}.json`));
    expect(r.code).toBe(0);
    checkOutput(r.stdout, name);
  }, 30_000);

  it("exits 2 for a bad scenario with the field on stderr and nothing on stdout", async () => {
    const r = await run(badCode);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("marks[0].code");
  }, 30_000);
});

describe("runEvaluate --with-statutory", () => {
  const example = join(examples, "statutory-example.json");

  it("keeps the template's actions as without the flag and adds the law's duties, as spec/examples/statutory-example.expected.json", async () => {
    const plain = JSON.parse((await cli([example])).stdout) as { actions: unknown[] };
    const r = await cli(["--with-statutory", example]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const out = JSON.parse(r.stdout) as { actions: unknown[]; statutory: { pack: string; actions: { duty: string; source: string; regulation: string }[] } };
    expect(out.actions).toEqual(plain.actions);
    expect(out).toEqual(JSON.parse(readFileSync(join(examples, "statutory-example.expected.json"), "utf8")));
    expect(out.statutory.pack).toBe("stockport");
    expect(new Set(out.statutory.actions.map((a) => a.duty))).toEqual(
      new Set(["tell_social_worker", "ten_day_return", "sickness_return", "new_pupil_return", "deletion_return", "penalty_notice_consideration", "n_code_overdue"]),
    );
    for (const a of out.statutory.actions) expect(a).toMatchObject({ source: "law", regulation: expect.stringMatching(/PRR 2024|WTISA 2024/) });
  });

  it("exits 2 naming laPack or the pupil's joinedOn when they are wrong", async () => {
    const bad = await cli(["--with-statutory", scenarioFile("bad-pack.json", { policy: "burgh", today: "2026-11-18", laPack: "atlantis", pupils: [] })]);
    expect(bad).toMatchObject({ code: 2, stdout: "" });
    expect(bad.stderr).toMatch(/laPack: unknown local authority pack "atlantis"/);
    const badDate = await cli(["--with-statutory", scenarioFile("bad-joined.json", { policy: "burgh", today: "2026-11-18", pupils: [{ upn: "A1", joinedOn: "2026-13-01" }] })]);
    expect(badDate.stderr).toMatch(/pupils\[0\]\.joinedOn/);
  });
});
