/**
 * Hostile queue URLs given to the real server through the official SDK.
 * Each must be rejected before any DNS lookup or socket. Recording
 * listeners on 127.0.0.1 and ::1 count connections. Spies on
 * `dns.lookup` and `dns.promises.lookup` record and fail every lookup of
 * a name. A spy on `net.Socket.prototype.connect` records and blocks
 * every socket to a host other than loopback, so a regression cannot
 * reach the network.
 */
import assert from 'node:assert/strict';
import dns from 'node:dns';
import net, { type AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';

import { StreamChat } from 'stream-chat';

import { getApp, type App } from '../accounts/apps.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

/** A listener that counts connections and drops them. */
interface Trap {
  port: number;
  connections: number;
  server: net.Server;
}

async function startTrap(host: string): Promise<Trap | null> {
  const trap: Trap = { port: 0, connections: 0, server: net.createServer() };
  trap.server.on('connection', (socket) => {
    trap.connections += 1;
    socket.destroy();
  });
  try {
    await new Promise<void>((resolve, reject) => {
      trap.server.once('error', reject);
      trap.server.listen(0, host, resolve);
    });
  } catch {
    return null;
  }
  trap.port = (trap.server.address() as AddressInfo).port;
  return trap;
}

const trap4 = await startTrap('127.0.0.1');
const trap6 = await startTrap('::1');
if (trap4 === null) throw new Error('cannot listen on 127.0.0.1');
const port4 = trap4.port;
/** The ::1 trap's port, or the IPv4 one when there is no IPv6 loopback. */
const port6 = trap6?.port ?? port4;
const Q_PATH = '000000000000/q';
const AWS_PATH = '123456789012/q';

/** Label and URL; each would reach a trap, AWS or a metadata service. */
const HOSTILE_URLS: readonly [label: string, url: string][] = [
  ['decimal IPv4', `http://2130706433:${port4}/${Q_PATH}`],
  ['hex IPv4', `http://0x7f000001:${port4}/${Q_PATH}`],
  ['dotted hex IPv4', `http://0x7f.0x0.0x0.0x1:${port4}/${Q_PATH}`],
  ['octal IPv4', `http://0177.0.0.1:${port4}/${Q_PATH}`],
  ['whole octal IPv4', `http://017700000001:${port4}/${Q_PATH}`],
  ['zero-padded IPv4', `http://127.000.000.001:${port4}/${Q_PATH}`],
  ['short IPv4', `http://127.1:${port4}/${Q_PATH}`],
  ['IPv4 with trailing dot', `http://127.0.0.1.:${port4}/${Q_PATH}`],
  ['IPv6 loopback', `http://[::1]:${port6}/${Q_PATH}`],
  ['long IPv6 loopback', `http://[0:0:0:0:0:0:0:1]:${port6}/${Q_PATH}`],
  ['IPv4-mapped IPv6', `http://[::ffff:127.0.0.1]:${port4}/${Q_PATH}`],
  ['hex IPv4-mapped IPv6', `http://[::ffff:7f00:1]:${port4}/${Q_PATH}`],
  ['userinfo before trap', `http://user:pass@127.0.0.1:${port4}/${Q_PATH}`],
  ['AWS name as userinfo',
    `https://sqs.us-east-1.amazonaws.com@127.0.0.1:${port4}/${AWS_PATH}`],
  ['trap as userinfo of AWS',
    `https://127.0.0.1:${port4}@sqs.us-east-1.amazonaws.com/${AWS_PATH}`],
  ['fragment', `http://127.0.0.1:${port4}/${Q_PATH}#@evil.test`],
  ['fragment before path', `http://127.0.0.1:${port4}#/${Q_PATH}`],
  ['query string', `http://127.0.0.1:${port4}/${Q_PATH}?Action=SendMessage`],
  ['backslash', `http://127.0.0.1:${port4}\\@evil.test/${Q_PATH}`],
  ['line break', `http://127.0.0.1:${port4}/${Q_PATH}\r\nHost: evil.test`],
  ['percent-encoded host', `http://127.0.0.%31:${port4}/${Q_PATH}`],
  ['localhost name', `http://localhost:${port4}/${Q_PATH}`],
  ['AWS suffix look-alike',
    `https://sqs.us-east-1.amazonaws.com.evil.test/${AWS_PATH}`],
  ['AWS suffix resolving to loopback',
    `https://sqs.us-east-1.amazonaws.com.127.0.0.1.nip.io/${AWS_PATH}`],
  ['China suffix look-alike',
    `https://sqs.cn-north-1.amazonaws.com.cn.evil.test/${AWS_PATH}`],
  ['AWS prefix look-alike',
    `https://evil-sqs.us-east-1.amazonaws.com/${AWS_PATH}`],
  ['wrong AWS top-level domain',
    `https://sqs.us-east-1.amazonaws.co/${AWS_PATH}`],
  ['Greek omicron in AWS name',
    `https://sqs.us-east-1.amazonaws.c\u03bfm/${AWS_PATH}`],
  ['port on AWS host',
    `https://sqs.us-east-1.amazonaws.com:${port4}/${AWS_PATH}`],
  ['port 443 on AWS host',
    `https://sqs.us-east-1.amazonaws.com:443/${AWS_PATH}`],
  ['plain http to AWS', `http://sqs.us-east-1.amazonaws.com/${AWS_PATH}`],
  ['ftp scheme', `ftp://127.0.0.1:${port4}/${Q_PATH}`],
  ['gopher scheme', `gopher://127.0.0.1:${port4}/_${Q_PATH}`],
  ['websocket scheme', `ws://127.0.0.1:${port4}/${Q_PATH}`],
  ['file scheme', 'file:///etc/passwd'],
  ['javascript scheme', 'javascript:alert(1)'],
  ['data scheme', 'data:text/plain,hello'],
  ['metadata address',
    'http://169.254.169.254/latest/meta-data/iam/security-credentials/'],
  ['metadata address with queue path', `http://169.254.169.254/${Q_PATH}`],
  ['IPv6 metadata address', 'http://[fd00:ec2::254]/latest/meta-data/'],
  ['container credentials address', 'http://169.254.170.2/v2/credentials'],
  ['metadata host name',
    'http://metadata.google.internal/computeMetadata/v1/'],
  ['ARN with a host as region',
    `arn:aws:sqs:us-east-1.evil.test:${AWS_PATH.replace('/', ':')}`],
];

/** Every host name looked up while the suite runs. */
const lookups: string[] = [];
/** Every blocked connection to a host other than loopback. */
const foreignConnections: string[] = [];

const originalLookup = dns.lookup;
const originalPromisesLookup = dns.promises.lookup;
const originalConnect = net.Socket.prototype.connect;
const LOOPBACK = new Set(['127.0.0.1', '::1']);

function installSpies(): void {
  const blockLookup = (hostname: string): NodeJS.ErrnoException => {
    lookups.push(hostname);
    return Object.assign(new Error(`lookup of ${hostname} blocked by test`),
      { code: 'ENOTFOUND' });
  };
  // Address literals pass, because `server.listen` looks them up too
  // and no resolver is asked for them.
  const spyLookup = (hostname: string, ...rest: unknown[]): void => {
    if (net.isIP(hostname)) {
      (originalLookup as (...args: unknown[]) => void)(hostname, ...rest);
      return;
    }
    const callback = rest[rest.length - 1] as (err: Error) => void;
    process.nextTick(() => callback(blockLookup(hostname)));
  };
  Object.assign(dns, { lookup: spyLookup });
  Object.assign(dns.promises, {
    lookup: async (hostname: string, ...rest: unknown[]) => {
      if (net.isIP(hostname)) {
        return (originalPromisesLookup as (...args: unknown[]) => unknown)(
          hostname, ...rest);
      }
      throw blockLookup(hostname);
    },
  });
  net.Socket.prototype.connect = function connect(
    this: net.Socket,
    ...args: unknown[]
  ): net.Socket {
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    const host = typeof first === 'object' && first !== null
      ? (first as { host?: string; path?: string }).host
      : (typeof args[1] === 'string' ? args[1] : 'localhost');
    const isPath = typeof first === 'object' && first !== null &&
      'path' in first && (first as { path?: unknown }).path !== undefined;
    if (!isPath && host !== undefined && !LOOPBACK.has(host)) {
      foreignConnections.push(host);
      process.nextTick(() =>
        this.destroy(new Error(`connection to ${host} blocked by test`)));
      return this;
    }
    return originalConnect.apply(this, args as never);
  } as typeof net.Socket.prototype.connect;
}

function removeSpies(): void {
  Object.assign(dns, { lookup: originalLookup });
  Object.assign(dns.promises, { lookup: originalPromisesLookup });
  net.Socket.prototype.connect = originalConnect;
}

let server: TestServer;
let app: App;
let client: StreamChat;

before(async () => {
  installSpies();
  server = await startTestServer({
    allowedSqsOrigins: [`http://127.0.0.1:${port4}`],
    limits: { sqsTestsPerMinute: 0, chatApiRequestsPerMinute: 0 },
  });
  app = await server.createApp('Hostile URLs');
  client = new StreamChat(app.api_key, app.api_secret, {
    baseURL: server.baseUrl,
  });
});

after(async () => {
  await server.close();
  removeSpies();
  for (const trap of [trap4, trap6]) {
    await new Promise((resolve) => trap?.server.close(resolve));
  }
});

function assertNothingDialled(label: string): void {
  assert.equal(trap4?.connections, 0, `${label}: IPv4 trap dialled`);
  assert.equal(trap6?.connections ?? 0, 0, `${label}: IPv6 trap dialled`);
  assert.deepEqual(lookups, [], `${label}: DNS lookups`);
  assert.deepEqual(foreignConnections, [], `${label}: other hosts dialled`);
}

for (const [label, url] of HOSTILE_URLS) {
  test(`${label} is rejected without a connection`, async () => {
    await assert.rejects(
      client.updateAppSettings({ sqs_url: url }),
      /StreamChat error code 4: /,
    );
    const result = await client.testSQSSettings({ sqs_url: url });

    assert.equal(result.status, 'error');
    assert.match(String(result.error), /invalid SQS url/);
    assert.equal((await getApp(server.db, app.id)).sqs_url, '');
    assertNothingDialled(label);
  });
}

test('allowed URL reaches the trap, proving it records', async () => {
  const result = await client.testSQSSettings({
    sqs_url: `http://127.0.0.1:${port4}/${Q_PATH}`,
  });

  assert.equal(result.status, 'error');
  assert.ok((trap4?.connections ?? 0) >= 1);
  assert.deepEqual(lookups, []);
});
