import request from 'supertest';
import { makeUser, openWeb, postForm, signedInAgent, type WebHarness } from './support';

let w: WebHarness;
beforeAll(async () => {
  w = await openWeb();
});
afterAll(() => w.close());

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));

describe('security headers on the real app', () => {
  it('sends a strict CSP, no-referrer, no framing, no caching and no framework banner', async () => {
    const res = await request(w.app).get('/sign-in').expect(200);
    const csp = directives(String(res.headers['content-security-policy']));
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('form-action')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(String(res.headers['content-security-policy'])).not.toMatch(/unsafe-inline|unsafe-eval|https:/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('has no inline script or style in its pages', async () => {
    const res = await request(w.app).get('/sign-in');
    expect(res.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(res.text).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it('sends HSTS and Secure cookies behind a TLS-terminating proxy', async () => {
    const tls = await openWeb({ trustProxy: 1 }, w.h);
    const res = await request(tls.app).get('/sign-in').set('X-Forwarded-Proto', 'https').expect(200);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(String(res.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    const plain = await request(tls.app).get('/sign-in').expect(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('serves its own stylesheet and script without creating a session', async () => {
    const css = await request(w.app).get('/static/css/site.css').expect(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    expect(css.headers['set-cookie']).toBeUndefined();
    await request(w.app).get('/static/js/enhance.js').expect(200).expect('Content-Type', /javascript/);
  });
});

describe('errors', () => {
  it('shows a plain 404 for an unknown page', async () => {
    const res = await request(w.app).get('/no/such/page').expect(404);
    expect(res.text).toContain('Page not found');
  });

  it('turns an unexpected failure into a plain 500 page with no stack or detail', async () => {
    const agent = await signedInAgent(w, (await makeUser(w)).email);
    const original = w.context.matcher.lookup.bind(w.context.matcher);
    w.context.matcher.lookup = async () => {
      throw new Error('secret detail at /srv/internal/path.ts:42');
    };
    try {
      const res = await postForm(agent, '/lookup', '/lookup', { givenNames: 'Ana', familyNames: 'Ruiz', dateOfBirth: '1990-01-02' });
      expect(res.status).toBe(500);
      expect(res.text).toContain('Something went wrong');
      expect(res.text).not.toMatch(/secret detail|\.ts:\d+|at \w+ \(/);
      const log = w.logLines.join('');
      expect(log).toContain('unexpected error');
      expect(log).not.toContain('secret detail');
    } finally {
      w.context.matcher.lookup = original;
    }
  });

  it('refuses an oversized form body with a 413 page', async () => {
    const agent = await signedInAgent(w, (await makeUser(w)).email);
    const res = await postForm(agent, '/lookup', '/lookup', { givenNames: 'x'.repeat(70_000), familyNames: 'Ruiz', dateOfBirth: '1990-01-02' });
    expect(res.status).toBe(413);
    expect(res.text).toContain('Form too large');
  });
});

describe('logging', () => {
  it('logs method, path and status, but no body, cookie, query or setup token', async () => {
    const org = await w.context.accounts.ensureOrganisation('Log Office');
    const { setupLink } = await w.context.accounts.invite({ orgId: org.id, email: 'log-check@example.org', role: 'attorney', invitedBy: null });
    const token = setupLink.split('/setup/')[1] as string;
    w.logLines.length = 0;
    await request(w.app).get(`/setup/${token}?utm=zzqueryzz`).set('Cookie', 'ec_session=zzcookiezz').expect(200);
    const agent = request.agent(w.app);
    const page = await agent.get('/sign-in');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] as string;
    await agent.post('/sign-in').type('form').send({ _csrf: csrf, email: 'log-check@example.org', password: 'zzpasswordzz' });
    const log = w.logLines.join('');
    expect(log).toContain('/setup/:token');
    for (const secret of [token, 'zzqueryzz', 'zzcookiezz', 'zzpasswordzz', 'log-check@example.org', csrf]) expect(log.includes(secret)).toBe(false);
  });
});
