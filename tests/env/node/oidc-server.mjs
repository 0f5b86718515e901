// The test OAuth 2.0 / OpenID Connect server of the suite (tests/env/oauth.sh starts it):
// oidc-provider 9.13.3, a certified implementation, on 127.0.0.1 only.
//
//   node oidc-server.mjs --dir DIR --cert CERT --key KEY [--access-ttl S] [--short-ttl S]
//
// Listeners (ports chosen by the system, written to DIR/ports.json once both listen):
//   HTTPS  the issuer https://127.0.0.1:<port>: authorization, token, device, revocation,
//          introspection, discovery, and the login / consent pages below.
//   HTTP   the same provider on a second loopback port, for back ends that cannot be given
//          our CA (Dovecot's oauth2 passdb, the SMTP fixture) to call introspection, plus
//          test-only control routes under /__test/ (never on the HTTPS listener).
//
// Clients (all public apps use PKCE S256, which oidc-provider requires of public clients):
//   tributary-desktop     native; redirect http://127.0.0.1/callback (any port, RFC 8252
//                         §7.3) and org.tributary.app:/oauth2redirect; code, refresh, device
//   tributary-short       like tributary-desktop, but access tokens live --short-ttl seconds
//   tributary-embedded    native; redirect org.tributary.app:/oauth2redirect only
//   resource-server       confidential (client_secret_basic), for introspection only
// Users: ouser1..ouser52 with password "opw-<N>"; the introspection "username" is the user.
// Pages: login (#login, #password, #submit; wrong password: #error), consent (#allow,
// #deny), device code entry (#user_code, #submit) and confirmation (#confirm, #abort).
// No page loads anything from outside (no fonts, no scripts).
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    'access-ttl': { type: 'string', default: '3600' },
    'short-ttl': { type: 'string', default: '4' },
    'refresh-ttl': { type: 'string', default: String(14 * 24 * 3600) },
  },
});
const accessTtl = Number(args['access-ttl']);
const shortTtl = Number(args['short-ttl']);
const refreshTtl = Number(args['refresh-ttl']);
const RESOURCE = 'urn:tributary:mail';
const RESOURCE_SCOPES = 'mail.imap mail.pop mail.smtp';
const USER_COUNT = 52;

const users = new Map();
for (let i = 1; i <= USER_COUNT; i += 1) {
  users.set(`ouser${i}`, { password: `opw-${i}`, email: `ouser${i}@example.test` });
}

const tlsOptions = { cert: fs.readFileSync(args.cert), key: fs.readFileSync(args.key) };

// Both listeners need their ports before the provider exists (the issuer names the port).
function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}
const httpsServer = https.createServer(tlsOptions);
const httpServer = http.createServer();
const httpsPort = await listen(httpsServer);
const httpPort = await listen(httpServer);
const issuer = `https://127.0.0.1:${httpsPort}`;

const nativeClient = (id, redirects) => ({
  client_id: id,
  client_name: `Tributary (${id})`,
  application_type: 'native',
  token_endpoint_auth_method: 'none',
  redirect_uris: redirects,
  grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
  response_types: ['code'],
});

function esc(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:sans-serif;margin:2em auto;max-width:24em}input,button{display:block;margin:.4em 0;width:100%;padding:.4em}#error{color:#b00}</style>
</head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}

// grant ids per account, so /__test/revoke-account can end every grant of a user
const grantsByAccount = new Map();
function rememberGrant(token) {
  if (!token || !token.accountId || !token.grantId) return;
  if (!grantsByAccount.has(token.accountId)) grantsByAccount.set(token.accountId, new Set());
  grantsByAccount.get(token.accountId).add(token.grantId);
}

const provider = new Provider(issuer, {
  clients: [
    nativeClient('tributary-desktop', ['http://127.0.0.1/callback', 'org.tributary.app:/oauth2redirect']),
    nativeClient('tributary-short', ['http://127.0.0.1/callback', 'org.tributary.app:/oauth2redirect']),
    nativeClient('tributary-embedded', ['org.tributary.app:/oauth2redirect']),
    {
      client_id: 'resource-server',
      client_secret: 'resource-server-secret',
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: [],
      response_types: [],
      redirect_uris: [],
    },
  ],
  cookies: { keys: ['tributary-test-cookie-key-1'] },
  scopes: ['openid', 'offline_access', 'email', 'profile'],
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  async findAccount(_ctx, sub) {
    if (!users.has(sub)) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, email: users.get(sub).email, email_verified: true };
      },
    };
  },
  interactions: {
    url(_ctx, interaction) {
      return `/interaction/${interaction.uid}`;
    },
  },
  features: {
    devInteractions: { enabled: false },
    introspection: { enabled: true },
    revocation: { enabled: true },
    deviceFlow: {
      enabled: true,
      charset: 'base-20',
      mask: '****-****',
      async userCodeInputSource(ctx, form, _out, err) {
        const msg = err ? '<p id="error">That code is not valid. Try again.</p>' : '<p>Enter the code shown on your device.</p>';
        const withIds = form.replace('name="user_code"', 'id="user_code" name="user_code"');
        ctx.body = page('Device sign-in', `${msg}${withIds}<button id="submit" type="submit" form="op.deviceInputForm">Continue</button>`);
      },
      async userCodeConfirmSource(ctx, form, client, _deviceInfo, userCode) {
        ctx.body = page('Confirm device', `<p>${esc(client.clientName || client.clientId)} asks to sign in. Code: <code id="code">${esc(userCode)}</code></p>${form}
<button id="confirm" type="submit" form="op.deviceConfirmForm">Continue</button>
<button id="abort" type="submit" form="op.deviceConfirmForm" name="abort" value="yes">Abort</button>`);
      },
      async successSource(ctx) {
        ctx.body = page('Signed in', '<p id="done">Your device is signed in. You can close this page.</p>');
      },
    },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => RESOURCE,
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, resource, client) => {
        if (resource !== RESOURCE) throw new Provider.errors.InvalidTarget();
        return {
          scope: RESOURCE_SCOPES,
          audience: RESOURCE,
          accessTokenFormat: 'opaque',
          accessTokenTTL: client && client.clientId === 'tributary-short' ? shortTtl : accessTtl,
        };
      },
    },
  },
  // Refresh tokens for every client allowed the grant (not only with offline_access +
  // prompt=consent, oidc-provider's default), rotated on each use; re-use revokes the grant.
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: true,
  extraTokenClaims: async (_ctx, token) => (token.accountId ? { username: token.accountId } : undefined),
  ttl: {
    // The resource server's lifetime (per client, see getResourceServerInfo) wins.
    AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL || accessTtl,
    AuthorizationCode: 120,
    DeviceCode: 600,
    Grant: refreshTtl,
    IdToken: 3600,
    Interaction: 600,
    RefreshToken: refreshTtl,
    Session: 3600,
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Error', `<p id="error">${esc(out.error)}: ${esc(out.error_description || '')}</p>`);
  },
  async logoutSource(ctx, form) {
    ctx.body = page('Sign out', `${form}<button id="submit" type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`);
  },
});
provider.proxy = false;

for (const event of ['access_token.saved', 'refresh_token.saved', 'authorization_code.saved', 'access_token.issued']) {
  provider.on(event, rememberGrant);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function loginPage(uid, error) {
  return page('Sign in', `${error ? `<p id="error">${esc(error)}</p>` : ''}
<form id="loginForm" method="post" action="/interaction/${esc(uid)}/login" autocomplete="off">
<label for="login">User name</label><input id="login" name="login" type="text" autofocus>
<label for="password">Password</label><input id="password" name="password" type="password">
<button id="submit" type="submit">Sign in</button></form>`);
}

function consentPage(uid, details, client) {
  const scopes = [...(details.missingOIDCScope || [])];
  for (const list of Object.values(details.missingResourceScopes || {})) scopes.push(...list);
  return page('Allow access', `<p>${esc(client ? client.clientName || client.clientId : 'An app')} asks for: <span id="scopes">${esc(scopes.join(' '))}</span></p>
<form id="consentForm" method="post" action="/interaction/${esc(uid)}/confirm">
<button id="allow" type="submit" name="decision" value="allow">Allow</button>
<button id="deny" type="submit" name="decision" value="deny">Deny</button></form>`);
}

// Our interaction routes and the test controls run before the provider's own routes.
provider.use(async (ctx, next) => {
  const parts = ctx.path.split('/').filter(Boolean);
  if (parts[0] === '__test') {
    // Test controls: plain-HTTP listener only.
    if (ctx.secure || ctx.method !== 'POST') {
      ctx.status = 404;
      return;
    }
    const form = await readForm(ctx.req);
    if (parts[1] === 'revoke-account') {
      const account = form.get('account');
      const grants = [...(grantsByAccount.get(account) || [])];
      for (const grantId of grants) {
        await Promise.all([
          provider.AccessToken.revokeByGrantId(grantId),
          provider.RefreshToken.revokeByGrantId(grantId),
          provider.AuthorizationCode.revokeByGrantId(grantId),
          provider.DeviceCode.revokeByGrantId(grantId),
          provider.Grant.adapter.destroy(grantId),
        ]);
      }
      grantsByAccount.delete(account);
      ctx.type = 'json';
      ctx.body = { revoked: grants.length };
      return;
    }
    ctx.status = 404;
    return;
  }
  if (parts[0] !== 'interaction' || parts.length < 2) {
    await next();
    return;
  }
  ctx.set('cache-control', 'no-store');
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const { uid, prompt, params } = details;
  const client = await provider.Client.find(params.client_id);
  if (ctx.method === 'GET' && parts.length === 2) {
    ctx.type = 'html';
    ctx.body = prompt.name === 'login' ? loginPage(uid) : consentPage(uid, prompt.details, client);
    return;
  }
  if (ctx.method === 'POST' && parts[2] === 'login') {
    const form = await readForm(ctx.req);
    const login = form.get('login') || '';
    const user = users.get(login);
    if (!user || user.password !== form.get('password')) {
      ctx.type = 'html';
      ctx.body = loginPage(uid, 'Wrong user name or password.');
      return;
    }
    await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: login } },
      { mergeWithLastSubmission: false });
    ctx.respond = false;
    return;
  }
  if (ctx.method === 'POST' && parts[2] === 'confirm') {
    const form = await readForm(ctx.req);
    if (form.get('decision') !== 'allow') {
      await provider.interactionFinished(ctx.req, ctx.res, {
        error: 'access_denied', error_description: 'The user denied the request.',
      }, { mergeWithLastSubmission: false });
      ctx.respond = false;
      return;
    }
    const { accountId } = details.session;
    let grant = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
    if (!grant) grant = new provider.Grant({ accountId, clientId: params.client_id });
    const d = prompt.details;
    if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
    if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(d.missingResourceScopes || {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    const grantId = await grant.save();
    await provider.interactionFinished(ctx.req, ctx.res, { consent: { grantId } },
      { mergeWithLastSubmission: true });
    ctx.respond = false;
    return;
  }
  ctx.status = 404;
});

const callback = provider.callback();
httpsServer.on('request', callback);
httpServer.on('request', callback);

fs.writeFileSync(path.join(args.dir, 'ports.json.tmp'), JSON.stringify({ https: httpsPort, http: httpPort, issuer }));
fs.renameSync(path.join(args.dir, 'ports.json.tmp'), path.join(args.dir, 'ports.json'));
console.log(`oidc-provider listening: ${issuer} (HTTP back-end port ${httpPort})`);

function shutdown() {
  httpsServer.closeAllConnections?.();
  httpServer.closeAllConnections?.();
  httpsServer.close();
  httpServer.close();
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
