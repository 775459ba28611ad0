import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../src/app';
import { createLogger } from '../../src/web/logger';
import { openHarness, type Harness } from '../support/harness';
import { ingestSample, SAMPLE_DATASET, type SamplePerson } from '../web/sample-fixture';
import { TEST_WEB_CONFIG } from '../web/support';

/**
 * The attorney's path in a real browser (Debian's chromium, driven by playwright-core): set-up link,
 * password, sign-in, a lookup of a listed sample person, the notice, a lookup of someone not listed;
 * axe on every page of it. CI installs chromium (.ci/run); without it this suite is skipped, loudly.
 */
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.warn(`Browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium).`);
const describeInBrowser = haveChromium ? describe : describe.skip;

const AXE_SOURCE = haveChromium ? fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') : '';
const PASSWORD = 'seven orange kites drifting';

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: unknown[];
}

/** Runs axe in the page. Evaluated over the DevTools protocol, so the page's CSP stays as strict as served. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  // A string, because the test is compiled without DOM types; it runs in the page.
  const violations = (await page.evaluate(
    'axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes })))',
  )) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
}

describeInBrowser('an attorney in headless Chromium', () => {
  let h: Harness;
  let server: http.Server;
  let browser: Browser;
  let setupLink: string;
  let adminLink: string;
  let listed: SamplePerson;
  let notListed: SamplePerson;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    h = await openHarness();
    const s = await ingestSample(h);
    listed = s.personOf('exact');
    notListed = s.personOf('not-listed');
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { app, context } = createApp({
      store: h.store,
      keyring: h.keyring,
      scheduler: h.scheduler,
      config: { ...TEST_WEB_CONFIG, publicUrl: base },
      passwordParams: h.params,
      logger: createLogger(undefined, 'silent'),
    });
    server.on('request', app);
    const org = await context.accounts.ensureOrganisation('Browser Legal Aid');
    ({ setupLink } = await context.accounts.invite({ orgId: org.id, email: 'attorney@example.org', role: 'attorney', invitedBy: null }));
    ({ setupLink: adminLink } = await context.accounts.invite({ orgId: org.id, email: 'admin@example.org', role: 'admin', invitedBy: null }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await h?.close();
  });

  it('sets up the account, checks a listed and an unlisted person, and prints a notice', async () => {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });

    await page.goto(setupLink);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('New password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).click();

    await page.waitForURL(/\/sign-in$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Sign in');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Email address').fill('attorney@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.waitForURL(/\/lookup$/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Given names').fill(listed.givenNames);
    await page.getByLabel('Family names').fill(listed.familyNames);
    await page.getByLabel('Date of birth').fill(listed.dateOfBirth);
    await page.getByRole('button', { name: 'Check' }).click();

    await expect(page.locator('#verdict-title').textContent()).resolves.toBe('Confirmed: this person is in the dataset');
    await expect(page.getByText(SAMPLE_DATASET).first().isVisible()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Prepare the exposure notice' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Exposure notice');
    await expect(page.locator('.notice-head').textContent()).resolves.toContain(`${listed.givenNames} ${listed.familyNames}`);
    // The print button is progressive enhancement: shown by the app's own script.
    await expect(page.locator('.print-button').isVisible()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Check another client' }).click();
    await page.getByLabel('Given names').fill(notListed.givenNames);
    await page.getByLabel('Family names').fill(notListed.familyNames);
    await page.getByLabel('Date of birth').fill(notListed.dateOfBirth);
    await page.getByRole('button', { name: 'Check' }).click();
    await expect(page.locator('#verdict-title').textContent()).resolves.toBe('Not found in any dataset checked');

    // A form error is announced and tied to its field.
    await page.goto(setupLink.replace(/\/setup\/.*/, '/lookup'));
    await page.getByLabel('Given names').fill('Ana');
    await page.getByRole('button', { name: 'Check' }).click();
    await expect(page.locator('#f-dateOfBirth').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await seriousViolations(page)).toEqual([]);

    expect(cspViolations).toEqual([]);
  });

  it('admin and account pages have no serious accessibility problems either', async () => {
    const page = await browser.newPage();
    await page.goto(adminLink);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('New password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.getByLabel('Email address').fill('admin@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/lookup$/);
    const base = adminLink.replace(/\/setup\/.*/, '');
    for (const path of ['/admin', '/admin/users', '/admin/settings', '/admin/datasets', '/admin/usage', '/account', '/account/second-factor']) {
      await page.goto(base + path);
      expect({ path, violations: await seriousViolations(page) }).toEqual({ path, violations: [] });
    }
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Email address').fill('colleague@example.org');
    await page.getByRole('button', { name: 'Create invitation' }).click();
    await expect(page.locator('.setup-link').textContent()).resolves.toMatch(/\/setup\//);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
