import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { openDatabase, runMigrations, type DatabaseHandle } from "../db/client";
import { createAppRole } from "../db/app-role";
import { DomainError } from "../domain/errors";
import { ROLES, isRole } from "../domain/people/roles";
import { SYSTEM_ACTOR } from "../app/audit/write-audited";
import { addStaff } from "../app/people/add-staff";
import { createFirstSchool } from "../app/setup/first-run";
import { seedDemo } from "../app/demo/seed-demo";
import { londonDate } from "../app/clock";
import { findSchool } from "../app/people/find-school";
import { runEvaluate } from "./evaluate";
import { runCompliance } from "./compliance";
import { runBackup, runRestore } from "./backup";
import { createReadStream } from "node:fs";
import path from "node:path";
import { importMarks, type MarkFormat } from "../app/attendance/import-marks";
import { importPupils } from "../app/people/import-pupils";
import { parseTermDates, saveClosures } from "../app/attendance/school-calendar-store";
import { actionsForDay, latestSchoolDay } from "../app/attendance/actions-for-day";
import { runDailyLists } from "../jobs/daily-lists";
import { rangeAsked } from "../app/attendance/compliance-for-range";
import { figuresOutput } from "../app/oversight/figures-output";

/** Changes made from the command line are audited as such. */
const CLI_ACTOR = { userId: null, name: `command line (${process.env.USER ?? "unknown user"})` };

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
  const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, ownerUrl: config.DATABASE_OWNER_URL, dataDir: config.DATA_DIR });
  try {
    await runMigrations(handle);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

function oneFileCommand(name: string, summary: string, work: (file: string, io: CliIo) => Promise<number>): Command {
  return {
    usage: `${name} FILE`,
    summary,
    async run(args, io) {
      if (args.length !== 1 || args[0]!.startsWith("-")) {
        io.stderr(`${name}: give one FILE\nusage: ${this.usage}\n`);
        return 2;
      }
      return work(args[0]!, io);
    },
  };
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
  "db grant-app-role": {
    usage: "db grant-app-role --role NAME",
    summary:
      "PostgreSQL: as the tables' owner (DATABASE_OWNER_URL, else DATABASE_URL), apply the migrations, make the app's login role if it is missing (password from DOORSTEP_APP_PASSWORD, if set) and grant it what the app needs, and nothing that could rewrite the audit trail. Safe to run again.",
    async run(args, io) {
      const { values } = parseArgs({ args, options: { role: { type: "string" } }, strict: true });
      if (!values.role) {
        io.stderr(`db grant-app-role: missing --role\nusage: ${this.usage}\n`);
        return 2;
      }
      const config = loadConfig();
      const ownerUrl = config.DATABASE_OWNER_URL ?? config.DATABASE_URL;
      if (!ownerUrl) {
        io.stderr("db grant-app-role: PostgreSQL only (set DATABASE_OWNER_URL or DATABASE_URL to the owner's connection). PGlite has one built-in user and needs no role.\n");
        return 2;
      }
      const owner = await openDatabase({ databaseUrl: ownerUrl });
      try {
        await runMigrations(owner);
        const client = await owner.pool!.connect();
        try {
          const r = await createAppRole(client, values.role, process.env.DOORSTEP_APP_PASSWORD || undefined);
          const url = new URL(ownerUrl);
          url.username = values.role;
          url.password = "";
          io.stdout(
            `${r.created ? "Created" : "Kept"} the role ${values.role} and granted it the app's privileges; no UPDATE or DELETE on ${r.appendOnly.join(", ")}.\n` +
              `Start the app with DATABASE_URL=${url.toString().replace(`${values.role}@`, `${values.role}:…@`)} and DATABASE_OWNER_URL set to the owner's connection, so each migration re-grants.\n`,
          );
          return 0;
        } finally {
          client.release();
        }
      } finally {
        await owner.close();
      }
    },
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
  setup: {
    usage: "setup --trust NAME --school NAME --policy TEMPLATE --head-name NAME --head-email EMAIL [--urn URN] [--phone PHONE] [--email EMAIL] [--address ADDRESS] [--password PW]",
    summary: "Create this machine's trust, first school and headteacher (once). Without --password, reads it from DOORSTEP_PASSWORD.",
    async run(args, io) {
      const { values } = parseArgs({
        args,
        options: {
          trust: { type: "string" },
          school: { type: "string" },
          policy: { type: "string" },
          "head-name": { type: "string" },
          "head-email": { type: "string" },
          urn: { type: "string" },
          phone: { type: "string" },
          email: { type: "string" },
          address: { type: "string" },
          password: { type: "string" },
        },
        strict: true,
      });
      const missing = (["trust", "school", "policy", "head-name", "head-email"] as const).filter((k) => !values[k]);
      if (missing.length) {
        io.stderr(`setup: missing ${missing.map((m) => `--${m}`).join(", ")}\nusage: ${this.usage}\n`);
        return 2;
      }
      const password = values.password ?? process.env.DOORSTEP_PASSWORD;
      if (!password) {
        io.stderr("setup: give --password or set DOORSTEP_PASSWORD\n");
        return 2;
      }
      return withDatabase(io, async (h) => {
        const r = await createFirstSchool(h.db, {
          trustName: values.trust!,
          schoolName: values.school!,
          policyTemplateId: values.policy!,
          urn: values.urn,
          phone: values.phone,
          email: values.email,
          address: values.address,
          head: { name: values["head-name"]!, email: values["head-email"]!, password },
        });
        io.stdout(`Created ${values.school} (${r.schoolId}) in ${values.trust}; ${values["head-email"]} is its headteacher and can sign in now.\n`);
        return 0;
      });
    },
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
        }, { kind: "operator" });
        io.stdout(`Added ${values.email} (${values.role!.join(", ")}) to ${school.name}: ${id}\n`);
        return 0;
      });
    },
  },
  "import marks": {
    usage: "import marks FILE --school NAME|ID [--format csv|wonde-json]",
    summary: "Import register marks (CSV upn,date,session,code or an MIS layout; or Wonde JSON). All or nothing; the same file twice changes nothing.",
    async run(args, io) {
      const { values, positionals } = parseArgs({ args, options: { school: { type: "string" }, format: { type: "string" } }, allowPositionals: true });
      const file = positionals[0];
      if (!file || !values.school) {
        io.stderr(`import marks: give a FILE and --school\nusage: ${this.usage}\n`);
        return 2;
      }
      const format = (values.format ?? (file.endsWith(".json") ? "wonde-json" : "csv")) as MarkFormat;
      if (format !== "csv" && format !== "wonde-json") {
        io.stderr(`import marks: --format must be csv or wonde-json\n`);
        return 2;
      }
      return withDatabase(io, async (h) => {
        const school = await findSchool(h.db, values.school!);
        const r = await importMarks(h, CLI_ACTOR, { schoolIds: [school.id], trustId: school.trustId }, createReadStream(file), format, {
          fileName: path.basename(file),
          onProgress: (n) => io.stderr(`\r${n.toLocaleString("en-GB")} marks read`),
        });
        io.stderr("\n");
        io.stdout(`${r.rows} marks read: ${r.inserted} new, ${r.changed} corrected, ${r.unchanged} unchanged.\n`);
        return 0;
      });
    },
  },
  "import pupils": {
    usage: "import pupils FILE --school NAME|ID",
    summary: "Import pupils and family contacts from CSV (upn, first_name, last_name, …, contact_name, contact_phone, …).",
    async run(args, io) {
      const { values, positionals } = parseArgs({ args, options: { school: { type: "string" } }, allowPositionals: true });
      if (!positionals[0] || !values.school) {
        io.stderr(`import pupils: give a FILE and --school\nusage: ${this.usage}\n`);
        return 2;
      }
      const text = await io.readFile(positionals[0]);
      return withDatabase(io, async (h) => {
        const school = await findSchool(h.db, values.school!);
        const r = await importPupils(h.db, CLI_ACTOR, school.id, text, londonDate(new Date()));
        io.stdout(`${r.pupils} pupils: ${r.added} added, ${r.changed} changed, ${r.unchanged} unchanged.\n`);
        for (const w of r.warnings) io.stderr(`warning: ${w}\n`);
        return 0;
      });
    },
  },
  "import term-dates": {
    usage: "import term-dates FILE --school NAME|ID",
    summary: "Import holidays, INSET days and closures from CSV (from,to,kind,label).",
    async run(args, io) {
      const { values, positionals } = parseArgs({ args, options: { school: { type: "string" } }, allowPositionals: true });
      if (!positionals[0] || !values.school) {
        io.stderr(`import term-dates: give a FILE and --school\nusage: ${this.usage}\n`);
        return 2;
      }
      const ranges = parseTermDates(await io.readFile(positionals[0]));
      return withDatabase(io, async (h) => {
        const school = await findSchool(h.db, values.school!);
        const r = await saveClosures(h.db, CLI_ACTOR, school.id, ranges, path.basename(positionals[0]!));
        io.stdout(`${r.days} non-school weekdays, ${r.changed} changed.\n`);
        return 0;
      });
    },
  },
  today: {
    usage: "today --school NAME|ID [--date YYYY-MM-DD] [--json]",
    summary: "Print the actions due for a school on a day (default: the latest school day), as the Today page shows them.",
    async run(args, io) {
      const { values } = parseArgs({ args, options: { school: { type: "string" }, date: { type: "string" }, json: { type: "boolean" } } });
      if (!values.school) {
        io.stderr(`today: give --school\nusage: ${this.usage}\n`);
        return 2;
      }
      return withDatabase(io, async (h) => {
        const school = await findSchool(h.db, values.school!);
        const day = values.date ?? (await latestSchoolDay(h.db, school.id, londonDate(new Date())));
        const list = await actionsForDay(h.db, school.id, day);
        if (values.json) {
          io.stdout(JSON.stringify(list, null, 2) + "\n");
          return 0;
        }
        io.stdout(`${school.name}, ${list.day}${list.schoolDay ? "" : " (not a school day)"}: ${list.actionCount} actions (${list.policy.name}, version ${list.policy.version})\n`);
        for (const hh of list.households) {
          io.stdout(`\n${hh.address}\n`);
          for (const p of hh.pupils) for (const a of p.actions) io.stdout(`  ${p.pupil.firstName} ${p.pupil.lastName}: ${a.action} [${a.rule}] ${a.reason}\n`);
        }
        return 0;
      });
    },
  },
  "daily-run": {
    usage: "daily-run [--date YYYY-MM-DD]",
    summary: "Compute and keep every school's list for a day (the server does this each morning by itself).",
    async run(args, io) {
      const { values } = parseArgs({ args, options: { date: { type: "string" } } });
      return withDatabase(io, async (h) => {
        const r = await runDailyLists(h.db, new Date(), values.date ?? londonDate(new Date()));
        io.stdout(`${r.day}: ${r.computed.length} schools computed (${r.computed.reduce((n, c) => n + c.actions, 0)} actions), ${r.skipped} already done.\n`);
        for (const f of r.failed) io.stderr(`school ${f.schoolId}: ${f.error} (not computed; the next run tries again)\n`);
        return r.failed.length ? 1 : 0;
      });
    },
  },
  backup: oneFileCommand("backup", "PGlite: write a consistent copy of the data folder to FILE (a .tar.gz), taken by the server if it is running. PostgreSQL: use pg_dump.", runBackup),
  restore: oneFileCommand("restore", "PGlite: bring a backup back into DATA_DIR, which must be empty or missing (a non-empty folder is refused, exit 2).", runRestore),
  evaluate: {
    usage: "evaluate [--with-statutory] SCENARIO.json",
    summary: "Print today's actions for a scenario (see ../shared/spec/evaluate.md) as JSON; --with-statutory adds the duties the law sets beneath any template (spec/statutory.md).",
    run: (args, io) => runEvaluate(args, io),
  },
  figures: {
    usage: "figures --school NAME|ID --from YYYY-MM-DD --to YYYY-MM-DD [--governors]",
    summary: "Print a school's oversight figures for a range as JSON: the sections of the Figures page, or with --governors those of the governors' report (no child named).",
    async run(args, io) {
      const { values } = parseArgs({ args, options: { school: { type: "string" }, from: { type: "string" }, to: { type: "string" }, governors: { type: "boolean" } } });
      if (!values.school || !values.from || !values.to) {
        io.stderr(`figures: give --school, --from and --to\nusage: ${this.usage}\n`);
        return 2;
      }
      return withDatabase(io, async (h) => {
        const school = await findSchool(h.db, values.school!);
        const today = londonDate(new Date());
        const range = await rangeAsked(h.db, school.id, { from: values.from, to: values.to }, today);
        const { figures: _f, ...out } = await figuresOutput(h.db, school.id, range.from, range.to, values.governors ? "governors" : "school_leaders", today);
        io.stdout(`${JSON.stringify(out, null, 2)}\n`);
        return 0;
      });
    },
  },
  compliance: {
    usage: "compliance SCENARIO.json",
    summary: "Replay the morning lists over a range (see ../shared/spec/compliance.md) and print the episodes and their summary as JSON.",
    run: (args, io) => runCompliance(args, io),
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
