/**
 * Runs the built `sahelsat` command (bin/sahelsat.js → dist/) in a child process, as a user
 * would. `npm test` builds first.
 */
import { execFile, spawnSync } from 'node:child_process';
import { REPO_DIR } from './reference.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): CliRun {
  const r = spawnSync(process.execPath, [`${REPO_DIR}/bin/sahelsat.js`, ...args], {
    cwd: opts.cwd ?? REPO_DIR,
    env: { PATH: process.env.PATH ?? '', LANG: 'C', ...opts.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Like {@link runCli} but without blocking this process (for tests that serve HTTP themselves). */
export function runCliAsync(
  args: string[],
  opts: { env?: Record<string, string> } = {},
): Promise<CliRun> {
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [`${REPO_DIR}/bin/sahelsat.js`, ...args],
      {
        cwd: REPO_DIR,
        env: { PATH: process.env.PATH ?? '', LANG: 'C', ...opts.env },
        encoding: 'utf8',
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolvePromise({ code, stdout, stderr });
      },
    );
  });
}
