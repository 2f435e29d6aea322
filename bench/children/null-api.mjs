/**
 * A server that responds to every request at once with a fixed
 * sent-message response and does nothing else: the API ceiling is the
 * rate at which the load generator's SDK calls reach it. Prints
 * `origin=<url>`.
 */
import http from 'node:http';

const RESPONSE = JSON.stringify({
  message: { id: 'bench', text: 'Hello from the benchmark', type: 'regular',
    user: { id: 'bench-alice' } },
  duration: '0.01ms',
});

const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(201, { 'content-type': 'application/json' });
    response.end(RESPONSE);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`origin=http://127.0.0.1:${server.address().port}\n`);
});

const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('disconnect', stop);
