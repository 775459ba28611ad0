import request from 'supertest';
import { csrfFrom, makeUser, openWeb, PASSWORD, postForm, signedInAgent, type Agent, type WebHarness } from './support';
import { ingestSample, SAMPLE_DATASET } from './sample-fixture';

let w: WebHarness;
let admin: Agent;
let orgId: string;

beforeAll(async () => {
  w = await openWeb({ userDailyQuota: 40 });
  await ingestSample(w.h, 20);
  const a = await makeUser(w, { role: 'admin', org: 'Admin Office' });
  orgId = a.org.id;
  admin = await signedInAgent(w, a.email);
});
afterAll(() => w.close());

const userIdOf = async (email: string) => (await w.context.accountsRepo.findUserByEmail(email))?.id as string;

describe('users page', () => {
  it('invites a user and shows the one-time link once', async () => {
    const res = await postForm(admin, '/admin/users', '/admin/users', { email: 'New.Attorney@example.org', role: 'attorney' });
    expect(res.status).toBe(200);
    const link = /<code class="break setup-link">([^<]+)<\/code>/.exec(res.text)?.[1] as string;
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1\/setup\/[A-Za-z0-9_-]{43}$/);
    const again = await admin.get('/admin/users');
    expect(again.text).toContain('new.attorney@example.org');
    expect(again.text).not.toContain(link);
    await request(w.app).get(new URL(link).pathname).expect(200);
  });

  it('refuses a duplicate or invalid email, naming the field', async () => {
    const dup = await postForm(admin, '/admin/users', '/admin/users', { email: 'new.attorney@example.org', role: 'staff' });
    expect(dup.status).toBe(400);
    expect(dup.text).toContain('href="#f-email"');
    const bad = await postForm(admin, '/admin/users', '/admin/users', { email: 'x@y', role: 'boss' });
    expect(bad.status).toBe(400);
  });

  it('changes a role, disables and enables an account, ending its sessions', async () => {
    const { email } = await makeUser(w, { org: 'Admin Office', role: 'staff' });
    const id = await userIdOf(email);
    const user = await signedInAgent(w, email);
    expect((await postForm(admin, '/admin/users', `/admin/users/${id}/role`, { role: 'attorney' })).status).toBe(303);
    expect((await w.context.accountsRepo.getUser(id))?.role).toBe('attorney');
    await user.get('/lookup').expect(303);

    expect((await postForm(admin, '/admin/users', `/admin/users/${id}/disable`, {})).status).toBe(303);
    const fresh = request.agent(w.app);
    const p2 = await fresh.get('/sign-in');
    expect((await fresh.post('/sign-in').type('form').send({ _csrf: csrfFrom(p2.text), email, password: PASSWORD })).status).toBe(401);

    expect((await postForm(admin, '/admin/users', `/admin/users/${id}/enable`, {})).status).toBe(303);
    await signedInAgent(w, email);
  });

  it('treats another organisation’s user as not found', async () => {
    const other = await makeUser(w, { org: 'Other Office' });
    const id = await userIdOf(other.email);
    const res = await postForm(admin, '/admin/users', `/admin/users/${id}/disable`, {});
    expect(res.status).toBe(400);
    expect(res.text).toContain('No such user');
    expect((await w.context.accountsRepo.getUser(id))?.status).toBe('active');
    expect((await admin.get('/admin/users')).text).not.toContain(other.email);
  });

  it('keeps at least one admin', async () => {
    const solo = await makeUser(w, { org: 'Solo Office', role: 'admin' });
    const agent = await signedInAgent(w, solo.email);
    const res = await postForm(agent, '/admin/users', `/admin/users/${await userIdOf(solo.email)}/role`, { role: 'attorney' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('at least one active admin');
  });

  it('resets a second factor', async () => {
    const { email } = await makeUser(w, { org: 'Admin Office' });
    const id = await userIdOf(email);
    await w.context.accountsRepo.setTotp(id, Buffer.from('sealed-secret'));
    expect((await postForm(admin, '/admin/users', `/admin/users/${id}/second-factor/reset`, {})).status).toBe(303);
    expect((await w.context.accountsRepo.getUser(id))?.totpSealed).toBeNull();
  });
});

describe('organisation settings', () => {
  it('saves quotas and the second-factor requirement, and validates them by field', async () => {
    const bad = await postForm(admin, '/admin/settings', '/admin/settings', { userDailyQuota: 'lots', orgDailyQuota: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#f-userDailyQuota"');
    expect(bad.text).not.toContain('lots</');
    const ok = await postForm(admin, '/admin/settings', '/admin/settings', { requireTotp: 'on', userDailyQuota: '25', orgDailyQuota: '' });
    expect(ok.status).toBe(303);
    expect(await w.context.accountsRepo.getOrg(orgId)).toMatchObject({ requireTotp: true, userDailyQuota: 25, orgDailyQuota: null });
    await w.context.accountsRepo.updateOrgSettings(orgId, { requireTotp: false, userDailyQuota: null, orgDailyQuota: null });
  });
});

describe('datasets page', () => {
  it('shows metadata only', async () => {
    const res = await admin.get('/admin/datasets').expect(200);
    expect(res.text).toContain(SAMPLE_DATASET);
    expect(res.text).toContain('2024-06-11');
    expect(res.text).toContain('fear-screening results');
    expect(res.text).toMatch(/<dt>Records<\/dt><dd>20<\/dd>/);
  });
});

describe('usage page', () => {
  it('counts lookups by user and flags unusual volume, never showing whom', async () => {
    const busy = await makeUser(w, { org: 'Admin Office', email: 'busy@example.org' });
    const agent = await signedInAgent(w, busy.email);
    // 25: above the flagging floor, under the per-minute burst limit (30).
    for (let i = 0; i < 25; i++) {
      const res = await postForm(agent, '/lookup', '/lookup', { givenNames: 'Ana', familyNames: `Ruizname${i}`, dateOfBirth: '1990-01-02' });
      expect(res.status).toBe(200);
    }
    const usage = await admin.get('/admin/usage').expect(200);
    expect(usage.text).toMatch(/busy@example\.org<\/th><td>25<\/td>/);
    expect(usage.text).toContain('Unusual');
    expect(usage.text).not.toContain('Ruizname');
    const overview = await admin.get('/admin').expect(200);
    expect(overview.text).toContain('busy@example.org');
  });
});
