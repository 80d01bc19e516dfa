/**
 * A real SMTP listener for the browser tests, on a fixed loopback port the
 * server under test is configured with. Each message it receives is written to
 * .tmp/e2e-mail-<port> as JSON (recipients and raw text), so tests can read the inbox.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

export const MAIL_PORT = Number(process.env.E2E_MAIL_PORT ?? 2526);
export const MAIL_DIR = path.resolve(import.meta.dirname, `../.tmp/e2e-mail-${MAIL_PORT}`);

export function startMailCatcher(): Promise<SMTPServer> {
  rmSync(MAIL_DIR, { recursive: true, force: true });
  mkdirSync(MAIL_DIR, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        writeFileSync(path.join(MAIL_DIR, `${Date.now()}-${n++}.json`), JSON.stringify({ rcptTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") }));
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(MAIL_PORT, "127.0.0.1", () => resolve(server));
  });
}

export interface CaughtMail {
  rcptTo: string[];
  raw: string;
}

export function inbox(): CaughtMail[] {
  return readdirSync(MAIL_DIR)
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(MAIL_DIR, f), "utf8")) as CaughtMail);
}
