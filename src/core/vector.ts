/**
 * 3-vectors tagged with the frame they are expressed in, so that a TEME position can never be
 * passed where an Earth-fixed one is expected. Convert only through the named functions of
 * `frames.ts`, `geodetic.ts` and `topocentric.ts`.
 */

/** A plain Cartesian 3-vector; units are given by the name of the variable holding it. */
export interface Vec3 {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

declare const frameTag: unique symbol;
/** A vector in a named frame. */
export type FrameVec<F extends string> = Vec3 & { readonly [frameTag]: F };

/** True Equator, Mean Equinox frame of SGP4 output. */
export type TemeVec = FrameVec<'TEME'>;
/**
 * Earth-fixed frame. Strictly the Pseudo-Earth-Fixed frame (ITRF without polar motion, which
 * is neglected: ≤ 0.5″, ≤ 15 m at the surface).
 */
export type ItrfVec = FrameVec<'ITRF'>;

/** Tags x, y, z as a TEME vector. */
export function teme(x: number, y: number, z: number): TemeVec {
  return { x, y, z } as TemeVec;
}

/** Tags x, y, z as an Earth-fixed (ITRF) vector. */
export function itrf(x: number, y: number, z: number): ItrfVec {
  return { x, y, z } as ItrfVec;
}

export function dot(a: Vec3, b: Vec3): number {
  return a.x * b.x + a.y * b.y + a.z * b.z;
}

export function norm(a: Vec3): number {
  return Math.sqrt(a.x * a.x + a.y * a.y + a.z * a.z);
}

export function cross(a: Vec3, b: Vec3): Vec3 {
  return { x: a.y * b.z - a.z * b.y, y: a.z * b.x - a.x * b.z, z: a.x * b.y - a.y * b.x };
}

export function sub(a: Vec3, b: Vec3): Vec3 {
  return { x: a.x - b.x, y: a.y - b.y, z: a.z - b.z };
}

export function add(a: Vec3, b: Vec3): Vec3 {
  return { x: a.x + b.x, y: a.y + b.y, z: a.z + b.z };
}

export function scale(a: Vec3, k: number): Vec3 {
  return { x: a.x * k, y: a.y * k, z: a.z * k };
}

/** Angle between two vectors, radians, in [0, π]; stable for small angles. */
export function angleBetween(a: Vec3, b: Vec3): number {
  return Math.atan2(norm(cross(a, b)), dot(a, b));
}
