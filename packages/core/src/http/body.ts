import type { IncomingMessage } from "node:http";
import { pipeline, Readable, type Transform } from "node:stream";
import zlib from "node:zlib";
import { FetchError, formatBytes } from "./errors";

export function tooLarge(maxBytes: number): FetchError {
  return new FetchError("too-large", `Response exceeded ${formatBytes(maxBytes)}`);
}

/**
 * Picks a decompressor from Content-Encoding and the first bytes (undefined: read as is). Deflate arrives both zlib-wrapped
 * (RFC 1950, what the spec says) and raw (RFC 1951, what old IIS and others send); the zlib header
 * is recognisable. A "gzip" body without the gzip magic was already decoded by some proxy, so it is
 * read as is rather than failing the feed.
 * Z_SYNC_FLUSH / BROTLI_OPERATION_FLUSH tolerate a stream cut short, as browsers and curl do.
 */
function decompressorFor(encoding: string, head: Buffer): Transform | undefined {
  switch (encoding) {
    case "":
    case "identity":
      return undefined;
    case "gzip":
    case "x-gzip":
      if (head[0] !== 0x1f || head[1] !== 0x8b) return undefined;
      return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case "deflate": {
      const cmf = head[0] ?? 0;
      const flg = head[1] ?? 0;
      const zlibWrapped = (cmf & 0x0f) === 8 && (cmf * 256 + flg) % 31 === 0;
      const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
      return zlibWrapped ? zlib.createInflate(options) : zlib.createInflateRaw(options);
    }
    case "br":
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      // We only ask for the three above; anything else in the wild is a mislabel such as
      // "Content-Encoding: utf-8", so read the bytes as sent and let the parser judge them.
      return undefined;
  }
}

/**
 * Reads the body, decompressing it, and stops as soon as the DECOMPRESSED size passes maxBytes.
 * Counting decompressed bytes while streaming (with backpressure) is also the defence against
 * decompression bombs: a tiny gzip never gets to inflate more than maxBytes into memory.
 */
export async function readBody(res: IncomingMessage, maxBytes: number, hold?: (bytes: number) => Promise<void>): Promise<Buffer> {
  const encoding = (res.headers["content-encoding"] ?? "").trim().toLowerCase();

  // Peek at the first bytes (the decoder choice depends on them), then replay them.
  const incoming = res[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let headLength = 0;
  while (headLength < 2) {
    const next = await incoming.next();
    if (next.done) break;
    head.push(next.value);
    headLength += next.value.length;
  }
  // An empty body is valid even with Content-Encoding set, but zlib would call it truncated.
  if (headLength === 0) return Buffer.alloc(0);

  async function* replay(): AsyncGenerator<Buffer> {
    try {
      yield* head;
      for (;;) {
        const next = await incoming.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      // Stopping early (too large, decoder error) must also release the response stream.
      await incoming.return?.();
    }
  }

  const decompressor = decompressorFor(encoding, Buffer.concat(head));
  // Errors from either stage end up destroying the last stream, which rejects the loop below.
  const body: AsyncIterable<Buffer> = decompressor
    ? pipeline(Readable.from(replay(), { objectMode: false }), decompressor, () => {})
    : replay();

  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > maxBytes) throw tooLarge(maxBytes);
    // Awaiting here pauses the stream (and, through backpressure, the socket) until there is room.
    if (hold) await hold(chunk.length);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}
