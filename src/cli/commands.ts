import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { openDatabase, runMigrations, type DatabaseHandle } from "../db/client";
import { DomainError } from "../domain/errors";
import { ROLES, isRole } from "../domain/people/roles";
import { SYSTEM_ACTOR } from "../app/audit/write-audited";
import { addStaff } from "../app/people/add-staff";
import { seedDemo } from "../app/demo/seed-demo";
import { londonDate } from "../app/clock";
import { findSchool } from "../app/people/find-school";
import { runEvaluate } from "./evaluate";

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => Promise<string>;
}

interface Command {
  usage: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Exit codes: 0 done, 1 failure, 2 bad usage or bad input. */
async function withDatabase(io: CliIo, work: (h: DatabaseHandle) => Promise<number>): Promise<number> {
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await runMigrations(handle);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

const table: Record<string, Command> = {
  migrate: {
    usage: "migrate",
    summary: "Apply database migrations (the server also does this when it starts).",
    run: (_args, io) =>
      withDatabase(io, async () => {
        io.stdout("Migrations applied.\n");
        return 0;
      }),
  },
  "seed-demo": {
    usage: "seed-demo",
    summary: "Load the demo trust, school, staff and pupils (does nothing if already loaded).",
    run: (_args, io) =>
      withDatabase(io, async (h) => {
        const r = await seedDemo(h, londonDate(new Date()));
        io.stdout(r.created ? "Demo trust loaded.\n" : "Demo trust was already loaded; nothing changed.\n");
        return 0;
      }),
  },
  "user add": {
    usage: "user add --school NAME|ID --email EMAIL --name NAME --role ROLE [--role ROLE…] [--mobile PHONE] [--password PW]",
    summary: `Add a member of staff. Roles: ${ROLES.join(", ")}. Without --password, reads it from DOORSTEP_PASSWORD.`,
    async run(args, io) {
      const { values } = parseArgs({
        args,
        options: {
          school: { type: "string" },
          email: { type: "string" },
          name: { type: "string" },
          role: { type: "string", multiple: true },
          mobile: { type: "string" },
          password: { type: "string" },
        },
        strict: true,
      });
      const missing = (["school", "email", "name", "role"] as const).filter((k) => !values[k]);
      if (missing.length) {
        io.stderr(`user add: missing ${missing.map((m) => `--${m}`).join(", ")}\nusage: ${this.usage}\n`);
        return 2;
      }
      const bad = values.role!.filter((r) => !isRole(r));
      if (bad.length) {
        io.stderr(`user add: --role ${bad[0]} is not a role; roles are ${ROLES.join(", ")}\n`);
        return 2;
      }
      const password = values.password ?? process.env.DOORSTEP_PASSWORD;
      if (!password) {
        io.stderr("user add: give --password or set DOORSTEP_PASSWORD\n");
        return 2;
      }
      return withDatabase(io, async (h) => {
        const school = await findSchool(h.db, values.school!);
        const { id } = await addStaff(h.db, SYSTEM_ACTOR, school.id, {
          email: values.email!,
          name: values.name!,
          mobile: values.mobile,
          password,
          roles: values.role!.filter(isRole),
        });
        io.stdout(`Added ${values.email} (${values.role!.join(", ")}) to ${school.name}: ${id}\n`);
        return 0;
      });
    },
  },
  evaluate: {
    usage: "evaluate SCENARIO.json",
    summary: "Print today's actions for a scenario (see ../shared/spec/evaluate.md) as JSON.",
    run: (args, io) => runEvaluate(args, io),
  },
};

function help(io: CliIo) {
  io.stdout("Doorstep command line\n\nusage: npm run doorstep -- <command> [options]\n\ncommands:\n");
  for (const c of Object.values(table)) io.stdout(`  ${c.usage}\n      ${c.summary}\n`);
  return 0;
}

export const commands = {
  async run(name: string | undefined, args: string[], io: CliIo): Promise<number> {
    if (!name || name === "--help" || name === "-h" || name === "help") return help(io);
    let key = name;
    let rest = args;
    if (!table[key] && args[0] && table[`${name} ${args[0]}`]) {
      key = `${name} ${args[0]}`;
      rest = args.slice(1);
    }
    const command = table[key];
    if (!command) {
      io.stderr(`Unknown command "${name}". Run with --help to list commands.\n`);
      return 2;
    }
    try {
      return await command.run(rest, io);
    } catch (e) {
      if (e instanceof DomainError || (e instanceof Error && (e.name === "ConfigError" || e.name === "DataDirLocked"))) {
        io.stderr(`${key}: ${e.message}\n`);
        return 2;
      }
      if (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS")) {
        io.stderr(`${key}: ${e.message}\nusage: ${command.usage}\n`);
        return 2;
      }
      throw e;
    }
  },
  list: () => Object.keys(table),
};
