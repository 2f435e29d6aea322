import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DashboardBrowser } from '../../test-support/dashboard-browser.js';
import {
  startTestServer,
  type TestServer,
} from '../../test-support/server.js';

const PASSWORD = 'a long enough test password';
const LOCKED_OUT =
  /^Too many failed sign-in attempts\. Try again in 15 minutes/;

interface SignInResult {
  status: number;
  message: string | undefined;
  retryAfter: string | null;
  setCookie: string | null;
  elapsedMs: number;
}

/** Posts a sign-in, optionally as if forwarded by a proxy. */
async function signIn(
  server: TestServer,
  email: string,
  password: string,
  forwarded: Record<string, string> = {},
): Promise<SignInResult> {
  const started = performance.now();
  const response = await fetch(`${server.baseUrl}/dashboard/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...forwarded },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { error?: { message: string } };
  return {
    status: response.status,
    message: body.error?.message,
    retryAfter: response.headers.get('retry-after'),
    setCookie: response.headers.get('set-cookie'),
    elapsedMs: performance.now() - started,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

describe('sign-in limits without a proxy', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
    await server.createUser('guessed@example.com', PASSWORD);
    await server.createUser('bystander@example.com', PASSWORD);
  });

  after(() => server.close());

  test('sixth failure on one account answers 429', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const result = await signIn(server, 'guessed@example.com', 'wrong!');
      assert.equal(result.status, 401, `attempt ${attempt}`);
    }

    const limited = await signIn(server, 'guessed@example.com', 'wrong!');

    assert.equal(limited.status, 429);
    assert.match(limited.message ?? '', LOCKED_OUT);
    assert.ok(Number(limited.retryAfter) > 800, limited.retryAfter ?? '');
    assert.ok(Number(limited.retryAfter) <= 900, limited.retryAfter ?? '');
  });

  test('locked account refuses the right password', async () => {
    const result = await signIn(server, 'guessed@example.com', PASSWORD);

    assert.equal(result.status, 429);
    assert.equal(result.setCookie, null);
  });

  test('account limit ignores email case', async () => {
    const result = await signIn(server, ' GUESSED@example.com', PASSWORD);

    assert.equal(result.status, 429);
  });

  test('unknown email is limited the same way', async () => {
    const results: SignInResult[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      results.push(await signIn(server, 'nobody@example.com', 'wrong!'));
    }

    assert.deepEqual(
      results.map((result) => result.status),
      [401, 401, 401, 401, 401, 429],
    );
    assert.equal(results[0]?.message, 'Email or password is incorrect.');
    assert.match(results[5]?.message ?? '', LOCKED_OUT);
  });

  test('forty failures leave other users able to sign in', async () => {
    for (let attempt = 1; attempt <= 40; attempt++) {
      await signIn(server, 'guessed@example.com', `guess ${attempt}`);
    }

    const result = await signIn(server, 'bystander@example.com', PASSWORD);

    assert.equal(result.status, 200);
  });

  test('forwarded https does not mark the cookie Secure', async () => {
    const result = await signIn(server, 'bystander@example.com', PASSWORD, {
      'x-forwarded-proto': 'https',
    });

    assert.equal(result.status, 200);
    assert.doesNotMatch(result.setCookie ?? '', /;\s*Secure/i);
    assert.match(result.setCookie ?? '', /HttpOnly/i);
    assert.match(result.setCookie ?? '', /SameSite=Lax/i);
  });
});

describe('sign-in behind a trusted proxy', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({
      trustProxy: ['loopback'],
      limits: { signInFailuresPerAddress: 3 },
    });
    await server.createUser('owner@example.com', PASSWORD);
  });

  after(() => server.close());

  test('https through the proxy marks the cookie Secure', async () => {
    const result = await signIn(server, 'owner@example.com', PASSWORD, {
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '198.51.100.1',
    });

    assert.equal(result.status, 200);
    assert.match(result.setCookie ?? '', /;\s*Secure/i);
  });

  test('failures on many accounts lock the address', async () => {
    const client = { 'x-forwarded-for': '203.0.113.7' };
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com']) {
      const result = await signIn(server, email, 'wrong!', client);
      assert.equal(result.status, 401, email);
    }

    const limited = await signIn(server, 'owner@example.com', PASSWORD,
      client);
    const elsewhere = await signIn(server, 'owner@example.com', PASSWORD, {
      'x-forwarded-for': '203.0.113.8',
    });

    assert.equal(limited.status, 429);
    assert.match(limited.message ?? '', LOCKED_OUT);
    assert.equal(elsewhere.status, 200);
  });

  test('unknown email takes as long as a wrong password', async () => {
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let round = 0; round < 4; round++) {
      const client = { 'x-forwarded-for': `192.0.2.${round + 10}` };
      wrong.push(
        (await signIn(server, 'owner@example.com', 'wrong!', client))
          .elapsedMs,
      );
      unknown.push(
        (await signIn(server, `ghost${round}@example.com`, 'wrong!', client))
          .elapsedMs,
      );
    }

    const ratio = median(unknown) / median(wrong);
    assert.ok(ratio > 0.5, `unknown/wrong time ratio ${ratio}`);
    assert.ok(ratio < 2, `unknown/wrong time ratio ${ratio}`);
  });
});

describe('session lifetime', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
    await server.createUser('idle@example.com', PASSWORD);
  });

  after(() => server.close());

  async function signedInBrowser(): Promise<DashboardBrowser> {
    const browser = new DashboardBrowser(server.baseUrl);
    await browser.signIn('idle@example.com', PASSWORD);
    return browser;
  }

  test('session idle for 13 hours has ended', async () => {
    const browser = await signedInBrowser();
    const idleSince = new Date(Date.now() - 13 * 3_600_000).toISOString();
    await server.db.updateTable('sessions').set({ last_seen_at: idleSince })
      .execute();

    const response = await browser.request('GET', '/session');

    assert.equal(response.status, 401);
    const left = await server.db.selectFrom('sessions').selectAll().execute();
    assert.equal(left.length, 0);
  });

  test('session past its maximum age has ended', async () => {
    const browser = await signedInBrowser();
    const expired = new Date(Date.now() - 1000).toISOString();
    await server.db.updateTable('sessions').set({ expires_at: expired })
      .execute();

    const response = await browser.request('GET', '/session');

    assert.equal(response.status, 401);
  });

  test('sign-out ends the session on the server', async () => {
    const browser = await signedInBrowser();

    const signOut = await browser.request('DELETE', '/session');
    const rows = await server.db.selectFrom('sessions').selectAll().execute();

    assert.equal(signOut.status, 204);
    assert.equal(rows.length, 0);
  });

  test('sign-in replaces the session token', async () => {
    const browser = await signedInBrowser();
    const first = await server.db.selectFrom('sessions').select('id')
      .execute();

    await browser.signIn('idle@example.com', PASSWORD);
    const second = await server.db.selectFrom('sessions').select('id')
      .execute();

    assert.equal(first.length, 1);
    assert.equal(second.length, 1);
    assert.notEqual(second[0]?.id, first[0]?.id);
  });
});
