import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../src/app';
import type { WebContext } from '../../src/web/context';
import { createLogger } from '../../src/web/logger';
import { openHarness, type Harness } from '../support/harness';
import { TEST_WEB_CONFIG } from '../web/support';
import { ingestListed, parseResultsCsv, type ListedPerson } from '../rosters/support';

/**
 * Intake staff's roster path in a real browser (Debian's chromium via playwright-core): upload,
 * confirm the mapping, watch the progress, download the results; the results' rows match the
 * uploaded rows one for one. axe on every new page; no CSP violation. Skipped, loudly, without chromium.
 */
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.warn(`Browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium).`);
const describeInBrowser = haveChromium ? describe : describe.skip;
const AXE_SOURCE = haveChromium ? fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') : '';
const PASSWORD = 'seven orange kites drifting';

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    'axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))',
  )) as Array<{ id: string; impact: string | null; nodes: number }>;
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes})`);
}

describeInBrowser('intake staff check a roster in headless Chromium', () => {
  let h: Harness;
  let server: http.Server;
  let browser: Browser;
  let context: WebContext;
  let base: string;
  let setupLink: string;
  let listed: ListedPerson[];

  beforeAll(async () => {
    h = await openHarness();
    ({ listed } = await ingestListed(h));
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const app = createApp({
      store: h.store,
      keyring: h.keyring,
      scheduler: h.scheduler,
      config: { ...TEST_WEB_CONFIG, publicUrl: base, userDailyQuota: 2000, orgDailyQuota: 20000 },
      passwordParams: h.params,
      logger: createLogger(undefined, 'silent'),
    });
    context = app.context;
    server.on('request', app.app);
    const org = await context.accounts.ensureOrganisation('Roster Legal Aid');
    ({ setupLink } = await context.accounts.invite({ orgId: org.id, email: 'intake@example.org', role: 'staff', invitedBy: null }));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });

  afterAll(async () => {
    await browser?.close();
    await context?.rosterJobs.idle();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await h?.close();
  });

  it('uploads, confirms the mapping, watches progress and downloads results that match the roster row for row', async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    const csp: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
    });
    await page.goto(setupLink);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('New password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.getByLabel('Email address').fill('intake@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/lookup$/);

    await page.getByRole('link', { name: 'Check a roster' }).click();
    await page.waitForURL(/\/rosters$/);
    expect(await seriousViolations(page)).toEqual([]);

    // A roster long enough to watch: the listed people, then invented ones, with a notes column.
    const own: string[][] = [['Client First Name', 'Client Last Name', 'DOB', 'A#', 'Notes']];
    listed.slice(0, 10).forEach((p, i) => own.push([p.given, p.family, p.usDate, i % 2 ? p.aPrefixed : '', i === 0 ? '=1+2' : `note ${i}`]));
    for (let i = 0; i < 290; i++) own.push([`Invented${i}`, `Person${i}`, `0${(i % 9) + 1}/1${i % 10}/19${50 + (i % 50)}`, '', '']);
    const csv = own.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
    await page.getByLabel('Roster file').setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Upload and check the columns' }).click();

    await page.waitForURL(/\/rosters\/uploads\//);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Confirm the columns');
    await expect(page.getByLabel('Family names').inputValue()).resolves.toBe('2');
    await expect(page.getByLabel('Date of birth').inputValue()).resolves.toBe('3');
    await expect(page.getByLabel('A-number').inputValue()).resolves.toBe('4');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Check 300 rows' }).click();

    await page.waitForURL(/\/rosters\/jobs\//);
    await expect(page.locator('#roster-bar').isVisible()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    // The page follows the job by itself (the app's script, and a Refresh header without script).
    await page.getByText('Finished').first().waitFor({ timeout: 60_000 });
    await expect(page.locator('[data-tier="confirmed"]').textContent()).resolves.toBe('10');
    expect(await seriousViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the results as CSV' }).click()]);
    const rows = parseResultsCsv(fs.readFileSync(await download.path()));
    expect(rows).toHaveLength(own.length);
    rows.forEach((r, i) => {
      const mine = own[i] as string[];
      expect(r.slice(0, 5)).toEqual(mine.map((c) => (/^[=+\-@]/.test(c) ? `'${c}` : c)));
    });
    expect(rows.slice(1, 11).map((r) => r[5])).toEqual(Array(10).fill('confirmed'));

    await page.reload();
    await expect(page.getByText('downloaded and then deleted').isVisible()).resolves.toBe(true);

    await page.goto(`${base}/account/tokens`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Name of the token').fill('case system');
    await page.getByRole('button', { name: 'Create a token' }).click();
    await expect(page.getByLabel('New token').inputValue()).resolves.toMatch(/^ec1_/);
    expect(await seriousViolations(page)).toEqual([]);
    expect(csp).toEqual([]);
  });
});
