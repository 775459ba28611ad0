import { Writable } from 'node:stream';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp, type App } from '../../src/app';
import type { RosterConfig, WebConfig } from '../../src/config';
import { createLogger } from '../../src/web/logger';
import type { Role } from '../../src/store/accounts-repo';
import { openHarness, type Harness } from '../support/harness';

/** Everything a route test needs: a store in a temp dir, the real app, a captured log and a settable clock. */
export interface WebHarness {
  h: Harness;
  app: App['app'];
  context: App['context'];
  logLines: string[];
  clock: { now: Date };
  close(): Promise<void>;
}

export const TEST_WEB_CONFIG: WebConfig = {
  publicUrl: 'http://127.0.0.1',
  trustProxy: 0,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  userDailyQuota: 50,
  orgDailyQuota: 500,
  logLevel: 'info',
};

export async function openWeb(overrides: Partial<WebConfig> = {}, existing?: Harness, rosters: Partial<RosterConfig> = {}): Promise<WebHarness> {
  const h = existing ?? (await openHarness());
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logLines.push(chunk.toString('utf8'));
      cb();
    },
  });
  const clock = { now: new Date() };
  const { app, context } = createApp({
    store: h.store,
    keyring: h.keyring,
    scheduler: h.scheduler,
    config: { ...TEST_WEB_CONFIG, ...overrides },
    passwordParams: h.params,
    logger: createLogger(sink, 'info'),
    clock: () => clock.now,
    rosters,
  });
  return {
    h,
    app,
    context,
    logLines,
    clock,
    close: async () => {
      await context.rosterJobs.idle();
      if (!existing) await h.close();
    },
  };
}

let counter = 0;
export const PASSWORD = 'correct bumblebee lantern';

/** An organisation and an active user with a password, made through the same service as the product. */
export async function makeUser(w: WebHarness, o: { role?: Role; org?: string; email?: string } = {}) {
  const email = o.email ?? `user${++counter}@example.org`;
  const org = await w.context.accounts.ensureOrganisation(o.org ?? 'Test Legal Aid');
  const { user, setupLink } = await w.context.accounts.invite({ orgId: org.id, email, role: o.role ?? 'attorney', invitedBy: null });
  const token = setupLink.split('/setup/')[1] as string;
  const done = await w.context.accounts.completeSetup(token, PASSWORD);
  if (!done.ok) throw new Error(`setup failed: ${done.problem}`);
  return { user, org, email };
}

/** The `_csrf` value of the first form in a page. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF field in page');
  return m[1] as string;
}

export type Agent = TestAgent;

/** A cookie-keeping client, signed in as `email`. */
export async function signedInAgent(w: WebHarness, email: string, password = PASSWORD): Promise<Agent> {
  const agent = request.agent(w.app);
  const page = await agent.get('/sign-in').expect(200);
  await agent.post('/sign-in').type('form').send({ _csrf: csrfFrom(page.text), email, password }).expect(303).expect('Location', '/lookup');
  return agent;
}

/** GETs a page and posts its form's CSRF token with `fields` to `action`. */
export async function postForm(agent: Agent, pageUrl: string, action: string, fields: Record<string, string>) {
  const page = await agent.get(pageUrl);
  return agent.post(action).type('form').send({ _csrf: csrfFrom(page.text), ...fields });
}
