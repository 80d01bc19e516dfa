/**
 * A small typed client for Wonde's REST API (no npm client exists): the
 * school's token as a bearer token, cursor paging, retries with backoff and
 * jitter for 429 and 5xx, every record checked against its schema.
 *
 * The token goes with every request, so a `next` link is followed only to the
 * host we started on; `more: true` without a `next` is a broken page, not the end.
 */
import type { z } from "zod";
import { PageEnvelope, quickSessionMark, WondeAttendanceCode, WondeDeletion, WondeSchool, WondeSessionMark, WondeStudent } from "./shapes";

export const WONDE_BASE_URL = "https://api.wonde.com/v1.0/";

export type WondeFailure =
  /** 401/403: the school revoked or never approved Doorstep's access. */
  | "access_revoked"
  /** Wonde kept answering 429/5xx, or could not be reached. */
  | "unavailable"
  /** A record or page not of Wonde's documented shape. */
  | "malformed"
  | "not_found";

export class WondeError extends Error {
  constructor(
    readonly failure: WondeFailure,
    message: string,
    /** The record field at fault, for a malformed record ("students[3].education_details.data.upn"). */
    readonly field?: string,
  ) {
    super(message);
    this.name = "WondeError";
  }
}

export interface WondeClientOptions {
  baseUrl?: string;
  token: string;
  fetch?: typeof fetch;
  /** Tries for one request before giving up (the first included). */
  attempts?: number;
  /** First backoff; doubled each try, with up to half again of jitter. */
  backoffMs?: number;
  maxBackoffMs?: number;
  perPage?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Since {
  /** Only records updated after this instant (Wonde's `updated_after`). */
  updatedAfter?: Date | null;
}

/** Wonde's `updated_after` takes `YYYY-MM-DD HH:MM:SS` (UTC). */
export function wondeTimestamp(d: Date): string {
  return d.toISOString().slice(0, 19).replace("T", " ");
}

export class WondeClient {
  private readonly base: URL;
  private readonly doFetch: typeof fetch;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly perPage: number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Requests made, for progress and tests. */
  requests = 0;

  constructor(private readonly opts: WondeClientOptions) {
    this.base = new URL(opts.baseUrl ?? WONDE_BASE_URL);
    if (!this.base.pathname.endsWith("/")) this.base.pathname += "/";
    this.doFetch = opts.fetch ?? fetch;
    this.attempts = opts.attempts ?? 5;
    this.backoffMs = opts.backoffMs ?? 500;
    this.maxBackoffMs = opts.maxBackoffMs ?? 30_000;
    this.perPage = opts.perPage ?? 200;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Checks the token reaches this school (Wonde answers 401/403 when it does not). */
  async school(schoolId: string): Promise<z.infer<typeof WondeSchool>> {
    const body = await this.getJson(this.url(`schools/${encodeURIComponent(schoolId)}`));
    const parsed = WondeSchool.safeParse((body as { data?: unknown } | null)?.data);
    if (!parsed.success) throw malformed("school", parsed.error);
    return parsed.data;
  }

  students(schoolId: string, since: Since = {}): Promise<WondeStudent[]> {
    return this.all(`schools/${encodeURIComponent(schoolId)}/students`, { include: "education_details,extended_details,classes,contacts,contacts.contact_details", ...updated(since) }, WondeStudent, "students");
  }

  /** Pupils who have left (Wonde's leavers list), with their leaving date. */
  leavers(schoolId: string, since: Since = {}): Promise<WondeStudent[]> {
    return this.all(`schools/${encodeURIComponent(schoolId)}/students-leaver`, { include: "education_details", ...updated(since) }, WondeStudent, "leavers");
  }

  attendanceCodes(schoolId: string): Promise<WondeAttendanceCode[]> {
    return this.all(`schools/${encodeURIComponent(schoolId)}/attendance-codes`, {}, WondeAttendanceCode, "attendance-codes");
  }

  sessionMarks(schoolId: string, since: Since = {}): Promise<WondeSessionMark[]> {
    return this.all(`schools/${encodeURIComponent(schoolId)}/attendance/session`, { ...updated(since) }, WondeSessionMark, "attendance");
  }

  /** The session marks a page at a time (a school's year is hundreds of thousands): resolves to how many were read. */
  eachSessionMarkPage(schoolId: string, since: Since, onPage: (marks: WondeSessionMark[], offset: number) => void | Promise<void>): Promise<number> {
    return this.eachPage(`schools/${encodeURIComponent(schoolId)}/attendance/session`, { ...updated(since) }, WondeSessionMark, "attendance", onPage, quickSessionMark);
  }

  deletions(schoolId: string, since: Since = {}): Promise<WondeDeletion[]> {
    return this.all(`schools/${encodeURIComponent(schoolId)}/deletions`, { type: "student", ...updated(since) }, WondeDeletion, "deletions");
  }

  private url(path: string, params: Record<string, string> = {}): URL {
    const u = new URL(path, this.base);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    return u;
  }

  /**
   * Every page of a list, each page's records checked and handed to `onPage` (with the
   * position of its first record in the whole list) before the next is handed on: a long
   * list (a school's year of marks) is never held whole. The next page is asked for as
   * soon as this one's `next` link is read, so waiting for it overlaps checking this one.
   * `quick` may accept a record of the common shape without zod (it must accept only what
   * the schema accepts); anything it does not accept is checked by the schema.
   */
  async eachPage<S extends z.ZodType>(
    path: string,
    params: Record<string, string>,
    schema: S,
    name: string,
    onPage: (records: z.infer<S>[], offset: number) => void | Promise<void>,
    quick?: (record: unknown) => z.infer<S> | null,
  ): Promise<number> {
    let offset = 0;
    let url: URL = this.url(path, { ...params, cursor: "true", per_page: String(this.perPage) });
    const seen = new Set<string>();
    // A page asked for ahead is given up when this list is refused.
    const ahead = new AbortController();
    let body: Promise<unknown> = this.getJson(url);
    try {
    for (;;) {
      seen.add(url.href);
      const page = PageEnvelope.safeParse(await body);
      if (!page.success) throw malformed(name, page.error);
      // The next link is judged now (and asked for, if sound), its fault raised after this page's records are checked.
      const p = page.data.meta?.pagination;
      let next: URL | null = null;
      let fault: WondeError | null = null;
      if (p?.more) {
        if (!p.next) fault = new WondeError("malformed", `Wonde said there were more ${name} but gave no next page`, `${name}.meta.pagination.next`);
        else {
          next = new URL(p.next, url);
          // The token goes with the request: never to another host.
          if (next.origin !== this.base.origin) fault = new WondeError("malformed", `Wonde's next page for ${name} points at another host (${next.host}); not followed`, `${name}.meta.pagination.next`);
          else if (seen.has(next.href)) fault = new WondeError("malformed", `Wonde's next page for ${name} is a page already read`, `${name}.meta.pagination.next`);
        }
      }
      if (next && !fault) {
        body = this.getJson(next, ahead.signal);
        // Awaited on the next turn; a failure while this page is checked must not go unhandled meanwhile.
        body.catch(() => {});
      }
      const records = page.data.data;
      const out: z.infer<S>[] = new Array(records.length);
      for (let i = 0; i < records.length; i++) {
        const record = records[i];
        const fast = quick?.(record);
        if (fast) {
          out[i] = fast;
          continue;
        }
        const r = schema.safeParse(record);
        if (!r.success) throw malformed(`${name}[${offset + i}]`, r.error, record);
        out[i] = r.data;
      }
      await onPage(out, offset);
      offset += out.length;
      if (fault) throw fault;
      if (!next) return offset;
      url = next;
    }
    } catch (e) {
      ahead.abort();
      throw e;
    }
  }

  /** A short list whole (pupils, codes, deletions), on the same paging. */
  private async all<S extends z.ZodType>(path: string, params: Record<string, string>, schema: S, name: string): Promise<z.infer<S>[]> {
    const out: z.infer<S>[] = [];
    await this.eachPage(path, params, schema, name, (records) => {
      for (const r of records) out.push(r);
    });
    return out;
  }

  private async getJson(url: URL, given?: AbortSignal): Promise<unknown> {
    let last = "";
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      let res: Response;
      try {
        this.requests++;
        const timeout = AbortSignal.timeout(30_000);
        res = await this.doFetch(url, { headers: { authorization: `Bearer ${this.opts.token}`, accept: "application/json" }, signal: given ? AbortSignal.any([given, timeout]) : timeout });
      } catch (e) {
        if (given?.aborted) throw e;
        last = `could not reach Wonde (${(e as Error).message})`;
        await this.backoff(attempt, null);
        continue;
      }
      if (res.status === 401 || res.status === 403) {
        await res.body?.cancel();
        throw new WondeError("access_revoked", `Wonde refused the school's token (HTTP ${res.status}): access was revoked or not approved`);
      }
      if (res.status === 404) {
        await res.body?.cancel();
        throw new WondeError("not_found", `Wonde has no ${url.pathname} (HTTP 404): check the Wonde school id`);
      }
      if (res.status === 429 || res.status >= 500) {
        await res.body?.cancel();
        last = `Wonde answered HTTP ${res.status}`;
        await this.backoff(attempt, res.headers.get("retry-after"));
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new WondeError("malformed", `Wonde answered HTTP ${res.status} to ${url.pathname}`);
      }
      try {
        return await res.json();
      } catch {
        throw new WondeError("malformed", `Wonde's answer to ${url.pathname} was not JSON`);
      }
    }
    throw new WondeError("unavailable", `${last} ${this.attempts} times; the next sync tries again`);
  }

  private async backoff(attempt: number, retryAfter: string | null): Promise<void> {
    if (attempt >= this.attempts) return;
    const told = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : null;
    const base = Math.min(this.backoffMs * 2 ** (attempt - 1), this.maxBackoffMs);
    await this.sleep(Math.min(told ?? base + Math.random() * base * 0.5, this.maxBackoffMs));
  }
}

function updated(since: Since): Record<string, string> {
  return since.updatedAfter ? { updated_after: wondeTimestamp(since.updatedAfter) } : {};
}

function malformed(where: string, error: z.ZodError, record?: unknown): WondeError {
  const issue = error.issues[0]!;
  const field = [where, ...issue.path.map(String)].join(".");
  const id = (record as { id?: unknown } | undefined)?.id;
  return new WondeError("malformed", `Wonde sent a record Doorstep cannot use: ${field} ${issue.message}${typeof id === "string" ? ` (record ${id.slice(0, 40)})` : ""}; nothing was saved`, field);
}
