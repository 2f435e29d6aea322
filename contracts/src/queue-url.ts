/**
 * Parses the queue a customer names, as a queue URL or a queue ARN, into
 * one canonical URL. The check decides which host the server will open a
 * connection to, so it accepts AWS SQS hosts by exact pattern and other
 * servers only when their origin is in an allow-list. It uses only the
 * global `URL`, so the browser form and the server share it.
 *
 * Canonical forms:
 * - `https://sqs.<region>.amazonaws.com/<account>/<name>`, and
 *   `amazonaws.com.cn` for the China regions. Legacy hosts
 *   (`<region>.queue.amazonaws.com`, `queue.amazonaws.com`) and ARNs
 *   become this form.
 * - FIPS hosts stay `https://sqs-fips.<region>.amazonaws.com/...`, because
 *   a customer who names a FIPS endpoint requires it.
 * - URLs of an allowed origin keep that origin: `<origin>/<account>/<name>`.
 * In all forms the trailing slash is dropped and the queue name keeps its
 * case (SQS queue names are case-sensitive).
 */

/** A queue named by a valid URL or ARN. */
export interface ParsedQueue {
  /** Canonical queue URL, the one to send `QueueUrl` as. */
  url: string;
  region: string;
  accountId: string;
  /** Queue name, with the `.fifo` suffix for FIFO queues. */
  name: string;
  arn: string;
  fifo: boolean;
  /** Origin of an allowed non-AWS server, or null for AWS. */
  endpoint: string | null;
}

export type QueueUrlResult =
  | { ok: true; queue: ParsedQueue }
  | { ok: false; error: string };

export interface ParseQueueUrlOptions {
  /**
   * Origins (`scheme://host:port`) of SQS-compatible servers besides AWS
   * that may be used, such as a local test server. Entries are compared
   * after normalising with `new URL(entry).origin`. Invalid entries are
   * ignored.
   */
  allowedOrigins: readonly string[];
}

const EXPECTED_FORM =
  'Expected https://sqs.<region>.amazonaws.com/<account id>/<queue name> ' +
  'or a queue ARN (arn:aws:sqs:<region>:<account id>:<queue name>)';

const REGION = '[a-z]{2}(?:-gov)?-[a-z]+-\\d';
const REGION_PATTERN = new RegExp(`^${REGION}$`);
const QUEUE_NAME = /^(?:[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\.fifo)$/;
const AWS_ACCOUNT_ID = /^\d{12}$/;

/** Characters a queue URL may contain, which excludes `@ ? # % \ [ ]`. */
const URL_CHARACTERS = /^[A-Za-z0-9._:/-]+$/;
const URL_PARTS = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/]*)(.*)$/;
const QUEUE_PATH = /^\/([^/]+)\/([^/]+)\/?$/;

/** AWS SQS host patterns, each with the region it implies. */
const AWS_HOSTS: readonly { pattern: RegExp; region?: string }[] = [
  { pattern: new RegExp(`^sqs\\.(${REGION})\\.amazonaws\\.com(?:\\.cn)?$`) },
  { pattern: new RegExp(`^sqs-fips\\.(${REGION})\\.amazonaws\\.com$`) },
  { pattern: new RegExp(`^(${REGION})\\.queue\\.amazonaws\\.com$`) },
  { pattern: /^queue\.amazonaws\.com$/, region: 'us-east-1' },
];

const LOCAL_REGION_HOST = new RegExp(`^sqs\\.(${REGION})\\.`);

type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

interface SplitUrl {
  scheme: string;
  authority: string;
  path: string;
  url: URL;
}

/**
 * Parses a queue URL or queue ARN and returns its canonical form, or an
 * error that contains `invalid SQS url <input>` and the expected form.
 * Surrounding whitespace is trimmed. An empty input is an error too,
 * although callers treat an empty setting as "SQS off" before calling.
 */
export function parseQueueUrl(
  input: string,
  options: ParseQueueUrlOptions,
): QueueUrlResult {
  const trimmed = input.trim();
  if (trimmed === '') {
    return { ok: false, error: 'SQS URL is empty.' };
  }
  if (trimmed.startsWith('arn:')) {
    return parseQueueArn(trimmed);
  }
  return parseUrl(trimmed, options.allowedOrigins);
}

/** Longer inputs are cut in error messages, so an error stays readable. */
const MAX_QUOTED_LENGTH = 300;

function reject(input: string, reason: string): QueueUrlResult {
  const quoted =
    input.length > MAX_QUOTED_LENGTH
      ? `${input.slice(0, MAX_QUOTED_LENGTH)}…`
      : input;
  return {
    ok: false,
    error: `invalid SQS url ${quoted}: ${reason}. ${EXPECTED_FORM}.`,
  };
}

/** Names the first character that no queue URL contains. */
function describeBadCharacter(input: string): string {
  const bad = [...input].find((character) => !URL_CHARACTERS.test(character));
  if (bad === undefined) {
    return 'it contains a character that a queue URL cannot contain';
  }
  const code = bad.codePointAt(0) ?? 0;
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const shown = code > 0x20 && code !== 0x7f ? `"${bad}" (${name})` : name;
  return `it contains the character ${shown}, which a queue URL cannot contain`;
}

function parseQueueArn(input: string): QueueUrlResult {
  const parts = input.split(':');
  if (parts.length !== 6 || parts[2] !== 'sqs') {
    return reject(input, 'not a queue ARN');
  }
  const [, partition = '', , region = '', accountId = '', name = ''] = parts;
  if (!REGION_PATTERN.test(region)) {
    return reject(input, `"${region}" is not an AWS region`);
  }
  if (partition !== partitionOf(region)) {
    return reject(input, `partition "${partition}" does not match ${region}`);
  }
  return buildAwsQueue(input, {
    host: `sqs.${region}.${domainOf(region)}`,
    region,
    path: `/${accountId}/${name}`,
  });
}

function parseUrl(
  input: string,
  allowedOrigins: readonly string[],
): QueueUrlResult {
  const split = splitUrl(input);
  if (typeof split === 'string') {
    return reject(input, split);
  }
  const awsRegion = regionOfAwsHost(split.url.hostname);
  if (awsRegion !== null) {
    return parseAwsUrl(input, split, awsRegion);
  }
  if (normaliseOrigins(allowedOrigins).has(split.url.origin)) {
    return parseAllowedOriginUrl(input, split);
  }
  if (split.scheme !== 'https' && split.scheme !== 'http') {
    return reject(input, `the scheme "${split.scheme}:" is not https`);
  }
  return reject(input, 'the host is not an Amazon SQS endpoint');
}

/**
 * Splits the URL as written and checks that the URL parser read the same
 * host: a parser rewrites numeric IPv4 forms (`2130706433`, `0x7f.1`),
 * which must not slip through as an allowed origin.
 */
function splitUrl(input: string): SplitUrl | string {
  if (!URL_CHARACTERS.test(input)) {
    return describeBadCharacter(input);
  }
  const match = URL_PARTS.exec(input);
  const url = match === null ? null : toUrl(input);
  if (match === null || url === null) {
    return 'not a URL';
  }
  const [, scheme = '', authority = '', path = ''] = match;
  const writtenHost = authority.toLowerCase().replace(/:\d*$/, '');
  if (writtenHost !== url.hostname) {
    return 'the host is not written as a plain host name';
  }
  return { scheme: scheme.toLowerCase(), authority, path, url };
}

function toUrl(input: string): URL | null {
  try {
    return new URL(input);
  } catch {
    return null;
  }
}

function regionOfAwsHost(hostname: string): string | null {
  for (const { pattern, region } of AWS_HOSTS) {
    const match = pattern.exec(hostname);
    if (match !== null) {
      return region ?? match[1] ?? null;
    }
  }
  return null;
}

function parseAwsUrl(
  input: string,
  split: SplitUrl,
  region: string,
): QueueUrlResult {
  if (split.scheme !== 'https') {
    return reject(input, 'AWS queue URLs use https');
  }
  if (split.authority.includes(':')) {
    return reject(input, 'AWS queue URLs have no port');
  }
  const host = split.url.hostname;
  const china = host.endsWith('.cn');
  if (china !== (partitionOf(region) === 'aws-cn')) {
    return reject(input, `${region} is not served by ${host}`);
  }
  const fips = host.startsWith('sqs-fips.');
  const canonicalHost = fips ? host : `sqs.${region}.${domainOf(region)}`;
  const path = split.path;
  return buildAwsQueue(input, { host: canonicalHost, region, path });
}

function buildAwsQueue(
  input: string,
  target: { host: string; region: string; path: string },
): QueueUrlResult {
  const path = parseQueuePath(target.path);
  if (typeof path === 'string') {
    return reject(input, path);
  }
  if (!AWS_ACCOUNT_ID.test(path.accountId)) {
    return reject(input, 'the account id must be 12 digits');
  }
  const { region } = target;
  const queue: ParsedQueue = {
    url: `https://${target.host}/${path.accountId}/${path.name}`,
    region,
    accountId: path.accountId,
    name: path.name,
    arn: queueArn(region, path.accountId, path.name),
    fifo: path.name.endsWith('.fifo'),
    endpoint: null,
  };
  return { ok: true, queue };
}

function parseAllowedOriginUrl(
  input: string,
  split: SplitUrl,
): QueueUrlResult {
  if (split.scheme !== 'http' && split.scheme !== 'https') {
    return reject(input, 'queue URLs use https or http');
  }
  const path = parseQueuePath(split.path);
  if (typeof path === 'string') {
    return reject(input, path);
  }
  if (!/^\d+$/.test(path.accountId)) {
    return reject(input, 'the account id must be digits');
  }
  const origin = split.url.origin;
  const regionMatch = LOCAL_REGION_HOST.exec(split.url.hostname);
  const region = regionMatch?.[1] ?? 'us-east-1';
  const queue: ParsedQueue = {
    url: `${origin}/${path.accountId}/${path.name}`,
    region,
    accountId: path.accountId,
    name: path.name,
    arn: queueArn(region, path.accountId, path.name),
    fifo: path.name.endsWith('.fifo'),
    endpoint: origin,
  };
  return { ok: true, queue };
}

function parseQueuePath(
  path: string,
): { accountId: string; name: string } | string {
  const match = QUEUE_PATH.exec(path);
  if (match === null) {
    return 'the path must be /<account id>/<queue name>';
  }
  const [, accountId = '', name = ''] = match;
  if (!QUEUE_NAME.test(name)) {
    return (
      'a queue name has 1 to 80 characters of letters, digits, "-" and ' +
      '"_", and FIFO queue names end in ".fifo"'
    );
  }
  return { accountId, name };
}

function normaliseOrigins(origins: readonly string[]): Set<string> {
  const normalised = new Set<string>();
  for (const entry of origins) {
    // An invalid entry, or one without an origin such as file:, allows
    // nothing.
    const origin = toUrl(entry)?.origin;
    if (origin !== undefined && origin !== 'null') {
      normalised.add(origin);
    }
  }
  return normalised;
}

function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) {
    return 'aws-cn';
  }
  return region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

function domainOf(region: string): string {
  return partitionOf(region) === 'aws-cn'
    ? 'amazonaws.com.cn'
    : 'amazonaws.com';
}

function queueArn(region: string, accountId: string, name: string): string {
  return `arn:${partitionOf(region)}:sqs:${region}:${accountId}:${name}`;
}
