import request from 'supertest';
import { csrfFrom, makeUser, openWeb, PASSWORD, postForm, signedInAgent, type WebHarness } from './support';
import { totpCode } from '../../src/crypto/totp';
import { SETUP_LINK_HOURS } from '../../src/accounts/accounts';

let w: WebHarness;
beforeAll(async () => {
  w = await openWeb();
});
afterAll(() => w.close());

/** Every page that needs a session, with the roles that may not use it. */
const PROTECTED_PAGES: Array<[string, string[]]> = [
  ['/lookup', []],
  ['/account', []],
  ['/account/second-factor', []],
  ['/admin', ['attorney', 'staff']],
  ['/admin/users', ['attorney', 'staff']],
  ['/admin/settings', ['attorney', 'staff']],
  ['/admin/datasets', ['attorney', 'staff']],
  ['/admin/usage', ['attorney', 'staff']],
];
const PROTECTED_FORMS: Array<[string, string[]]> = [
  ['/lookup', []],
  ['/lookup/notice', []],
  ['/account/second-factor', []],
  ['/account/sign-out-everywhere', []],
  ['/admin/users', ['attorney', 'staff']],
  ['/admin/users/x/disable', ['attorney', 'staff']],
  ['/admin/users/x/enable', ['attorney', 'staff']],
  ['/admin/users/x/role', ['attorney', 'staff']],
  ['/admin/users/x/second-factor/reset', ['attorney', 'staff']],
  ['/admin/users/x/setup-link', ['attorney', 'staff']],
  ['/admin/settings', ['attorney', 'staff']],
];

describe('without a session', () => {
  it.each(PROTECTED_PAGES)('GET %s redirects to sign-in', async (url) => {
    await request(w.app).get(url).expect(303).expect('Location', '/sign-in');
  });

  it.each(PROTECTED_FORMS)('POST %s with a valid CSRF token is 401', async (url) => {
    // An anonymous session that holds a real token: what is refused is the missing sign-in, not CSRF.
    const agent = request.agent(w.app);
    const token = csrfFrom((await agent.get('/sign-in')).text);
    const res = await agent.post(url).type('form').send({ _csrf: token });
    expect(res.status).toBe(401);
    expect(res.text).toContain('Sign in');
  });
});

describe('with the wrong role', () => {
  let staff: Awaited<ReturnType<typeof signedInAgent>>;
  let attorney: Awaited<ReturnType<typeof signedInAgent>>;
  beforeAll(async () => {
    staff = await signedInAgent(w, (await makeUser(w, { role: 'staff' })).email);
    attorney = await signedInAgent(w, (await makeUser(w, { role: 'attorney' })).email);
  });

  it.each(PROTECTED_PAGES.filter(([, roles]) => roles.length))('GET %s is 403 for attorney and staff', async (url) => {
    await attorney.get(url).expect(403);
    await staff.get(url).expect(403);
  });

  it.each(PROTECTED_FORMS.filter(([, roles]) => roles.length))('POST %s is 403 for attorney and staff', async (url) => {
    expect((await postForm(attorney, '/lookup', url, {})).status).toBe(403);
    expect((await postForm(staff, '/lookup', url, {})).status).toBe(403);
  });
});

describe('CSRF', () => {
  it('refuses a form posted without a token or with a forged one', async () => {
    const { email } = await makeUser(w);
    const agent = await signedInAgent(w, email);
    const fields = { givenNames: 'Ana', familyNames: 'Ruiz', dateOfBirth: '1990-01-02' };
    const missing = await agent.post('/lookup').type('form').send(fields);
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('This form has expired or did not come from this site');
    const forged = await agent.post('/lookup').type('form').send({ ...fields, _csrf: 'a'.repeat(128) });
    expect(forged.status).toBe(403);
    // A token from another session is as good as forged.
    const other = request.agent(w.app);
    const foreign = csrfFrom((await other.get('/sign-in')).text);
    expect((await agent.post('/lookup').type('form').send({ ...fields, _csrf: foreign })).status).toBe(403);
    expect((await postForm(agent, '/lookup', '/lookup', fields)).status).toBe(200);
  });

  it('protects sign-in itself', async () => {
    await request(w.app).post('/sign-in').type('form').send({ email: 'a@example.org', password: 'x' }).expect(403);
  });
});

describe('sign-in', () => {
  const attempt = async (agent: ReturnType<typeof request.agent>, email: string, password: string) => {
    const token = csrfFrom((await agent.get('/sign-in')).text);
    return agent.post('/sign-in').type('form').send({ _csrf: token, email, password });
  };

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const { email } = await makeUser(w);
    const wrong = await attempt(request.agent(w.app), email, 'not the password at all');
    const unknown = await attempt(request.agent(w.app), 'nobody@example.org', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = (html: string) => /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0];
    expect(message(wrong.text)).toBeDefined();
    expect(message(wrong.text)).toBe(message(unknown.text));
  });

  it('throttles the sixth wrong password in a row for one account', async () => {
    const { email } = await makeUser(w);
    const agent = request.agent(w.app);
    for (let i = 1; i <= 5; i++) expect((await attempt(agent, email, `wrong password ${i}`)).status).toBe(401);
    const sixth = await attempt(agent, email, 'wrong password 6');
    expect(sixth.status).toBe(429);
    // Throttled even with the right password, from a fresh client: the limit is per account.
    expect((await attempt(request.agent(w.app), email, PASSWORD)).status).toBe(429);
  });

  it('issues a new session id at sign-in, with HttpOnly and SameSite=Lax cookies', async () => {
    const { email } = await makeUser(w);
    const agent = request.agent(w.app);
    const page = await agent.get('/sign-in');
    const before = /ec_session=([^;]+)/.exec(String(page.headers['set-cookie']))?.[1];
    const res = await agent.post('/sign-in').type('form').send({ _csrf: csrfFrom(page.text), email, password: PASSWORD }).expect(303);
    const cookie = String(res.headers['set-cookie']);
    const after = /ec_session=([^;]+)/.exec(cookie)?.[1];
    expect(before).toBeDefined();
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('stores only a digest of the session id', async () => {
    const { email } = await makeUser(w);
    const agent = request.agent(w.app);
    const page = await agent.get('/sign-in');
    const res = await agent.post('/sign-in').type('form').send({ _csrf: csrfFrom(page.text), email, password: PASSWORD });
    const signed = decodeURIComponent(/ec_session=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1] ?? '');
    const sid = signed.slice(2, signed.lastIndexOf('.'));
    expect(sid.length).toBeGreaterThan(10);
    const rows = await w.h.store.database.all<{ id_digest: string }>('SELECT id_digest FROM sessions');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.id_digest.includes(sid))).toBe(false);
  });
});

describe('session lifetime', () => {
  it('refuses a session idle longer than the timeout', async () => {
    const { email } = await makeUser(w);
    const agent = await signedInAgent(w, email);
    await agent.get('/lookup').expect(200);
    w.clock.now = new Date(w.clock.now.getTime() + 31 * 60_000);
    try {
      await agent.get('/lookup').expect(303).expect('Location', '/sign-in');
    } finally {
      w.clock.now = new Date();
    }
  });

  it('refuses a busy session past its absolute lifetime', async () => {
    const { email } = await makeUser(w);
    const agent = await signedInAgent(w, email);
    const start = w.clock.now.getTime();
    try {
      for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
        w.clock.now = new Date(start + minutes * 60_000);
        await agent.get('/account').expect(200);
      }
      w.clock.now = new Date(start + 12 * 60 * 60_000 + 60_000);
      await agent.get('/account').expect(303).expect('Location', '/sign-in');
    } finally {
      w.clock.now = new Date();
    }
  });

  it('signs out everywhere', async () => {
    const { email } = await makeUser(w);
    const laptop = await signedInAgent(w, email);
    const phone = await signedInAgent(w, email);
    expect((await postForm(laptop, '/account', '/account/sign-out-everywhere', {})).status).toBe(303);
    await laptop.get('/lookup').expect(303);
    await phone.get('/lookup').expect(303).expect('Location', '/sign-in');
  });

  it('sign-out ends the session', async () => {
    const { email } = await makeUser(w);
    const agent = await signedInAgent(w, email);
    expect((await postForm(agent, '/lookup', '/sign-out', {})).status).toBe(303);
    await agent.get('/lookup').expect(303);
  });
});

describe('account set-up links', () => {
  const invite = async (email: string) => {
    const org = await w.context.accounts.ensureOrganisation('Test Legal Aid');
    const { setupLink } = await w.context.accounts.invite({ orgId: org.id, email, role: 'attorney', invitedBy: null });
    return new URL(setupLink).pathname;
  };

  it('sets a password once; the link then stops working', async () => {
    const path = await invite('setup-once@example.org');
    const agent = request.agent(w.app);
    const page = await agent.get(path).expect(200);
    expect(page.text).toContain('setup-once@example.org');
    const res = await agent.post(path).type('form').send({ _csrf: csrfFrom(page.text), password: PASSWORD, confirm: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/sign-in');
    await request(w.app).get(path).expect(404);
    await signedInAgent(w, 'setup-once@example.org');
  });

  it('refuses short and common passwords, naming the field', async () => {
    const path = await invite('setup-weak@example.org');
    const agent = request.agent(w.app);
    for (const password of ['short', 'password1234']) {
      const page = await agent.get(path);
      const res = await agent.post(path).type('form').send({ _csrf: csrfFrom(page.text), password, confirm: password });
      expect(res.status).toBe(400);
      expect(res.text).toContain('href="#f-password"');
      expect(res.text).toContain('aria-invalid="true"');
      expect(res.text).not.toContain(password);
    }
  });

  it('expires after 72 hours', async () => {
    const path = await invite('setup-late@example.org');
    w.clock.now = new Date(Date.now() + SETUP_LINK_HOURS * 3_600_000 + 60_000);
    try {
      await request(w.app).get(path).expect(404);
    } finally {
      w.clock.now = new Date();
    }
  });

  it('stores the token only as a digest', async () => {
    const path = await invite('setup-digest@example.org');
    const token = path.split('/').pop() as string;
    const rows = await w.h.store.database.all<{ token_digest: string }>('SELECT token_digest FROM setup_tokens');
    expect(rows.some((r) => r.token_digest === token)).toBe(false);
  });
});

describe('second factor', () => {
  it('enrols, then asks for a code at sign-in', async () => {
    const { email } = await makeUser(w);
    const agent = await signedInAgent(w, email);
    const page = await agent.get('/account/second-factor').expect(200);
    const secret = (/<code class="secret">([^<]+)<\/code>/.exec(page.text)?.[1] ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const bad = await agent.post('/account/second-factor').type('form').send({ _csrf: csrfFrom(page.text), code: '000000' });
    expect(bad.status).toBe(400);
    const ok = await agent.post('/account/second-factor').type('form').send({ _csrf: csrfFrom(page.text), code: totpCode(secret, w.clock.now) });
    expect(ok.status).toBe(303);

    const fresh = request.agent(w.app);
    const signIn = await fresh.get('/sign-in');
    await fresh.post('/sign-in').type('form').send({ _csrf: csrfFrom(signIn.text), email, password: PASSWORD }).expect(303).expect('Location', '/sign-in/second-factor');
    await fresh.get('/lookup').expect(303).expect('Location', '/sign-in');
    const codePage = await fresh.get('/sign-in/second-factor').expect(200);
    await fresh.post('/sign-in/second-factor').type('form').send({ _csrf: csrfFrom(codePage.text), code: '123456' }).expect(401);
    // The code used to enrol cannot be used again (RFC 6238 §5.2): the next one is needed.
    const used = totpCode(secret, w.clock.now);
    await fresh.post('/sign-in/second-factor').type('form').send({ _csrf: csrfFrom(codePage.text), code: used }).expect(401);
    w.clock.now = new Date(w.clock.now.getTime() + 30_000);
    try {
      const next = totpCode(secret, w.clock.now);
      await fresh.post('/sign-in/second-factor').type('form').send({ _csrf: csrfFrom(codePage.text), code: next }).expect(303).expect('Location', '/lookup');
      await fresh.get('/lookup').expect(200);

      // Nor can a sign-in code be replayed by someone who saw it.
      const other = request.agent(w.app);
      const p2 = await other.get('/sign-in');
      await other.post('/sign-in').type('form').send({ _csrf: csrfFrom(p2.text), email, password: PASSWORD }).expect(303);
      const c2 = await other.get('/sign-in/second-factor');
      await other.post('/sign-in/second-factor').type('form').send({ _csrf: csrfFrom(c2.text), code: next }).expect(401);
    } finally {
      w.clock.now = new Date();
    }
  });

  it('sends users of an organisation that requires it to enrol first', async () => {
    const { email, org } = await makeUser(w, { org: 'Strict Legal Aid' });
    await w.context.accountsRepo.updateOrgSettings(org.id, { requireTotp: true, userDailyQuota: null, orgDailyQuota: null });
    const agent = await signedInAgent(w, email);
    await agent.get('/lookup').expect(303).expect('Location', '/account/second-factor');
    await agent.get('/account/second-factor').expect(200);
  });
});

describe('sign-in throttling per address', () => {
  it('throttles an address that tries many accounts', async () => {
    const t = await openWeb({}, w.h);
    const agent = request.agent(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const token = csrfFrom((await agent.get('/sign-in')).text);
      statuses.push((await agent.post('/sign-in').type('form').send({ _csrf: token, email: `guess${i}@example.org`, password: 'guess' })).status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});
