import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { DomainError } from "../domain/errors";

export interface ScenarioIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => Promise<string>;
}

/**
 * The door shared by `doorstep evaluate` and `doorstep compliance`
 * (shared/spec/evaluate.md, compliance.md): one JSON object on stdout and exit
 * 0; an unreadable file, bad JSON or invalid input → a message naming the
 * field on stderr, nothing on stdout, exit 2. `args` follow the command name.
 */
export async function runScenarioFile(command: string, args: string[], io: ScenarioIo, answer: (json: unknown) => unknown): Promise<number> {
  const usage = `usage: doorstep ${command} SCENARIO.json\n`;
  if (args.length !== 1 || args[0]!.startsWith("-")) {
    io.stderr(args.length === 0 ? `${command}: missing SCENARIO.json\n${usage}` : usage);
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
    const out = answer(json);
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof DomainError && e.code === "invalid_input") {
      io.stderr(`${file}: invalid scenario: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/** Whether the module at `url` is the script node was started with (`tsx src/cli/evaluate.ts FILE`). */
export function isMainModule(url: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && url === pathToFileURL(resolve(entry)).href;
}

/** Runs a scenario command as the process's main module, on the process's streams. */
export function runAsProcess(command: string, run: (args: string[], io: ScenarioIo) => Promise<number>, readFile: (p: string) => Promise<string>): void {
  run(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readFile,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${command}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
