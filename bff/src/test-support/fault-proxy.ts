/**
 * An HTTP proxy for tests that forwards SQS JSON-protocol requests to a
 * local SQS server. By rule, it responds to chosen actions with a fault
 * instead: an SQS error, any raw response, a rewritten upstream response,
 * a dropped connection, no response at all, or rejected batch entries.
 * Rules can target one queue. It produces the behaviours
 * that only real AWS shows (a rejected key, a denied permission,
 * throttling) against a server that checks none of them.
 *
 * The proxy forwards the `Host` header unchanged, so a queue created
 * through the proxy gets a URL with the proxy's origin and works through
 * it.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** The SQS error that AWS returns, as the JSON protocol carries it. */
export interface SqsErrorFault {
  kind: 'sqs-error';
  httpStatus: number;
  /** The body's `__type`, such as `com.amazonaws.sqs#QueueDoesNotExist`. */
  type: string;
  /** The `x-amzn-query-error` header, such as `AccessDenied;Sender`. */
  queryError: string;
  message: string;
}

/** Any response, such as an HTML error page or a 200 without JSON. */
export interface RawResponseFault {
  kind: 'response';
  httpStatus: number;
  headers?: Record<string, string>;
  body: string;
}

/** Forwards the request and replaces the upstream's JSON response body. */
export interface RewriteFault {
  kind: 'rewrite';
  rewrite: (body: Record<string, unknown>) => Record<string, unknown>;
}

/** Destroys the connection without a response. */
export interface DropFault {
  kind: 'drop';
}

/** Reads the request and never responds. */
export interface HangFault {
  kind: 'hang';
}

/** One rejected batch entry, as SQS lists it in `Failed[]`. */
export interface EntryFailure {
  code: string;
  message: string;
  senderFault: boolean;
}

/**
 * For `SendMessageBatch`: removes the entries that `select` picks from the
 * request, forwards the rest, and lists the picked ones in `Failed[]`, as
 * SQS does when it rejects single entries of an accepted call.
 */
export interface FailEntriesFault {
  kind: 'fail-entries';
  select: (entry: Record<string, unknown>) => EntryFailure | null;
}

/**
 * Picks a fault per request, or null to forward it unchanged, such as at
 * random from a seeded generator.
 */
export interface ChooseFault {
  kind: 'choose';
  choose: () => Exclude<Fault, ChooseFault> | null;
}

export type Fault =
  | SqsErrorFault
  | RawResponseFault
  | RewriteFault
  | DropFault
  | HangFault
  | FailEntriesFault
  | ChooseFault;

/** A fault for requests of one SQS action. */
export interface FaultRule {
  /** SQS action such as `SendMessage`, or `*` for every action. */
  action: string;
  fault: Fault;
  /** How many matching requests get the fault. Default: all of them. */
  times?: number;
  /** Only requests for this `QueueUrl` match. Default: every queue. */
  queueUrl?: string;
  /** Only requests signed with this access key id match. Default: all. */
  accessKeyId?: string;
}

/** A running fault-injecting proxy. */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Adds a rule. The first rule that matches and has uses left applies. */
  addRule(rule: FaultRule): void;
  /** Removes all rules, so every request is forwarded. */
  clearRules(): void;
  /** Removes all rules and sets the request and fault counts to 0. */
  reset(): void;
  /** Number of requests for an action, or for all with `*` or none. */
  requestCount(action?: string): number;
  /** Number of requests that got a fault. */
  faultCount(): number;
  close(): Promise<void>;
}

/**
 * SQS errors as AWS returns them over the JSON protocol. The
 * `x-amzn-query-error` codes and HTTP statuses follow the error model of
 * `@aws-sdk/client-sqs` 3.1178 (`awsQueryError` traits) and the usual AWS
 * responses for authentication errors.
 * NOTE: the `__type` values of the authentication errors and the message
 * texts are modelled, not captured from AWS.
 */
export const sqsErrors = {
  queueDoesNotExist: (): SqsErrorFault => ({
    kind: 'sqs-error',
    httpStatus: 400,
    type: 'com.amazonaws.sqs#QueueDoesNotExist',
    queryError: 'AWS.SimpleQueueService.NonExistentQueue;Sender',
    message: 'The specified queue does not exist.',
  }),
  accessDenied: (action: string): SqsErrorFault => ({
    kind: 'sqs-error',
    httpStatus: 403,
    type: 'com.amazon.coral.service#AccessDeniedException',
    queryError: 'AccessDenied;Sender',
    message:
      'User: arn:aws:iam::000000000000:user/test is not authorized to ' +
      `perform: sqs:${action.toLowerCase()} on resource: ` +
      'arn:aws:sqs:us-east-1:000000000000:queue because no ' +
      'identity-based policy allows the action',
  }),
  invalidClientTokenId: (): SqsErrorFault => ({
    kind: 'sqs-error',
    httpStatus: 403,
    type: 'com.amazon.coral.service#UnrecognizedClientException',
    queryError: 'InvalidClientTokenId;Sender',
    message: 'The security token included in the request is invalid.',
  }),
  signatureDoesNotMatch: (echoed = ''): SqsErrorFault => ({
    kind: 'sqs-error',
    httpStatus: 403,
    type: 'com.amazon.coral.service#InvalidSignatureException',
    queryError: 'SignatureDoesNotMatch;Sender',
    message:
      'The request signature we calculated does not match the signature ' +
      `you provided. ${echoed}`.trim(),
  }),
  kmsAccessDenied: (): SqsErrorFault => ({
    kind: 'sqs-error',
    httpStatus: 400,
    type: 'com.amazonaws.sqs#KmsAccessDenied',
    queryError: 'KMS.AccessDeniedException;Sender',
    message: 'The caller has no access to the KMS key of this queue.',
  }),
  requestThrottled: (): SqsErrorFault => ({
    kind: 'sqs-error',
    httpStatus: 403,
    type: 'com.amazonaws.sqs#RequestThrottled',
    queryError: 'RequestThrottled;Sender',
    message: 'Request is throttled.',
  }),
  serviceUnavailable: (): SqsErrorFault => ({
    kind: 'sqs-error',
    httpStatus: 503,
    type: 'com.amazonaws.sqs#ServiceUnavailable',
    queryError: 'ServiceUnavailable;Server',
    message: 'Service is unavailable. Try again later.',
  }),
  batchRequestTooLong: (): SqsErrorFault => ({
    kind: 'sqs-error',
    httpStatus: 400,
    type: 'com.amazonaws.sqs#BatchRequestTooLong',
    queryError: 'AWS.SimpleQueueService.BatchRequestTooLong;Sender',
    message: 'Batch requests cannot be longer than 1048576 bytes.',
  }),
} as const;

interface ActiveRule extends FaultRule {
  usesLeft: number;
}

/** Starts a proxy on 127.0.0.1 that forwards to `target` (an origin). */
export async function startFaultProxy(options: {
  target: string;
}): Promise<FaultProxy> {
  const target = new URL(options.target);
  const rules: ActiveRule[] = [];
  const counts = new Map<string, number>();
  let faults = 0;

  const takeFault = (
    action: string,
    queueUrl: string,
    accessKeyId: string,
  ): Exclude<Fault, ChooseFault> | null => {
    const rule = rules.find(
      (r) =>
        r.usesLeft > 0 &&
        (r.action === '*' || r.action === action) &&
        (r.queueUrl === undefined || r.queueUrl === queueUrl) &&
        (r.accessKeyId === undefined || r.accessKeyId === accessKeyId),
    );
    if (rule === undefined) {
      return null;
    }
    rule.usesLeft -= 1;
    const fault = rule.fault.kind === 'choose'
      ? rule.fault.choose()
      : rule.fault;
    if (fault !== null) faults += 1;
    return fault;
  };

  const server = createServer((req, res) => {
    const action = actionOf(req);
    counts.set(action, (counts.get(action) ?? 0) + 1);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const fault = takeFault(action, queueUrlOf(body), accessKeyIdOf(req));
      if (fault === null || fault.kind === 'rewrite') {
        forward(req, body, res, target, fault);
      } else if (fault.kind === 'fail-entries') {
        failEntries(req, body, res, target, fault);
      } else {
        answerWithFault(req, res, fault);
      }
    });
  });
  await new Promise<void>((resolve) =>
    server.listen(0, '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    addRule: (rule) => {
      rules.push({ ...rule, usesLeft: rule.times ?? Infinity });
    },
    clearRules: () => {
      rules.length = 0;
    },
    reset: () => {
      rules.length = 0;
      counts.clear();
      faults = 0;
    },
    requestCount: (action = '*') =>
      action === '*'
        ? [...counts.values()].reduce((sum, n) => sum + n, 0)
        : (counts.get(action) ?? 0),
    faultCount: () => faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function actionOf(req: IncomingMessage): string {
  const target = req.headers['x-amz-target'];
  const value = Array.isArray(target) ? target[0] : target;
  return value?.replace(/^AmazonSQS\./, '') ?? '';
}

/** Reads the access key id of a SigV4 `Authorization` header, or ''. */
function accessKeyIdOf(req: IncomingMessage): string {
  const match = /Credential=([^/,\s]+)\//.exec(req.headers.authorization ?? '');
  return match?.[1] ?? '';
}

function queueUrlOf(body: Buffer): string {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { QueueUrl?: unknown };
    return typeof parsed.QueueUrl === 'string' ? parsed.QueueUrl : '';
  } catch {
    return '';
  }
}

function answerWithFault(
  req: IncomingMessage,
  res: ServerResponse,
  fault: Exclude<Fault, RewriteFault | FailEntriesFault | ChooseFault>,
): void {
  if (fault.kind === 'drop') {
    req.socket.destroy();
    return;
  }
  if (fault.kind === 'hang') {
    return;
  }
  if (fault.kind === 'response') {
    res.writeHead(fault.httpStatus, fault.headers ?? {});
    res.end(fault.body);
    return;
  }
  res.writeHead(fault.httpStatus, {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-query-error': fault.queryError,
    'x-amzn-requestid': '00000000-0000-0000-0000-000000000000',
  });
  res.end(JSON.stringify({ __type: fault.type, message: fault.message }));
}

interface BatchRequest {
  Entries?: Record<string, unknown>[];
  [field: string]: unknown;
}

function failEntries(
  req: IncomingMessage,
  body: Buffer,
  res: ServerResponse,
  target: URL,
  fault: FailEntriesFault,
): void {
  const request = JSON.parse(body.toString('utf8')) as BatchRequest;
  const failed: Record<string, unknown>[] = [];
  const kept = (request.Entries ?? []).filter((entry) => {
    const failure = fault.select(entry);
    if (failure === null) return true;
    failed.push({
      Id: entry['Id'],
      Code: failure.code,
      Message: failure.message,
      SenderFault: failure.senderFault,
    });
    return false;
  });
  const merge = (response: Record<string, unknown>) => ({
    ...response,
    Failed: [...((response['Failed'] as unknown[]) ?? []), ...failed],
  });
  if (kept.length === 0) {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(JSON.stringify(merge({ Successful: [] })));
    return;
  }
  const forwarded = Buffer.from(JSON.stringify({ ...request, Entries: kept }));
  forward(req, forwarded, res, target, { kind: 'rewrite', rewrite: merge });
}

function forward(
  req: IncomingMessage,
  body: Buffer,
  res: ServerResponse,
  target: URL,
  fault: RewriteFault | null,
): void {
  const headers = { ...req.headers, 'content-length': String(body.length) };
  const upstream = httpRequest(
    {
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers,
    },
    (upstreamRes) => {
      if (fault === null) {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
        return;
      }
      rewriteResponse(upstreamRes, res, fault);
    },
  );
  upstream.on('error', () => req.socket.destroy());
  upstream.end(body);
}

function rewriteResponse(
  upstreamRes: IncomingMessage,
  res: ServerResponse,
  fault: RewriteFault,
): void {
  const chunks: Buffer[] = [];
  upstreamRes.on('data', (chunk: Buffer) => chunks.push(chunk));
  upstreamRes.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const body = JSON.stringify(fault.rewrite(parsed));
    const headers = { ...upstreamRes.headers };
    delete headers['content-length'];
    res.writeHead(upstreamRes.statusCode ?? 502, headers);
    res.end(body);
  });
}
