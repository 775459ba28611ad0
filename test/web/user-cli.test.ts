import request from 'supertest';
import { runScript } from '../support/cli';
import { openHarness, type Harness } from '../support/harness';
import { csrfFrom, openWeb, type WebHarness } from './support';

let h: Harness;
let w: WebHarness;
beforeAll(async () => {
  h = await openHarness();
  w = await openWeb({}, h);
});
afterAll(() => h.close());

describe('npm run user', () => {
  it('add prints a one-time set-up link that works in the web app', async () => {
    const r = runScript('user.ts', ['add', '--email', 'Cli.Admin@example.org', '--role', 'admin', '--org', 'CLI Legal Aid'], { ...h.env, PUBLIC_URL: 'https://check.example.org' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const link = r.stdout.trim().split('\n').pop() as string;
    expect(link).toMatch(/^https:\/\/check\.example\.org\/setup\/[A-Za-z0-9_-]{43}$/);
    const agent = request.agent(w.app);
    const path = new URL(link).pathname;
    const page = await agent.get(path).expect(200);
    expect(page.text).toContain('cli.admin@example.org');
    await agent.post(path).type('form').send({ _csrf: csrfFrom(page.text), password: 'quiet harbour lamps', confirm: 'quiet harbour lamps' }).expect(303);
    expect((await w.context.accountsRepo.findUserByEmail('cli.admin@example.org'))?.status).toBe('active');
  });

  it('refuses a bad role or a duplicate email with a message and exit code 1', () => {
    const bad = runScript('user.ts', ['add', '--email', 'x@example.org', '--role', 'boss', '--org', 'CLI Legal Aid'], h.env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--role must be admin, attorney or staff');
    const dup = runScript('user.ts', ['add', '--email', 'cli.admin@example.org', '--role', 'staff', '--org', 'CLI Legal Aid'], h.env);
    expect(dup.status).toBe(1);
    expect(dup.stderr).toContain('already exists');
  });
});
