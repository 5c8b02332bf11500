/**
 * Webhook signatures: `X-Sahelsat-Signature: sha256=<hex HMAC-SHA256 of the body with the
 * webhook's secret>` (API-CONTRACTS.md §4), checked by receivers with a constant-time compare.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Sahelsat-Signature';
export const TIMESTAMP_HEADER = 'X-Sahelsat-Timestamp';
export const DELIVERY_HEADER = 'X-Sahelsat-Delivery';

/** The header value for a body. */
export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Whether a header value is the signature of the body (constant time). */
export function verifySignature(secret: string, body: string | Buffer, header: string): boolean {
  const want = Buffer.from(signBody(secret, body));
  const got = Buffer.from(header);
  return want.length === got.length && timingSafeEqual(want, got);
}
