/** A real SMTP listener on loopback for tests: what Doorstep sends is what a mail server gets. */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  rcptTo: string[];
  raw: string;
}

/** On `port` when given: a test stops the mail server and starts it again at the same address. */
export async function startSmtpListener(port = 0) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  return { received, port: bound, url: `smtp://127.0.0.1:${bound}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
