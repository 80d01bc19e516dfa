import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { evaluate } from "../domain/attendance/evaluate";
import { parseScenario } from "../domain/attendance/scenario";
import { DomainError } from "../domain/errors";
import { policyTemplates } from "../domain/policy/templates";

export interface EvaluateIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => Promise<string>;
}

const USAGE = "usage: doorstep evaluate SCENARIO.json\n";

/**
 * `doorstep evaluate SCENARIO.json` (shared/spec/evaluate.md): one JSON object
 * on stdout and exit 0; invalid input → a message naming the field on stderr,
 * nothing on stdout, exit 2. `args` are the arguments after `evaluate`.
 */
export async function runEvaluate(args: string[], io: EvaluateIo): Promise<number> {
  if (args.length !== 1 || args[0]!.startsWith("-")) {
    io.stderr(args.length === 0 ? `evaluate: missing SCENARIO.json\n${USAGE}` : USAGE);
    return 2;
  }
  const file = args[0]!;

  let text: string;
  try {
    text = await io.readFile(file);
  } catch (e) {
    io.stderr(`${file}: cannot read the scenario file (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    io.stderr(`${file}: not valid JSON (${(e as Error).message})\n`);
    return 2;
  }

  try {
    const scenario = parseScenario(json);
    const result = evaluate(policyTemplates[scenario.policy], scenario);
    const actions = result.actions.map(({ upn, action, rule, reason }) => ({ upn, action, rule, reason }));
    io.stdout(`${JSON.stringify({ date: result.date, actions }, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof DomainError && e.code === "invalid_input") {
      io.stderr(`${file}: invalid scenario: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function isMain(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href;
}

if (isMain()) {
  runEvaluate(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readFile: (p) => readFile(p, "utf8"),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`evaluate: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
