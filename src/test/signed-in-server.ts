/** A migrated database, a real server, one school and a member of staff per entry, each signed in over HTTP. */
import type { DatabaseHandle } from "../db/client";
import type { Role } from "../domain/people/roles";
import { buildSchool, buildStaff, TEST_PASSWORD } from "./factories";
import { TestClient } from "./http-client";
import { openTestDatabase } from "./test-database";
import { startTestServer, type TestServer } from "./test-server";

export interface SignedInStaff {
  id: string;
  email: string;
  client: TestClient;
}

export interface SignedInServer<K extends string> {
  db: DatabaseHandle;
  server: TestServer;
  schoolId: string;
  staff: Record<K, SignedInStaff>;
  close(): Promise<void>;
}

/** `signedInServer({ head: ["headteacher"], grace: ["visitor"] })`: `staff.grace.client` is Grace, signed in. */
export async function signedInServer<K extends string>(people: Record<K, Role[]>, env: Record<string, string> = {}): Promise<SignedInServer<K>> {
  const db = await openTestDatabase();
  const server = await startTestServer(db, { LOGIN_RATE_PER_MINUTE: "1000", ...env });
  const schoolId = (await buildSchool(db)).id;
  const staff = {} as Record<K, SignedInStaff>;
  for (const name of Object.keys(people) as K[]) {
    const { id, email } = await buildStaff(db, schoolId, people[name]);
    const client = new TestClient(server.url);
    const login = await client.login(email, TEST_PASSWORD);
    if (login.status !== 200) throw new Error(`${name} could not sign in: ${login.text}`);
    staff[name] = { id, email, client };
  }
  return {
    db,
    server,
    schoolId,
    staff,
    close: async () => {
      await server.close();
      await db.close();
    },
  };
}
