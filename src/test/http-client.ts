/** Talks to a real listening server the way a browser does: cookie jar and CSRF header. */
export class TestClient {
  private cookie = "";
  csrf = "";
  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, opts: { csrf?: boolean; headers?: Record<string, string>; rawBody?: string } = {}) {
    const headers: Record<string, string> = { ...opts.headers };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.cookie) headers.cookie = this.cookie;
    if (opts.csrf !== false && this.csrf && method !== "GET") headers["x-csrf-token"] = this.csrf;
    const res = await fetch(this.baseUrl + path, { method, headers, body: opts.rawBody ?? (body === undefined ? undefined : JSON.stringify(body)) });
    const setCookie = res.headers.getSetCookie();
    for (const c of setCookie) {
      const [pair] = c.split(";");
      if (/^(__Host-)?doorstep_session=/.test(pair!)) this.cookie = pair!.endsWith("=") ? "" : pair!;
    }
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, body: json, text, headers: res.headers, setCookie };
  }

  /** Opens a GET (a server-sent event stream, say), reads the status and hangs up. */
  async peek(path: string) {
    const ctl = new AbortController();
    const res = await fetch(this.baseUrl + path, { headers: this.cookie ? { cookie: this.cookie } : {}, signal: ctl.signal });
    ctl.abort();
    return { status: res.status, text: "", body: undefined as any };
  }

  /** The session cookie and CSRF header, for a request made without this client (a streamed upload). */
  authHeaders(): Record<string, string> {
    return { ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.csrf ? { "x-csrf-token": this.csrf } : {}) };
  }

  async login(email: string, password: string) {
    const r = await this.request("POST", "/api/auth/login", { email, password });
    if (r.status === 200) this.csrf = r.body.csrfToken;
    return r;
  }
}
