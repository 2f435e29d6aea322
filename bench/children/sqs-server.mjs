/**
 * The local SQS server of the benchmark, in its own process: fauxqs on
 * 127.0.0.1 through the product's `startLocalSqs`. Prints its origin as
 * `origin=<url>` and stops on SIGTERM or when its parent exits.
 */
import { importBuilt } from '../lib/deps.mjs';

const { startLocalSqs } = await importBuilt('local-sqs/server.js');
const server = await startLocalSqs({ port: 0, host: '127.0.0.1' });
process.stdout.write(`origin=${server.origin}\n`);

const stop = () => server.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.once('disconnect', stop);
