/**
 * Validity checks shared by the ITU-R models: a value outside a model's domain is a
 * {@link DomainError} that names the model, the quantity and the valid range, never a NaN.
 */
import { DomainError } from '../../core/errors.js';

/**
 * Throws a DomainError unless `min ≤ value ≤ max` (and `value` is finite).
 *
 * @param model  the Recommendation, e.g. "ITU-R P.618-14 §2.2.1.1"
 * @param name   the quantity, e.g. "frequency"
 * @param unit   the unit shown in the message, e.g. "GHz"
 * @throws DomainError naming model, quantity, valid range and the value received.
 */
export function requireInRange(
  model: string,
  name: string,
  value: number,
  min: number,
  max: number,
  unit = '',
): void {
  if (Number.isFinite(value) && value >= min && value <= max) return;
  const u = unit ? ` ${unit}` : '';
  throw new DomainError(
    `${model}: ${name} must be between ${min} and ${max}${u}; got ${String(value)}${u}`,
  );
}

/** Throws a DomainError unless `value` is a finite number above `min` (strictly). */
export function requireAbove(
  model: string,
  name: string,
  value: number,
  min: number,
  unit = '',
): void {
  if (Number.isFinite(value) && value > min) return;
  const u = unit ? ` ${unit}` : '';
  throw new DomainError(
    `${model}: ${name} must be greater than ${min}${u}; got ${String(value)}${u}`,
  );
}

/** Throws a DomainError unless `value` is a finite number ≥ `min`. */
export function requireAtLeast(
  model: string,
  name: string,
  value: number,
  min: number,
  unit = '',
): void {
  if (Number.isFinite(value) && value >= min) return;
  const u = unit ? ` ${unit}` : '';
  throw new DomainError(`${model}: ${name} must be at least ${min}${u}; got ${String(value)}${u}`);
}
