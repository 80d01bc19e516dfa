import { startMailCatcher } from "./mail-catcher";

/** Starts the SMTP listener before the server under test; Playwright stops it after the run. */
export default async function globalSetup() {
  const server = await startMailCatcher();
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}
