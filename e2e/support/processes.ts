/**
 * Starts the built product as child processes for browser tests: the
 * local SQS server, the server, and the operator CLI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

const quietEnv = {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  LOG_LEVEL: 'warn',
};

/** Starts `node <script>` and resolves with the first output match. */
export function startProcess(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, [path.join(repoRoot, script)], {
    cwd: repoRoot,
    env: { ...process.env, ...quietEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(ready);
      if (match) resolve({ child, match });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      reject(new Error(`${script} exited with ${code}:\n${output}`));
    });
  });
}

/** Runs the operator CLI and returns its last output line. */
export function runCli(args: string[], dataDir: string): string {
  const result = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'bff/dist/cli/main.js'), ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, ...quietEnv, DATA_DIR: dataDir },
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    throw new Error(`cli ${args.slice(0, 2).join(' ')} failed: ` +
      result.stderr);
  }
  const lines = result.stdout.trim().split('\n');
  return lines[lines.length - 1] ?? '';
}
