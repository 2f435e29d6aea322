/**
 * What the global set-up started, handed to the tests through a file:
 * addresses, the signed-in user and an app with its API credentials.
 */
import fs from 'node:fs';
import path from 'node:path';

import { repoRoot } from './processes.js';

export interface TestEnvironment {
  baseUrl: string;
  sqsOrigin: string;
  queueUrl: string;
  email: string;
  password: string;
  app: { id: string; name: string; api_key: string; api_secret: string };
  dataDir: string;
}

const FILE = path.join(repoRoot, 'e2e', 'test-results', 'environment.json');

export function saveEnvironment(environment: TestEnvironment): void {
  fs.mkdirSync(path.dirname(FILE), { recursive: true });
  fs.writeFileSync(FILE, JSON.stringify(environment), { mode: 0o600 });
}

export function loadEnvironment(): TestEnvironment {
  return JSON.parse(fs.readFileSync(FILE, 'utf8')) as TestEnvironment;
}
