/** `npm run fake-wonde`: the loopback stand-in for Wonde, to connect a school to by hand (README: Wonde feed). */
import { FakeWonde } from "./fake-wonde";

const fake = await new FakeWonde().start();
process.stdout.write(
  [`Fake Wonde (a stand-in for tests; not Wonde) at ${fake.url}`, `  Wonde school id: ${fake.schoolId}`, `  token: ${fake.token}`, `Give these on Doorstep's Imports page. Ctrl-C to stop.`, ""].join("\n"),
);
process.once("SIGINT", () => void fake.stop().then(() => process.exit(0)));
