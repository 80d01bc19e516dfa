/**
 * `npm start`: open (or create) the database, migrate, seed the demo trust on a
 * first start, and serve the API and the web app on one port.
 */
import { loadConfig, ConfigError } from "./config";
import { appendOnlyGuardOf, MigrationsNeedOwner, openDatabase, runMigrations } from "./db/client";
import { DataDirLocked } from "./db/data-dir-lock";
import { newBackupKey, openBackupDoor } from "./db/backup-door";
import { buildServer } from "./http/server";
import { seedDemo } from "./app/demo/seed-demo";
import { DEMO_PASSWORD, DEMO_STAFF } from "./app/demo/demo-people";
import { schools, wondeFeeds } from "./db/schema";
import { londonDate } from "./app/clock";
import { issueSetupCode } from "./app/setup/first-run";
import { createMailer } from "./app/notify/mailer";
import { TEXTS_NOT_CONFIGURED } from "./app/notify/family-texts";
import { scheduleDailyLists } from "./jobs/daily-lists";
import { scheduleWondeSyncs } from "./jobs/wonde-syncs";
import { startSafetySweeper, type SweepReport } from "./jobs/safety-sweeper";

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, ownerUrl: config.DATABASE_OWNER_URL, dataDir: config.DATA_DIR });
  await runMigrations(database);
  const appendOnly = await appendOnlyGuardOf(database);
  // A school's Wonde token cannot be read without the key it was sealed with: refuse to start rather than fail every sync.
  const [feed] = await database.db.select({ id: wondeFeeds.schoolId }).from(wondeFeeds).limit(1);
  if (feed && !config.WONDE_TOKEN_KEY) throw new ConfigError(["WONDE_TOKEN_KEY: a school has a Wonde feed, and its token is sealed with this key; set it (the key the token was stored with)"]);
  let seeded = false;
  if (config.SEED_DEMO) {
    const existing = await database.db.select({ id: schools.id }).from(schools).limit(1);
    if (existing.length === 0) seeded = (await seedDemo(database, londonDate(new Date()))).created;
  }
  // Until a real school exists, the /setup page takes the code printed below.
  const setupCode = await issueSetupCode(database.db);
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM });
  // Deadlines that passed while the server was down fire before anything else is
  // set up: the sweeper starts on the bare database. The alerts' emails and pushes
  // are queued with them, and sent once the server (its logger, its push keys)
  // is ready.
  let app: Awaited<ReturnType<typeof buildServer>> | undefined = undefined;
  const early: SweepReport[] = [];
  const announce = (r: SweepReport) => {
    if (!app) return void early.push(r);
    app.log.info({ fired: r.fired.length, escalated: r.escalated.length }, "safety sweep");
    // The alerts' emails and pushes were queued with them (the outbox); send them now.
    app.deps.kickAlertDelivery?.();
  };
  const stopSweeper = startSafetySweeper(database.sweeperDb, () => new Date(), announce, {
    error: (o, m) => (app ? app.log.error(o, m) : process.stderr.write(`${m}: ${JSON.stringify(o)}\n`)),
  });
  // The request connections open and warm while the server is built: the phones'
  // replays after a restart meet connections ready for them.
  const backupKey = database.kind === "pglite" ? newBackupKey() : undefined;
  [app] = await Promise.all([buildServer({ config, database, mailer, now: () => new Date(), ...(backupKey ? { backupKey } : {}) }), database.warm()]);
  for (const r of early.splice(0)) announce(r);
  const pushDescription = `Web Push is on, signed with the VAPID key ${app.deps.vapid!.source === "env" ? "from VAPID_PUBLIC_KEY" : "kept in the database"}`;
  if (appendOnly === "triggers_only") app.log.warn({ appendOnly }, TRIGGERS_ONLY_WARNING);
  app.log.info({ email: mailer.description, push: pushDescription, sms: app.deps.texts?.description ?? TEXTS_NOT_CONFIGURED }, "notifications");
  const stopDaily = scheduleDailyLists(database.db, () => new Date(), app.log);
  const stopWonde = app.deps.wondeBox ? scheduleWondeSyncs(database, app.deps.wondeBox, () => new Date(), app.log) : () => {};
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, "shutting down");
    stopDaily();
    stopWonde();
    stopSweeper();
    await app!.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const url = address.replace("127.0.0.1", "localhost");
  // `doorstep backup` finds this server through its data folder (README: Backups).
  if (backupKey) openBackupDoor(config.DATA_DIR, address, backupKey);
  const where =
    database.kind === "pglite" ? `PGlite in ${config.DATA_DIR}` : appendOnly === "app_role" ? "PostgreSQL (DATABASE_URL, a role that owns nothing; migrations as DATABASE_OWNER_URL)" : "PostgreSQL (DATABASE_URL)";
  const lines = [``, `Doorstep is running at ${url}`, `  database: ${where}`, `  API docs: ${url}/api/docs`, `  email: ${mailer.description}`, `  push: ${pushDescription}`, `  texts: ${app.deps.texts?.description ?? TEXTS_NOT_CONFIGURED}`];
  if (appendOnly === "triggers_only") lines.push(`  WARNING: ${TRIGGERS_ONLY_WARNING}`);
  if (setupCode) {
    lines.push(`  first run: open ${url}/setup and give the code ${setupCode}`);
    lines.push(`    (or run: npm run doorstep -- setup --trust … --school … --policy … --head-name … --head-email …)`);
  }
  if (config.SEED_DEMO) {
    lines.push(seeded ? `  demo trust loaded.` : `  demo data: kept from the last start.`);
    lines.push(`  demo logins (password "${DEMO_PASSWORD}"):`);
    for (const s of DEMO_STAFF) lines.push(`    ${s.roles.join(", ").padEnd(18)} ${s.email}`);
  }
  process.stdout.write(lines.join("\n") + "\n\n");
}

/** Said at every start while the app connects to PostgreSQL as the owner (README: Running on PostgreSQL). */
const TRIGGERS_ONLY_WARNING =
  "the app connects to PostgreSQL as a role that owns the tables (or a superuser): the audit trail, visit reports and concern notes are append-only only by triggers this role could switch off. " +
  "Run the app as a role that owns nothing: DATABASE_URL for it, DATABASE_OWNER_URL for the owner (npm run doorstep -- db grant-app-role --role doorstep_app).";

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof DataDirLocked || e instanceof MigrationsNeedOwner) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Doorstep failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
