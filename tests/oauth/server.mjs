// A real OAuth 2.0 / OpenID Connect server (oidc-provider, pinned by package-lock.json) for
// the service's OAuth tests (crates/server/tests/oauth.rs). Two issuers on loopback ports:
//
// - `graph`: the authorization code grant with PKCE required, refresh tokens, and the
//   userinfo endpoint at `/me`, with its routes at the paths of the Microsoft identity
//   platform for the tenant given in TENANT, so the service renders them from the real
//   spec (specs/microsoft_graph.yaml) and only the origin is overridden;
// - `paypal`: the client credentials grant at PayPal's `/v1/oauth2/token`, with token
//   introspection so the test can check the token it was handed is live.
//
// Environment: REDIRECT_URI, TENANT, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET,
// PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET. Prints one JSON line with both issuers once
// listening, then serves until stdin closes.

import http from "node:http";
import Provider from "oidc-provider";

const env = (name) => {
  const v = process.env[name];
  if (!v) {
    console.error(`missing ${name}`);
    process.exit(2);
  }
  return v;
};

async function start(configure) {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, configure(issuer));
  // Errors are answered to the client; the test reads them from there.
  provider.on("server_error", (_ctx, err) => console.error("server_error", err.message));
  server.on("request", provider.callback());
  return issuer;
}

const tenant = env("TENANT");
const base = `/${tenant}/oauth2/v2.0`;
const common = {
  cookies: { keys: ["connectspec-oauth-test-cookies"] },
  findAccount: async (_ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, name: `User ${id}` }),
  }),
  claims: { openid: ["sub"], "User.Read": ["name"] },
};

const graph = await start(() => ({
  ...common,
  clients: [
    {
      client_id: env("GRAPH_CLIENT_ID"),
      client_secret: env("GRAPH_CLIENT_SECRET"),
      redirect_uris: [env("REDIRECT_URI")],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  scopes: ["openid", "offline_access", "User.Read", "Mail.Read"],
  routes: {
    authorization: `${base}/authorize`,
    token: `${base}/token`,
    userinfo: "/me",
  },
  pkce: { required: () => true },
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
  features: { devInteractions: { enabled: true } },
  ttl: { AccessToken: 600, AuthorizationCode: 60, RefreshToken: 3600, Interaction: 600, Session: 600, Grant: 3600 },
}));

const paypal = await start(() => ({
  ...common,
  clients: [
    {
      client_id: env("PAYPAL_CLIENT_ID"),
      client_secret: env("PAYPAL_CLIENT_SECRET"),
      redirect_uris: [],
      grant_types: ["client_credentials"],
      response_types: [],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  routes: { token: "/v1/oauth2/token", introspection: "/v1/oauth2/token/introspect" },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
  },
  ttl: { ClientCredentials: 600 },
}));

console.log(JSON.stringify({ graph, paypal }));
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
