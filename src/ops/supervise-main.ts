/** `npm start`'s entry: the compiled server under the restarter (src/ops/supervise.ts). */
import { fileURLToPath } from "node:url";
import { supervise } from "./supervise";

const server = fileURLToPath(new URL("./main.js", import.meta.url));
const supervisor = supervise({ command: process.execPath, args: ["--enable-source-maps", server] });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void supervisor.stop(signal));
void supervisor.done.then((code) => process.exit(code));
