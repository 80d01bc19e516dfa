/**
 * The school's mail server, as far as Doorstep can tell: an SMTP listener on
 * loopback that keeps every message it is given, and that the bench can stop
 * (connections then refused) and start again on the same port.
 */
import { SMTPServer } from "smtp-server";

export interface Received {
  at: number;
  /** Subject and body: the same alert email sent twice has the same key (headers such as Date differ). */
  key: string;
}

export class SmtpSink {
  readonly received: Received[] = [];
  private server: SMTPServer | null = null;
  readonly downs: { from: number; to: number | null }[] = [];

  constructor(readonly port: number) {}

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData: (stream, _session, done) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          const split = raw.indexOf("\r\n\r\n");
          const headers = raw.slice(0, split);
          const subject = /^Subject: (.*(?:\r\n[ \t].*)*)/im.exec(headers)?.[1] ?? "";
          this.received.push({ at: Date.now(), key: `${subject}\n${raw.slice(split + 4)}` });
          done();
        });
      },
    });
    server.on("error", () => {});
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    const open = this.downs.at(-1);
    if (open && open.to === null) open.to = Date.now();
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    this.downs.push({ from: Date.now(), to: null });
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
