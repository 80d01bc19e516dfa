/**
 * fast-check arbitraries from the JSON schema Fastify publishes for a route
 * (GET /api/docs/json, made from the route's zod schema), for the write-route
 * property test (issue 14). Two kinds of value:
 *
 * - `validValue`: what the schema accepts, with ids as `IdRef`s that the test
 *   resolves at send time to a real row (a pupil, a visit…) of the school, so a
 *   valid body can reach the use case and not stop at "not found";
 * - `mutatedValue`: a valid value with one part broken the way real input breaks
 *   (a wrong type, a field missing, a huge string, a NUL, odd unicode, a negative
 *   number, a date out of range, an unknown id, another school's id).
 *
 * Only the subset of JSON schema zod 4 produces for these routes is handled; an
 * unknown keyword falls back to "any JSON value", never to an exception.
 */
import fc from "fast-check";

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  anyOf?: JsonSchema[];
}

/** Which rows an id names; "fresh" is a new id the client makes (a field step's id). */
export type IdKind = "pupil" | "visit" | "staff" | "notification" | "training" | "alert" | "concern" | "referral" | "agreement" | "incident" | "school" | "fresh";

/** An id to be filled in when the request is sent: the `n`th row of its kind, of this school or of another. */
export class IdRef {
  constructor(
    readonly kind: IdKind,
    readonly n: number,
    readonly school: "own" | "other" | "none",
    /** Where an id belongs; false when it stands in for other text (a title that happens to be an id). */
    readonly inIdField = true,
  ) {}
  toJSON() {
    return `<${this.school} ${this.kind} #${this.n}>`;
  }
}

const KIND_BY_NAME: Record<string, IdKind> = {
  pupilId: "pupil",
  pupilIds: "pupil",
  visitId: "visit",
  visitIds: "visit",
  userId: "staff",
  userIds: "staff",
  notificationId: "notification",
  trainingId: "training",
  alertId: "alert",
  concernId: "concern",
  referralId: "referral",
  agreementId: "agreement",
  incidentId: "incident",
  schoolId: "school",
};

export function idKindFor(name: string): IdKind {
  return KIND_BY_NAME[name] ?? "fresh";
}

export interface SchemaContext {
  /** The server's today (London), around which dates are made. */
  today: string;
}

const DAY_MS = 86_400_000;

function dateArb(ctx: SchemaContext): fc.Arbitrary<string> {
  const t = Date.parse(`${ctx.today}T12:00:00Z`);
  // Mostly near today, where the rules have something to say; sometimes a year or more away.
  return fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -60, max: 60 }) }, { weight: 1, arbitrary: fc.integer({ min: -800, max: 800 }) }).map((d) => new Date(t + d * DAY_MS).toISOString().slice(0, 10));
}

function dateTimeArb(ctx: SchemaContext): fc.Arbitrary<string> {
  const t = Date.parse(`${ctx.today}T12:00:00Z`);
  return fc.integer({ min: -3 * 24 * 60, max: 7 * 24 * 60 }).map((m) => new Date(t + m * 60_000).toISOString());
}

const WORDS = ["Ada", "Łucja", "Ó Ceallaigh", "visit", "no answer", "door", "mum", "note", "Zoë", "O'Brien", "Nguyễn", "school", "late"];

function textArb(min: number, max: number): fc.Arbitrary<string> {
  const cap = Math.min(max, min + 60);
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((w) => w.join(" ")) },
      { weight: 1, arbitrary: fc.string({ minLength: min, maxLength: cap }) },
      { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: min, maxLength: cap }) },
    )
    .map((s) => (s.length < min ? s.padEnd(min, "x") : s.slice(0, max)));
}

function stringArb(name: string, s: JsonSchema, ctx: SchemaContext): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.format ?? "") {
    case "uuid":
      // Mostly one of the newest few rows (what the run just made), sometimes any, sometimes an id nobody has.
      return fc.tuple(fc.oneof({ weight: 3, arbitrary: fc.nat({ max: 2 }) }, { weight: 1, arbitrary: fc.nat({ max: 50 }) }), fc.constantFrom<"own" | "own" | "own" | "none">("own", "own", "own", "none")).map(([n, school]) => new IdRef(idKindFor(name), n, idKindFor(name) === "fresh" ? "none" : school));
    case "date":
      return dateArb(ctx);
    case "date-time":
      return dateTimeArb(ctx);
    case "email":
      return fc.nat({ max: 10_000 }).map((n) => `fuzz.${n}@example.org`);
    case "uri":
      return fc.nat({ max: 10_000 }).map((n) => `https://push.example.invalid/sub/${n}`);
    default:
      break;
  }
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 500;
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= min && v.length <= max);
  return textArb(min, max);
}

function typesOf(s: JsonSchema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties) return ["object"];
  return [];
}

export function validValue(s: JsonSchema, ctx: SchemaContext, name = "body"): fc.Arbitrary<unknown> {
  if (s.anyOf?.length) return fc.oneof(...s.anyOf.map((x) => validValue(x, ctx, name)));
  const types = typesOf(s).filter((t) => t !== "null");
  const nullable = s.nullable === true || typesOf(s).includes("null");
  const inner = types.length === 0 ? (fc.jsonValue() as fc.Arbitrary<unknown>) : fc.oneof(...types.map((t) => valueOfType(t, s, ctx, name)));
  return nullable ? fc.oneof({ weight: 4, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) }) : inner;
}

function valueOfType(type: string, s: JsonSchema, ctx: SchemaContext, name: string): fc.Arbitrary<unknown> {
  switch (type) {
    case "string":
      return stringArb(name, s, ctx);
    case "integer":
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1000 });
    case "number":
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(validValue(s.items ?? {}, ctx, name), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 5, (s.minItems ?? 0) + 5) });
    case "object": {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) shape[k] = validValue(v, ctx, k);
      return fc.record(shape, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
    }
    default:
      return fc.jsonValue();
  }
}

/** Values that break one part of an input. */
export function badValue(ctx: SchemaContext): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>(null, true, false, 0, -1, -2147483649, 1.5, 1e308, -1e308, "", [], {}, [null], { "": 1 }),
    fc.constantFrom("x".repeat(100_000), "é".repeat(300_000), "a\u0000b", "\u0000", "\uD800", "\uDC00x", "\u202Eevil", "\u2028\u2029", "🧒🏽".repeat(500), "e\u0301\u0301\u0301", "<script>alert(1)</script>", "'; drop table pupils; --", "%00", "../../etc/passwd"),
    fc.constantFrom("0000-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "+275760-09-13", "1969-12-31T23:59:60Z", "2026-11-18T25:00:00Z", "-000001-01-01", `${ctx.today}T00:00:00+99:00`),
    fc.constantFrom("00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "not-a-uuid", "123e4567-e89b-12d3-a456-4266141740000"),
    fc.uuid({ version: 4 }),
    fc.tuple(fc.constantFrom<IdKind>("pupil", "visit", "staff", "concern", "agreement", "referral", "incident", "alert", "school"), fc.nat({ max: 5 })).map(([k, n]) => new IdRef(k, n, "other")),
    fc.integer({ min: -1_000_000_000, max: -1 }),
    fc.jsonValue({ maxDepth: 2 }),
  );
}

type Path = (string | number)[];

function pathsOf(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (v && typeof v === "object" && !(v instanceof IdRef)) for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}

function valueAt(v: unknown, path: Path): unknown {
  return path.reduce<unknown>((x, k) => (x as Record<string | number, unknown> | undefined)?.[k], v);
}

type Mutation = { op: "replace"; value: unknown } | { op: "drop" } | { op: "extra"; key: string; value: unknown };

function applyAt(v: unknown, path: Path, m: Mutation): unknown {
  if (path.length === 0) {
    if (m.op === "replace") return m.value;
    if (m.op === "extra" && v && typeof v === "object" && !Array.isArray(v) && !(v instanceof IdRef)) return { ...v, [m.key]: m.value };
    return m.op === "drop" ? undefined : v;
  }
  const [head, ...rest] = path;
  if (Array.isArray(v)) {
    const copy = [...v];
    const next = applyAt(copy[head as number], rest, m);
    if (next === undefined && rest.length === 0) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  const obj = { ...(v as Record<string, unknown>) };
  const next = applyAt(obj[head as string], rest, m);
  if (next === undefined && rest.length === 0) delete obj[head as string];
  else obj[head as string] = next;
  return obj;
}

/**
 * A valid value with one part (picked at random, the whole included) replaced, dropped, or
 * given an unknown key; `at` is that part's dotted path ("" for the whole value).
 */
export function mutatedValue(s: JsonSchema, ctx: SchemaContext): fc.Arbitrary<{ value: unknown; at: string }> {
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 5, arbitrary: badValue(ctx).map((value) => ({ op: "replace" as const, value })) },
    { weight: 2, arbitrary: fc.constant({ op: "drop" as const }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("__proto__", "constructor", "schoolId", "id", "x\u0000", "é"), badValue(ctx)).map(([key, value]) => ({ op: "extra" as const, key, value })) },
  );
  return fc.tuple(validValue(s, ctx), fc.nat(), mutation).map(([v, i, mut]) => {
    const path = pathsOf(v)[i % pathsOf(v).length]!;
    // An id put where no id belongs (a title, an unknown key) is text to the route, not a reference.
    let m = mut;
    if (mut.op !== "drop" && mut.value instanceof IdRef && (mut.op === "extra" || !(valueAt(v, path) instanceof IdRef))) m = { ...mut, value: new IdRef(mut.value.kind, mut.value.n, mut.value.school, false) };
    return { value: applyAt(v, path, m), at: path.join(".") };
  });
}
