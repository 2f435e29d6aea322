import http from 'node:http';
import net from 'node:net';
import { SQSClient, GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';

function client(port: number) {
  return new SQSClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ requestTimeout: 300, throwOnRequestTimeout: true, connectionTimeout: 300 }) });
}
function show(label: string, e: any) {
  console.log(label, JSON.stringify({ name: e.name, code: e.code, Code: e.Code, Type: e.Type, message: String(e.message).slice(0, 200), fault: e.$fault, meta: e.$metadata, keys: Object.keys(e), ctor: e.constructor?.name, retryable: e.$retryable }));
}
async function run(label: string, handler: http.RequestListener | null, fn?: (c: SQSClient) => Promise<unknown>) {
  let port: number; let server: any;
  if (handler) { server = http.createServer(handler); await new Promise<void>(r => server.listen(0, '127.0.0.1', r)); port = server.address().port; }
  else { port = 1; }
  const c = client(port);
  try { await (fn ?? (c => c.send(new GetQueueAttributesCommand({ QueueUrl: `http://127.0.0.1:${port}/000000000000/q`, AttributeNames: ['All'] }))))(c); console.log(label, 'no error'); }
  catch (e) { show(label, e); }
  c.destroy(); server?.close(); server?.closeAllConnections?.();
}
function json(status: number, body: object, headers: Record<string,string> = {}): http.RequestListener {
  return (req, res) => { req.resume(); req.on('end', () => { res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...headers }); res.end(JSON.stringify(body)); }); };
}
await run('refused', null);
await run('html200', (req, res) => { req.resume(); res.writeHead(200, {'content-type':'text/html'}); res.end('<html>hi</html>'); });
await run('html404', (req, res) => { req.resume(); res.writeHead(404, {'content-type':'text/html'}); res.end('<html>nf</html>'); });
await run('empty200', (req, res) => { req.resume(); res.writeHead(200); res.end(); });
await run('json200-other', (req, res) => { req.resume(); res.writeHead(200, {'content-type':'application/json'}); res.end('{"hello":1}'); });
await run('503', json(503, { __type: 'com.amazonaws.sqs#ServiceUnavailable', message: 'down' }, { 'x-amzn-query-error': 'ServiceUnavailable;Server' }));
await run('500 html', (req, res) => { req.resume(); res.writeHead(500, {'content-type':'text/html'}); res.end('<html>oops</html>'); });
await run('nonexist', json(400, { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' }, { 'x-amzn-query-error': 'AWS.SimpleQueueService.NonExistentQueue;Sender' }));
await run('accessdenied', json(403, { __type: 'com.amazon.coral.service#AccessDeniedException', Message: 'User: arn:aws:iam::123456789012:user/x is not authorized' }, { 'x-amzn-query-error': 'AccessDenied;Sender' }));
await run('invalidtoken', json(403, { __type: 'com.amazon.coral.service#UnrecognizedClientException', message: 'The security token included in the request is invalid.' }, { 'x-amzn-query-error': 'InvalidClientTokenId;Sender' }));
await run('sig', json(403, { __type: 'com.amazon.coral.service#InvalidSignatureException', message: 'The request signature we calculated does not match' }, { 'x-amzn-query-error': 'SignatureDoesNotMatch;Sender' }));
await run('kms', json(400, { __type: 'com.amazonaws.sqs#KmsAccessDenied', message: 'kms denied' }, { 'x-amzn-query-error': 'KMS.AccessDeniedException;Sender' }));
await run('throttle', json(403, { __type: 'com.amazonaws.sqs#RequestThrottled', message: 'slow' }, { 'x-amzn-query-error': 'RequestThrottled;Sender' }));
await run('throttle2', json(400, { __type: 'com.amazon.coral.availability#ThrottlingException', message: 'Rate exceeded' }, { 'x-amzn-query-error': 'ThrottlingException;Sender' }));
await run('silent', (req) => { req.resume(); });
await run('abort', (req) => { req.resume(); }, (c) => { const ac = new AbortController(); setTimeout(() => ac.abort(new Error('deadline')), 50); return c.send(new GetQueueAttributesCommand({ QueueUrl: 'http://x/0/q' }), { abortSignal: ac.signal }); });
await run('tcp-silent', null, async () => {
  const srv = net.createServer(() => {}); await new Promise<void>(r => srv.listen(0, '127.0.0.1', r)); const p = (srv.address() as any).port;
  const c = client(p); try { await c.send(new GetQueueAttributesCommand({ QueueUrl: `http://127.0.0.1:${p}/0/q` })); } finally { c.destroy(); srv.close(); }
});
await run('enotfound', null, async () => {
  const c = new SQSClient({ region: 'us-east-1', endpoint: 'http://nonexistent.invalid:9', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
  try { await c.send(new GetQueueAttributesCommand({ QueueUrl: 'http://nonexistent.invalid:9/0/q' })); } finally { c.destroy(); }
});
