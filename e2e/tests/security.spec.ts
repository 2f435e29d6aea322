/**
 * Security seen from the browser: cookie flags, the Content-Security-
 * Policy, the sign-in rate limit and API secret rotation.
 *
 * These tests use their own users in their own organisation, created
 * with the CLI, so other specs are unaffected. The per-account limit
 * rejects the forty wrong passwords from the sixth on, before the
 * per-address limit counts them, so the loopback address keeps most of
 * its budget of failures and the other specs' user can still sign in.
 */
import type { Page } from '@playwright/test';
import { StreamChat } from 'stream-chat';

import {
  loadEnvironment,
  type TestEnvironment,
} from '../support/environment.js';
import { expect, test } from '../support/fixtures.js';
import { runCli } from '../support/processes.js';

const ORG = 'Security testers';
const PASSWORD = 'a distinct security password';
const LOCKED_EMAIL = 'locked-out@example.com';
const ROTATOR_EMAIL = 'rotator@example.com';
const SESSION_COOKIE = 'sqs_bridge_session';

interface CreatedApp {
  id: string;
  name: string;
  api_key: string;
  api_secret: string;
}

let rotatedApp: CreatedApp;

test.beforeAll(() => {
  const environment = loadEnvironment();
  for (const email of [LOCKED_EMAIL, ROTATOR_EMAIL]) {
    runCli(['users', 'create', '--email', email, '--password', PASSWORD,
      '--org', ORG], environment.dataDir);
  }
  rotatedApp = JSON.parse(
    runCli(['apps', 'create', '--name', 'Rotated chat', '--org', ORG,
      '--json'], environment.dataDir),
  ) as CreatedApp;
});

async function signInAs(page: Page, environment: TestEnvironment,
  email: string) {
  await page.goto(`${environment.baseUrl}/dashboard/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
}

test('dashboard renders under a strict CSP', async ({ page, environment }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) {
      violations.push(message.text());
    }
  });

  const response = await page.goto(`${environment.baseUrl}/dashboard/`);

  const csp = (await response?.allHeaders())?.['content-security-policy'];
  expect(csp).toMatch(/script-src 'self'(;|$)/);
  expect(csp).toMatch(/style-src 'self'(;|$)/);
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(violations).toEqual([]);
});

test('session cookie is hidden from scripts', async ({
  page,
  context,
  environment,
}) => {
  await signInAs(page, environment, ROTATOR_EMAIL);

  const cookies = await context.cookies(environment.baseUrl);
  const session = cookies.find((cookie) => cookie.name === SESSION_COOKIE);
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Lax');
  expect(session?.secure).toBe(false);
  const visible = await page.evaluate(() => document.cookie);
  expect(visible).not.toContain(SESSION_COOKIE);
});

test('forty wrong passwords are rate-limited', async ({
  page,
  environment,
}) => {
  await page.goto(`${environment.baseUrl}/dashboard/`);
  await page.getByLabel('Email').fill(LOCKED_EMAIL);
  const statuses: number[] = [];

  for (let attempt = 1; attempt <= 40; attempt++) {
    await page.getByLabel('Password').fill(`wrong password ${attempt}`);
    const [response] = await Promise.all([
      page.waitForResponse((candidate) =>
        candidate.url().endsWith('/dashboard/api/session') &&
        candidate.request().method() === 'POST'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    statuses.push(response.status());
  }

  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
  expect(statuses.slice(5)).toEqual(Array(35).fill(429));
  await expect(page.getByRole('alert')).toHaveText(
    /Too many failed sign-in attempts\. Try again in 15 minutes/,
  );
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(/Too many failed/);
  await expect(page.getByRole('navigation')).toBeHidden();
});

test('rotating the API secret shows the new one once', async ({
  page,
  context,
  environment,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: environment.baseUrl,
  });
  await signInAs(page, environment, ROTATOR_EMAIL);
  await page.goto(`${environment.baseUrl}/dashboard/apps/${rotatedApp.id}` +
    '/chat/overview');

  await test.step('confirm the rotation', async () => {
    await page.getByRole('button', { name: 'Rotate API secret' }).click();
    await expect(page.getByText(/current secret stops working at once/))
      .toBeVisible();
    await page.getByRole('button', { name: 'Rotate now' }).click();
  });

  const newSecret = page.getByText(/^[a-z0-9]{64}$/);
  await expect(newSecret).toBeVisible();
  const secret = (await newSecret.textContent()) ?? '';
  expect(secret).not.toBe(rotatedApp.api_secret);

  await test.step('copy the new secret', async () => {
    await page.getByRole('button', { name: 'Copy API secret' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Copied.' }))
      .toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText()))
      .toBe(secret);
  });

  await test.step('only the new secret signs API calls', async () => {
    const client = (apiSecret: string) => new StreamChat(
      rotatedApp.api_key, apiSecret, { baseURL: environment.baseUrl });
    await expect(client(rotatedApp.api_secret).getAppSettings())
      .rejects.toThrow(/StreamChat error code 5/);
    const settings = await client(secret).getAppSettings();
    expect(settings.app?.name).toBe(rotatedApp.name);
  });

  await test.step('the secret is gone after Done', async () => {
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByText(secret)).toBeHidden();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Rotate API secret' }))
      .toBeVisible();
    await expect(page.getByText(secret)).toBeHidden();
  });
});
