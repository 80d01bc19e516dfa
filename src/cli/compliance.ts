import { readFile } from "node:fs/promises";
import { compliance } from "../domain/attendance/compliance";
import { parseComplianceScenario } from "../domain/attendance/compliance-scenario";
import { policyTemplates } from "../domain/policy/templates";
import { isMainModule, runAsProcess, runScenarioFile, type ScenarioIo } from "./scenario-file";

/**
 * `doorstep compliance SCENARIO.json` (shared/spec/compliance.md): the morning
 * lists of each school day from `from` to `to` replayed, as episodes and a
 * summary per action kind. Exit codes and errors as `evaluate`.
 */
export function runCompliance(args: string[], io: ScenarioIo): Promise<number> {
  return runScenarioFile("compliance", args, io, (json) => {
    const scenario = parseComplianceScenario(json);
    return compliance(policyTemplates[scenario.policy], scenario);
  });
}

if (isMainModule(import.meta.url)) runAsProcess("compliance", runCompliance, (p) => readFile(p, "utf8"));
