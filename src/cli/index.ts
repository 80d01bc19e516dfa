/**
 * `npm run doorstep -- <command>`: the command-line door. Commands that touch
 * the database open it the same way the server does (and refuse a PGlite folder
 * the running server holds).
 */
import { readFile } from "node:fs/promises";
import { commands, type CliIo } from "./commands";

const io: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readFile: (p) => readFile(p, "utf8"),
};

const [name, ...args] = process.argv.slice(2);
const code = await commands.run(name, args, io);
process.exitCode = code;
