// A local OpenID Connect provider for the tests, configured like ID-porten: the
// authorization code flow only, PKCE (S256) required for every client, the assurance
// levels idporten-loa-low/-substantial/-high as `acr`, and the national id as the `pid`
// claim in the id_token (the `sub` is pairwise-like, never the pid). Its login page is a
// test-only form where the test chooses the pid, the acr and the amr of the login.
//
// Started by tests/oidc.py on 127.0.0.1 and a free port:
//   PORT=... CLIENTS='[{"client_id": ..., "client_secret": ..., "redirect_uris": [...],
//   "post_logout_redirect_uris": [...]}]' node server.js
// It prints "listening <issuer>" once it answers.
import { createHash } from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

const port = Number(process.env.PORT || 0);
const issuer = `http://127.0.0.1:${port}`;
const clients = JSON.parse(process.env.CLIENTS || '[]').map((client) => ({
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_post',
  ...client,
}));

const ACR_VALUES = ['idporten-loa-low', 'idporten-loa-substantial', 'idporten-loa-high'];
// What the test chose at the login, by account id: the pid, and a name (to show that a
// name alone never logs anyone in) and the amr (how the user authenticated).
const logins = new Map();

const provider = new Provider(issuer, {
  clients,
  acrValues: ACR_VALUES,
  claims: {
    acr: null,
    sid: null,
    auth_time: null,
    iss: null,
    openid: ['sub', 'pid', 'name', 'amr'],
    profile: ['preferred_username'],
  },
  // As ID-porten: the claims of the requested scopes are in the id_token itself.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  routes: {
    authorization: '/authorize',
    token: '/token',
    userinfo: '/userinfo',
    jwks: '/jwks.json',
    end_session: '/logout',
  },
  features: {
    devInteractions: { enabled: false },
    // The provider's own confirmation, plain like the login page: the browser tests hold
    // every page they load to axe, and the default page has no lang and pale buttons.
    rpInitiatedLogout: { enabled: true, logoutSource },
  },
  cookies: { keys: ['test-only-cookie-key-0123456789'] },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        const { pid, name, amr } = logins.get(id);
        return { sub: id, pid, preferred_username: pid, amr, ...(name ? { name } : {}) };
      },
    };
  },
  // A first-party client: the user is not asked to consent to the scopes.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      return ctx.oidc.provider.Grant.find(grantId);
    }
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid profile');
    grant.addOIDCClaims(['acr', 'amr', 'auth_time']);
    await grant.save();
    return grant;
  },
});

function escape(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function loginPage(uid, params) {
  const options = ACR_VALUES.map(
    (acr) => `<option${acr === params.acr_values ? ' selected' : ''}>${acr}</option>`,
  ).join('');
  return `<!doctype html><html lang="nb"><head><meta charset="utf-8">
<title>Testinnlogging</title></head><body>
<h1>Testinnlogging (bare for tester)</h1>
<form method="post" action="/interaction/${escape(uid)}">
<label>Fødselsnummer (pid) <input name="pid" required></label>
<label>Sikkerhetsnivå (acr) <select name="acr">${options}</select></label>
<label>Metode (amr) <input name="amr" value="TestID"></label>
<label>Navn (name) <input name="name"></label>
<button type="submit">Logg inn</button>
</form></body></html>`;
}

async function logoutSource(ctx, form) {
  ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Sign out</title></head><body>
<h1>Sign out of the test provider?</h1>
${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>
</body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
  }
  return Object.fromEntries(new URLSearchParams(body));
}

async function interaction(req, res) {
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(loginPage(details.uid, details.params));
      return;
    }
    const form = await readForm(req);
    const amr = (form.amr || '').split(/[\s,]+/).filter(Boolean);
    // Pairwise-like: the sub is not the pid, so a login is never matched by `sub`.
    const accountId = createHash('sha256').update(`sub:${form.pid}`).digest('hex');
    logins.set(accountId, { pid: form.pid, name: form.name, amr });
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId, acr: form.acr, amr } },
      { mergeWithLastSubmission: false },
    );
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`interaction failed: ${error.message}`);
  }
}

const handle = provider.callback();
const server = http.createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res);
  } else {
    handle(req, res);
  }
});
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening ${issuer}\n`);
});
