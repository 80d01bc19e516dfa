import { readFile } from "node:fs/promises";
import { evaluate } from "../domain/attendance/evaluate";
import { parseScenario } from "../domain/attendance/scenario";
import { evaluateStatutory } from "../domain/attendance/statutory";
import { parseStatutoryExtras } from "../domain/attendance/statutory/scenario";
import { policyTemplates } from "../domain/policy/templates";
import { isMainModule, runAsProcess, runScenarioFile, type ScenarioIo } from "./scenario-file";

export type EvaluateIo = ScenarioIo;

const WITH_STATUTORY = "--with-statutory";

/**
 * `doorstep evaluate SCENARIO.json` (shared/spec/evaluate.md): one JSON object
 * on stdout and exit 0; invalid input → a message naming the field on stderr,
 * nothing on stdout, exit 2. `args` are the arguments after `evaluate`.
 *
 * `--with-statutory` keeps `actions` exactly as without it (the template's
 * rules) and adds `statutory`: the duties the law sets beneath any template
 * (spec/statutory.md), for the scenario's `laPack` (default "national").
 */
export function runEvaluate(args: string[], io: EvaluateIo): Promise<number> {
  const withStatutory = args.includes(WITH_STATUTORY);
  const rest = args.filter((a) => a !== WITH_STATUTORY);
  return runScenarioFile("evaluate", rest, io, (json) => {
    const scenario = parseScenario(json);
    const result = evaluate(policyTemplates[scenario.policy], scenario);
    const actions = result.actions.map(({ upn, action, rule, reason }) => ({ upn, action, rule, reason }));
    if (!withStatutory) return { date: result.date, actions };
    const { input, pack } = parseStatutoryExtras(json, scenario);
    const law = evaluateStatutory(input, pack);
    return {
      date: result.date,
      actions,
      statutory: {
        pack: law.pack,
        actions: law.actions.map(({ upn, duty, source, regulation, reason, dueOn, episodeKey, facts }) => ({ upn, duty, source, regulation, reason, dueOn, episodeKey, facts })),
      },
    };
  });
}

if (isMainModule(import.meta.url)) runAsProcess("evaluate", runEvaluate, (p) => readFile(p, "utf8"));
