// The token-exchange tests' authorization servers (crates/server/tests/exchange.rs): real
// oidc-provider issuers (pinned by package-lock.json), one per stand-in spec of
// crates/server/tests/exchange_specs, each on its own loopback port:
//
// - `keys`: the client credentials grant for a client whose id and secret the end user
//   enters (KEYS_CLIENT_ID, KEYS_CLIENT_SECRET), with HTTP basic authentication;
// - `signed`: the client credentials grant for a client that authenticates with
//   `private_key_jwt`, its `jwks` the public half of an RSA key made here at start;
// - `robot`: the `urn:ietf:params:oauth:grant-type:jwt-bearer` grant (RFC 7523),
//   registered with `registerGrantType`, verifying the assertion's signature against an
//   EC P-256 key made here at start, its `iss`, `aud` and `exp`, and issuing an access
//   token of oidc-provider's own `AccessToken` class.
//
// Every server also answers `GET /api/me` before oidc-provider sees the request: the
// bearer token is looked up in the provider's own token store, and the answer names the
// account (`id`), its scopes (`X-OAuth-Scopes`) and when the credential expires
// (`X-Credential-Expires`, a fixed date that is not the token's expiry). `GET /_seen`
// lists the path and query of every request the server got, for the leak test.
//
// No key is checked in: the private keys go to the test in the one JSON line printed
// once listening (key files as their providers hand them out), with keys that no client
// has, for the refusals. Serves until stdin closes.

import http from "node:http";
import { generateKeyPairSync, randomUUID } from "node:crypto";
import Provider, { errors } from "oidc-provider";
import * as jose from "jose";

const env = (name) => {
  const v = process.env[name];
  if (!v) {
    console.error(`missing ${name}`);
    process.exit(2);
  }
  return v;
};

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const CREDENTIAL_EXPIRES = "2031-06-30T00:00:00Z";

const rsa = () => generateKeyPairSync("rsa", { modulusLength: 2048 });
const ec = () => generateKeyPairSync("ec", { namedCurve: "P-256" });

async function resource(provider, req, res, realm) {
  const url = new URL(req.url, "http://localhost");
  const m = /^Bearer ([^ ]+)$/.exec(req.headers.authorization ?? "");
  const token = m
    ? (await provider.AccessToken.find(m[1])) ?? (await provider.ClientCredentials.find(m[1]))
    : undefined;
  if (!token || token.isExpired) {
    res.writeHead(401, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "invalid_token" }));
    return;
  }
  if (realm && url.searchParams.get("realm") !== realm) {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "no_such_realm" }));
    return;
  }
  res.writeHead(200, {
    "content-type": "application/json",
    "x-oauth-scopes": (token.scope ?? "").split(" ").filter(Boolean).join(", "),
    "x-credential-expires": CREDENTIAL_EXPIRES,
  });
  res.end(JSON.stringify({ id: token.accountId ?? token.clientId, client_id: token.clientId }));
}

// `issuer` is the spec's origin when assertions name it in `aud`: oidc-provider accepts a
// client assertion whose audience is its issuer identifier (or the token endpoint's URL
// as the request reached it), and the service's origin override keeps the spec's text
// in the claim while the request goes to this loopback port.
async function start(issuerFor, configure, { realm, setup } = {}) {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuerFor(origin), configure());
  provider.on("server_error", (_ctx, err) => console.error("server_error", err.message));
  provider.on("grant.error", (_ctx, err) => console.error("grant.error", err.message, err.error_detail));
  if (setup) setup(provider);
  const seen = [];
  const callback = provider.callback();
  server.on("request", (req, res) => {
    if (req.url === "/_seen") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(seen));
      return;
    }
    seen.push(req.url);
    if (req.method === "GET" && req.url.startsWith("/api/me")) {
      resource(provider, req, res, realm).catch((e) => {
        res.writeHead(500);
        res.end(String(e.message));
      });
      return;
    }
    callback(req, res);
  });
  return origin;
}

const common = {
  cookies: { keys: ["connectspec-exchange-test-cookies"] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
  },
  scopes: ["api:read", "directory.read"],
  ttl: { ClientCredentials: 600, AccessToken: 600 },
};

// (a) Client credentials with the end user's client id and secret.
const keys = await start(
  (origin) => origin,
  () => ({
    ...common,
    clients: [
      {
        client_id: env("KEYS_CLIENT_ID"),
        client_secret: env("KEYS_CLIENT_SECRET"),
        redirect_uris: [],
        grant_types: ["client_credentials"],
        response_types: [],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    routes: { token: "/oauth/token" },
  }),
);

// (b) private_key_jwt: the client's public key is the half of one made now.
const signedKey = rsa();
const signedKid = `key-${randomUUID()}`;
const signedClient = `signed-${randomUUID()}`;
const signed = await start(
  () => "https://auth.acme-signed.example",
  () => ({
    ...common,
    clients: [
      {
        client_id: signedClient,
        redirect_uris: [],
        grant_types: ["client_credentials"],
        response_types: [],
        scope: "api:read",
        token_endpoint_auth_method: "private_key_jwt",
        token_endpoint_auth_signing_alg: "RS256",
        jwks: {
          keys: [{ ...signedKey.publicKey.export({ format: "jwk" }), kid: signedKid, alg: "RS256", use: "sig" }],
        },
      },
    ],
    routes: { token: "/oauth/token" },
  }),
);

// (c) The jwt-bearer grant: a service account's assertion, verified against the public
// half of the key made now.
const robotKey = ec();
const robotEmail = `robot-${randomUUID().slice(0, 8)}@acme-robot.example`;
const robotClient = `robot-${randomUUID()}`;
const robotAudience = "https://auth.acme-robot.example/token";
const robot = await start(
  () => "https://auth.acme-robot.example",
  () => ({
    ...common,
    clients: [
      {
        client_id: robotClient,
        redirect_uris: [],
        grant_types: [JWT_BEARER],
        response_types: [],
        token_endpoint_auth_method: "none",
      },
    ],
    routes: { token: "/token" },
  }),
  {
    realm: "acme-main",
    setup(provider) {
      provider.registerGrantType(
        JWT_BEARER,
        async (ctx) => {
          const { assertion } = ctx.oidc.params;
          if (!assertion) throw new errors.InvalidRequest("assertion missing");
          let payload;
          try {
            ({ payload } = await jose.jwtVerify(assertion, robotKey.publicKey, {
              algorithms: ["ES256"],
              issuer: robotEmail,
              audience: robotAudience,
              requiredClaims: ["iat", "exp", "jti"],
              maxTokenAge: "1h",
            }));
          } catch (e) {
            throw new errors.InvalidGrant(`the assertion was refused (${e.code ?? "invalid"})`);
          }
          if (payload.scope !== "directory.read") {
            throw new errors.InvalidScope("the assertion asks for other scopes", payload.scope);
          }
          const token = new provider.AccessToken({
            accountId: payload.sub ?? payload.iss,
            client: ctx.oidc.client,
            gty: "jwt_bearer",
            scope: payload.scope,
          });
          const value = await token.save();
          ctx.body = {
            access_token: value,
            token_type: "Bearer",
            expires_in: token.expiration,
            scope: token.scope,
            realm: "acme-main",
          };
        },
        ["assertion", "scope"],
      );
    },
  },
);

const pem = (key, type) => key.export({ type, format: "pem" });
const other = { rsa: rsa(), ec: ec() };

console.log(
  JSON.stringify({
    keys,
    signed,
    robot,
    credential_expires: CREDENTIAL_EXPIRES,
    signed_key_file: { client_id: signedClient, key_id: signedKid, private_key: pem(signedKey.privateKey, "pkcs1") },
    signed_other_key: pem(other.rsa.privateKey, "pkcs8"),
    robot_key_file: {
      type: "service_account",
      client_email: robotEmail,
      client_id: robotClient,
      private_key_id: randomUUID(),
      private_key: pem(robotKey.privateKey, "pkcs8"),
    },
    robot_other_key: pem(other.ec.privateKey, "pkcs8"),
  }),
);
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
