/**
 * A real OpenID Provider on loopback (the `oidc-provider` package, certified by the OpenID
 * Foundation), standing in for Microsoft Entra ID and Google Workspace in tests. It speaks
 * the same protocol: discovery, authorization code with PKCE, signed ID tokens, `iss` in
 * the authorization response. The test says who signs in next (`signInNext`) and with which
 * claims (`tid` for Microsoft, `hd` for Google, `email`, `email_verified`) and `amr`; the
 * login and consent screens are skipped, as a school's administrator consents for the app.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { generateKeyPairSync } from "node:crypto";
import type { AddressInfo } from "node:net";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

export interface IdpAccount {
  sub: string;
  email: string;
  email_verified?: boolean;
  tid?: string;
  hd?: string;
  name?: string;
  /** How the person authenticated at the provider: ["pwd"] or ["pwd", "mfa"]. */
  amr?: string[];
}

export interface TestClientRegistration {
  clientId: string;
  clientSecret: string;
}

export interface OidcTestProvider {
  issuer: string;
  /** The account the next login at the provider is. */
  signInNext(account: IdpAccount): void;
  /** Seconds an authorization code lives (60 by default): a test of an expired code shortens it. */
  codeTtlSeconds: number;
  register(client: TestClientRegistration, redirectUri: string): void;
  close(): Promise<void>;
}

/** Listens first (so the issuer URL is known before the Doorstep server starts); clients are registered once it has. */
export async function startOidcTestProvider(port = 0): Promise<OidcTestProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server: Server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, IdpAccount>();
  let next: IdpAccount | undefined;
  const clients: { client_id: string; client_secret: string; redirect_uris: string[]; token_endpoint_auth_method: "client_secret_post" }[] = [];
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });

  const state: OidcTestProvider = {
    issuer,
    codeTtlSeconds: 60,
    signInNext(account) {
      accounts.set(account.sub, account);
      next = account;
    },
    register(client, redirectUri) {
      clients.push({ client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: [redirectUri], token_endpoint_auth_method: "client_secret_post" });
      build();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  function build() {
    const provider = new Provider(issuer, {
      clients,
      jwks: { keys: [{ ...signingKey, kid: "test-signing", use: "sig", alg: "RS256" } as never] },
      cookies: { keys: ["loopback-test-provider-cookie-key"] },
      claims: { openid: ["sub", "tid", "hd", "amr"], email: ["email", "email_verified"], profile: ["name"] },
      // The ID token carries the scope's claims, as Entra's and Google's do.
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: false } },
      ttl: { AuthorizationCode: () => state.codeTtlSeconds, Grant: 600, Session: 600, Interaction: 600, AccessToken: 600, IdToken: 600 },
      async findAccount(_ctx: KoaContextWithOIDC, sub: string) {
        const a = accounts.get(sub);
        if (!a) return undefined;
        const { amr: _amr, ...claims } = a;
        return { accountId: sub, claims: async () => claims };
      },
      // The school's administrator consented for the app: no consent screen.
      async loadExistingGrant(ctx: KoaContextWithOIDC) {
        const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
        if (grantId) return ctx.oidc.provider.Grant.find(grantId);
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
        grant.addOIDCScope("openid email profile");
        await grant.save();
        return grant;
      },
    });
    const oidcCallback = provider.callback();
    handler = (req, res) => {
      if (!req.url?.startsWith("/interaction/")) return oidcCallback(req, res);
      // The login screen: whoever the test named signs in, with the methods it named.
      void (async () => {
        try {
          await provider.interactionDetails(req, res);
          const who = next;
          if (!who) throw new Error("signInNext() was not called");
          await provider.interactionFinished(req, res, { login: { accountId: who.sub, amr: who.amr ?? ["pwd"] } }, { mergeWithLastSubmission: false });
        } catch (err) {
          res.writeHead(500).end(String(err));
        }
      })();
    };
  }
  return state;
}
