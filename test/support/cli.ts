import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** Runs one of the command-line scripts to completion. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv, input?: string) {
  const r = spawnSync(TSX, [path.join(ROOT, 'scripts', script), ...args], { env, encoding: 'utf8', cwd: ROOT, timeout: 120_000, ...(input !== undefined ? { input } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Starts a command-line script in the background, in its own process group: tsx runs the script in
 * a child process, so signals must go to the group (`killGroup`) to reach the script itself.
 */
export function startScript(script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(TSX, [path.join(ROOT, 'scripts', script), ...args], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) throw new Error('the process never started');
  process.kill(-child.pid, signal);
}
