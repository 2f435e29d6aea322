/**
 * Loads the packages the benchmark shares with the server (the official
 * chat SDK, the AWS SDK) from the `bff` package, so the benchmark uses the
 * same versions and needs no install of its own.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BFF_DIST = path.join(ROOT, 'bff', 'dist');

const requireFromBff = createRequire(path.join(ROOT, 'bff', 'package.json'));

async function importFromBff(name) {
  const module = await import(pathToFileURL(requireFromBff.resolve(name)).href);
  return { ...module.default, ...module };
}

/** Imports a module of the built server, such as `sqs/client-factory.js`. */
export function importBuilt(relativePath) {
  return import(pathToFileURL(path.join(BFF_DIST, relativePath)).href);
}

export const sqsSdk = await importFromBff('@aws-sdk/client-sqs');
export const { StreamChat } = await importFromBff('stream-chat');
