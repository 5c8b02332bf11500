/**
 * What a job computation sees inside its worker thread. Computations are pure functions of
 * their input (values prepared by the main thread from the store); they report progress, save
 * checkpoints to resume from after a restart, and check `shouldStop()` between units of work
 * (cancellation and graceful shutdown set it).
 */
export interface ComputeContext {
  /** The checkpoint saved by an earlier attempt of the same job, or null. */
  readonly checkpoint: unknown;
  /** Reports progress: `fraction` in 0 … 1, with an optional message. */
  progress(fraction: number, message?: string): void;
  /** Saves a state to resume from (JSON-serialisable). The latest one is kept. */
  saveCheckpoint(state: unknown): void;
  /** True once the job must stop (cancelled, or the server is shutting down). */
  shouldStop(): boolean;
}

/** Returned by a computation that stopped early (after saving a checkpoint). */
export const STOPPED = { stopped: true } as const;
export type Stopped = typeof STOPPED;

/** A computation; an asynchronous one (file reads in the worker) returns a promise. */
export type Computation<I = unknown, O = unknown> = (
  input: I,
  ctx: ComputeContext,
) => O | Stopped | Promise<O | Stopped>;
