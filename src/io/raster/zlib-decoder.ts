/**
 * Deflate tiles decoded by Node's zlib on the libuv thread pool instead of geotiff's bundled
 * pure-JavaScript inflate: several tiles of a window inflate in parallel, off the main thread,
 * several times faster. Registered once for TIFF compression codes 8 and 32946 (both deflate).
 */
import { promisify } from 'node:util';
import { inflate } from 'node:zlib';
import { BaseDecoder, addDecoder } from 'geotiff';

const inflateAsync = promisify(inflate);

class NodeZlibDecoder extends BaseDecoder {
  override async decodeBlock(buffer: ArrayBufferLike): Promise<ArrayBufferLike> {
    // One output chunk of the block's size: zlib then returns it as is, without concatenating
    // 16 KiB chunks (a full copy of every tile otherwise).
    const p = this.parameters;
    const bits =
      typeof p.bitsPerSample === 'number' ? [p.bitsPerSample] : Array.from(p.bitsPerSample);
    const bitsPerPixel = p.planarConfiguration === 2 ? bits[0]! : bits.reduce((s, b) => s + b, 0);
    const expected = Math.ceil((p.tileWidth * p.tileHeight * bitsPerPixel) / 8);
    const out = await inflateAsync(new Uint8Array(buffer), {
      chunkSize: Math.max(16384, expected),
    });
    // Tile-sized outputs own their ArrayBuffer; copy only when zlib returned a slice of a pool.
    return out.byteOffset === 0 && out.byteLength === out.buffer.byteLength
      ? out.buffer
      : out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
  }
}

let registered = false;

/** Makes geotiff use Node's zlib for deflate tiles (idempotent). */
export function useNodeZlibForDeflate(): void {
  if (registered) return;
  registered = true;
  addDecoder([8, 32946], () => Promise.resolve(NodeZlibDecoder), undefined, false);
}
