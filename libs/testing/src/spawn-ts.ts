import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '../../..');

/** A child OS process running a TypeScript file (compiled on load by @swc-node/register). */
export interface TsChild {
  process: ChildProcessWithoutNullStreams;
  /** Resolves with the child's stdout once it exits with 0; rejects with its stderr otherwise. */
  done: Promise<string>;
  /** Resolves when the child has printed `line` on stdout. */
  printed(line: string): Promise<void>;
}

/** Runs `file` (an absolute path, e.g. `join(__dirname, 'test-support/child.ts')`) with `args`, and `env` over this process's environment. */
export function spawnTs(file: string, args: string[], env: Record<string, string> = {}): TsChild {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', file, ...args], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  const watchers: Array<{ line: string; resolve: () => void }> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const w of watchers) if (stdout.split('\n').includes(w.line)) w.resolve();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const done = new Promise<string>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${file} exited with ${code}: ${stderr.slice(-2000)}`));
    });
  });
  return {
    process: child,
    done,
    printed: (line) =>
      new Promise<void>((resolve, reject) => {
        watchers.push({ line, resolve });
        if (stdout.split('\n').includes(line)) resolve();
        done.then(() => reject(new Error(`${file} exited before printing ${line}`)), reject);
      }),
  };
}
