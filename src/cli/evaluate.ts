import { readFile } from "node:fs/promises";
import { evaluate } from "../domain/attendance/evaluate";
import { parseScenario } from "../domain/attendance/scenario";
import { policyTemplates } from "../domain/policy/templates";
import { isMainModule, runAsProcess, runScenarioFile, type ScenarioIo } from "./scenario-file";

export type EvaluateIo = ScenarioIo;

/**
 * `doorstep evaluate SCENARIO.json` (shared/spec/evaluate.md): one JSON object
 * on stdout and exit 0; invalid input → a message naming the field on stderr,
 * nothing on stdout, exit 2. `args` are the arguments after `evaluate`.
 */
export function runEvaluate(args: string[], io: EvaluateIo): Promise<number> {
  return runScenarioFile("evaluate", args, io, (json) => {
    const scenario = parseScenario(json);
    const result = evaluate(policyTemplates[scenario.policy], scenario);
    const actions = result.actions.map(({ upn, action, rule, reason }) => ({ upn, action, rule, reason }));
    return { date: result.date, actions };
  });
}

if (isMainModule(import.meta.url)) runAsProcess("evaluate", runEvaluate, (p) => readFile(p, "utf8"));
