/**
 * What every CLI command receives: the language, the output streams, the environment and the
 * working directory. Commands never touch `process` directly, so they can be run in tests.
 */
import type { Lang } from '../i18n/index.js';

export interface Writable {
  write(chunk: string): unknown;
  /** True when the stream is a terminal (progress bars are drawn only then, or when forced). */
  readonly isTTY?: boolean;
}

export interface CliContext {
  readonly lang: Lang;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Aborted on SIGINT/SIGTERM: long commands stop cleanly and say so. */
  readonly signal: AbortSignal;
}
