/**
 * A SPOT5 daily photograph scheduling instance as read from a `.spot` file (see
 * `docs/planner.md` for the format). Plain immutable values; the solvers turn it into a
 * generic selection problem ({@link toSelectionProblem}).
 */

/** Camera assignment codes: 1, 2, 3 = mono image with the front, middle or rear instrument; 13 = stereo (front and rear). */
export const SPOT5_VALUES = [1, 2, 3, 13] as const;
export type Spot5Value = (typeof SPOT5_VALUES)[number];

/** One way to take a photo and the recorder memory it uses (multi-orbit files; 0 elsewhere). */
export interface Spot5Option {
  readonly value: Spot5Value;
  /** Recorder memory used if taken with this value, in the file's units (capacity 90000). */
  readonly consumption: number;
}

/** A candidate photograph. */
export interface Spot5Photo {
  /** 0-based id, equal to its position in the file. */
  readonly id: number;
  /** Gain if selected (positive integer). */
  readonly weight: number;
  /** Allowed values (the implicit "rejected" state is not listed). */
  readonly options: readonly Spot5Option[];
  /** The two undocumented integers that end photo lines in some files, kept as read. */
  readonly extra?: readonly number[];
  /** 1-based line of the file, for messages. */
  readonly line: number;
}

/** A hard constraint: the listed photos may not all be selected with one of these value tuples. */
export interface Spot5Constraint {
  /** Photo ids (2 or 3, distinct). */
  readonly vars: readonly number[];
  /** Forbidden tuples, each with one value per photo of `vars`, in the same order. */
  readonly forbidden: readonly (readonly Spot5Value[])[];
  readonly line: number;
}

export interface Spot5Instance {
  readonly photos: readonly Spot5Photo[];
  readonly constraints: readonly Spot5Constraint[];
  /** Recorder capacity (multi-orbit files), or null when the file has none. */
  readonly capacity: number | null;
  /** The constraint count declared in the file (includes the capacity line in multi-orbit files). */
  readonly declaredConstraintCount: number;
}
