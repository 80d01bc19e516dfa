import { defineConfig, devices } from "@playwright/test";
import { FAKE_NOTIFY, FAKE_NOTIFY_COMMAND, NOTIFY_ENV } from "./e2e/fake-notify";

const PORT = Number(process.env.E2E_PORT ?? 3210);
/** The loopback OpenID provider e2e/sign-on.spec.ts starts, standing in for Entra ID (between the 10s the other ports keep to). */
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? PORT + 85);
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// Debian's Chromium, never a browser downloaded by the test tool.
export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: process.env.CI ? "list" : "list",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
    trace: "off",
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } },
    { name: "phone", use: { ...devices["Pixel 7"], channel: undefined }, grep: /@phone/ },
  ],
  webServer: [
    {
      // The loopback stand-in for GOV.UK Notify (e2e/fake-notify.ts), started first: the server reads received texts from it as soon as it is up.
      command: FAKE_NOTIFY_COMMAND,
      url: `http://127.0.0.1:${FAKE_NOTIFY.controlPort}/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // The server as `npm start` runs it: compiled JavaScript (built here too, for a bare `npx playwright test`).
      command: `rm -rf .tmp/e2e-data-${PORT} && npm run --silent build:server && DATA_DIR=.tmp/e2e-data-${PORT} PORT=${PORT} HOST=127.0.0.1 LOG_LEVEL=warn LOGIN_RATE_PER_MINUTE=1000 WONDE_TOKEN_KEY=ZG9vcnN0ZXAtZTJlLW9ubHktd29uZGUta2V5LTMyYiE= SSO_ISSUER_OVERRIDE=http://127.0.0.1:${OIDC_PORT} SMTP_URL=smtp://127.0.0.1:${process.env.E2E_MAIL_PORT ?? 2526} ${NOTIFY_ENV} node --enable-source-maps dist/server/main.js`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
