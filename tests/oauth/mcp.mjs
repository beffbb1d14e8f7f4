// A remote MCP server and its authorization server, for the service's discovery and
// dynamic registration tests (crates/server/tests/mcp.rs). One loopback origin serves:
//
// - oidc-provider (pinned by package-lock.json) as the authorization server: open
//   dynamic client registration (RFC 7591), resource indicators (RFC 8707) with the MCP
//   server as the resource and opaque access tokens, PKCE required, refresh tokens,
//   sign-in through its dev interactions; it publishes its metadata both at the RFC 8414
//   and the OpenID Connect well-known paths;
// - the protected-resource metadata (RFC 9728) of every `/mcp/{name}`, naming the
//   authorization server; and `/mcp/{name}` itself, which checks the bearer token in
//   the provider's own token store (live, for this resource) and answers a JSON-RPC
//   `initialize`, or 401 with `WWW-Authenticate: Bearer resource_metadata=…`.
//
// Two servers are misconfigured on purpose: `/mcp/stray` names an authorization server
// at `/stray` whose RFC 8414 metadata puts the registration endpoint at STRAY_REGISTRATION
// (a host outside the spec's allowed hosts); `/mcp/wrong-issuer` names one at `/other`
// whose OpenID Connect metadata (appended form) has the provider's own issuer.
//
// Environment: STRAY_REGISTRATION. Prints one JSON line {"origin": …} once listening,
// then serves until stdin closes.

import http from "node:http";
import Provider from "oidc-provider";

const stray = process.env.STRAY_REGISTRATION;
if (!stray) {
  console.error("missing STRAY_REGISTRATION");
  process.exit(2);
}

const server = http.createServer();
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const MCP_SCOPE = "mcp";

const provider = new Provider(origin, {
  cookies: { keys: ["connectspec-mcp-test-cookies"] },
  findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
  scopes: ["openid", "offline_access"],
  pkce: { required: () => true },
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
  features: {
    devInteractions: { enabled: true },
    registration: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // Only the MCP servers of this origin are resources; a token is for one of them.
      getResourceServerInfo: async (_ctx, indicator) => {
        const u = new URL(indicator);
        if (u.origin !== origin || !/^\/mcp\/[a-z][a-z0-9-]*$/.test(u.pathname)) {
          throw new Provider.errors.InvalidTarget();
        }
        return { scope: MCP_SCOPE, accessTokenFormat: "opaque", accessTokenTTL: 600 };
      },
      defaultResource: async () => undefined,
      useGrantedResource: async () => true,
    },
  },
  ttl: { AccessToken: 600, AuthorizationCode: 60, RefreshToken: 3600, Interaction: 600, Session: 600, Grant: 3600 },
});
provider.on("server_error", (_ctx, err) => console.error("server_error", err.message));

const json = (res, status, body, headers = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

const readBody = (req) =>
  new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (c) => {
      data += c;
      if (data.length > 65536) reject(new Error("too large"));
    });
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });

// The provider's own metadata, as it answers it.
let metadata;
async function providerMetadata() {
  if (!metadata) {
    const res = await fetch(`${origin}/.well-known/openid-configuration`);
    metadata = await res.json();
  }
  return metadata;
}

const PRM = "/.well-known/oauth-protected-resource/mcp/";

async function mcp(req, res, name) {
  const resource = `${origin}/mcp/${name}`;
  const challenge = {
    "www-authenticate": `Bearer resource_metadata="${origin}${PRM}${name}"`,
  };
  const auth = req.headers.authorization || "";
  const value = auth.startsWith("Bearer ") ? auth.slice(7) : "";
  const token = value ? await provider.AccessToken.find(value) : undefined;
  const audience = token ? [].concat(token.aud || []) : [];
  if (!token || token.isExpired || !audience.includes(resource)) {
    return json(res, 401, { error: "invalid_token" }, challenge);
  }
  if (req.method !== "POST") return json(res, 405, { error: "POST only" });
  let call;
  try {
    call = JSON.parse(await readBody(req));
  } catch {
    return json(res, 400, { jsonrpc: "2.0", id: null, error: { code: -32700, message: "parse error" } });
  }
  if (call.method !== "initialize") {
    return json(res, 200, { jsonrpc: "2.0", id: call.id, error: { code: -32601, message: "method not found" } });
  }
  return json(res, 200, {
    jsonrpc: "2.0",
    id: call.id,
    result: {
      protocolVersion: call.params?.protocolVersion || "2025-06-18",
      capabilities: { tools: {} },
      serverInfo: { name: `acme-${name}`, version: "1.0.0" },
      instructions: `signed in as ${token.accountId}`,
    },
  });
}

const callback = provider.callback();
server.on("request", async (req, res) => {
  try {
    const path = new URL(req.url, origin).pathname;
    if (path.startsWith(PRM)) {
      const name = path.slice(PRM.length);
      const as = name === "stray" ? `${origin}/stray` : name === "wrong-issuer" ? `${origin}/other` : origin;
      return json(res, 200, {
        resource: `${origin}/mcp/${name}`,
        authorization_servers: [as],
        scopes_supported: [MCP_SCOPE],
        bearer_methods_supported: ["header"],
      });
    }
    if (path === "/.well-known/oauth-authorization-server/stray") {
      const m = await providerMetadata();
      return json(res, 200, { ...m, issuer: `${origin}/stray`, registration_endpoint: stray });
    }
    if (path === "/other/.well-known/openid-configuration") {
      return json(res, 200, await providerMetadata());
    }
    const match = /^\/mcp\/([a-z][a-z0-9-]*)$/.exec(path);
    if (match) return await mcp(req, res, match[1]);
  } catch (err) {
    console.error("harness error", err.message);
    return json(res, 500, { error: "harness" });
  }
  return callback(req, res);
});

console.log(JSON.stringify({ origin }));
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
