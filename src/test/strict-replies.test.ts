import { describe, expect, it } from "vitest";
import Fastify from "fastify";
import { z } from "zod";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppInstance } from "../http/server";
import { holdRepliesToSchemas } from "./strict-replies";

async function serverAnswering(payload: unknown) {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.get("/api/thing", { schema: { response: { 200: z.object({ name: z.string() }) } } }, async () => payload as { name: string });
  const replies = holdRepliesToSchemas(app as unknown as AppInstance);
  const res = await app.inject({ method: "GET", url: "/api/thing" });
  await app.close();
  return { res, replies };
}

describe("strict replies", () => {
  it("a reply inside its schema passes", async () => {
    const { res, replies } = await serverAnswering({ name: "Zoë" });
    expect(res.statusCode).toBe(200);
    expect(replies.outside).toEqual([]);
    expect([...replies.seen]).toEqual(["GET /api/thing"]);
  });

  it("a field the schema leaves out is recorded, though Fastify drops it and answers 200", async () => {
    const { res, replies } = await serverAnswering({ name: "Zoë", secret: "x" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name: "Zoë" });
    expect(replies.outside).toHaveLength(1);
    expect(replies.outside[0]!.problem).toMatch(/does not name/);
  });

  it("a field of the wrong type is recorded", async () => {
    const { replies } = await serverAnswering({ name: 7 });
    expect(replies.outside).toHaveLength(1);
  });
});
