import { STATUS_CODES } from "node:http";
import type { FetchErrorKind } from "../model/feed";
import { FetchError } from "../ports/fetch";

export { FetchError };

/** "15 MiB", "512 KiB", "1000 bytes": limits are usually round binary sizes. */
export function formatBytes(bytes: number): string {
  const units: Array<[string, number]> = [
    ["GiB", 1024 ** 3],
    ["MiB", 1024 ** 2],
    ["KiB", 1024],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} seconds`;
}

export function httpStatusError(status: number, statusMessage: string | undefined, retryAfterMs?: number): FetchError {
  const reason = STATUS_CODES[status] ?? statusMessage ?? "";
  return new FetchError("http", `HTTP ${status} ${reason}`.trim(), { httpStatus: status, retryAfterMs });
}

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA", "EAI_NONAME", "ENODATA"]);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

/** Turns whatever node:http, dns, tls or zlib threw into a FetchError with a readable message. */
export function toFetchError(error: unknown, url: URL): FetchError {
  if (error instanceof FetchError) return error;
  const err = error as NodeJS.ErrnoException & { library?: string };
  const code = typeof err?.code === "string" ? err.code : "";
  const host = url.hostname;
  const hostPort = url.host;
  const detail = err instanceof Error ? err.message : String(error);
  const wrap = (kind: FetchErrorKind, message: string) => new FetchError(kind, message, { cause: error });

  if (DNS_CODES.has(code)) {
    return wrap("dns", code === "EAI_AGAIN" ? `Could not resolve host ${host} (temporary DNS failure)` : `Could not resolve host ${host}`);
  }
  if (code === "ECONNREFUSED") return wrap("network", `Connection refused by ${hostPort}`);
  if (code === "ECONNRESET" || code === "EPIPE") {
    // "aborted" / "socket hang up" mean the server closed the connection mid-response.
    return wrap("network", `Connection to ${hostPort} was closed before the response was complete`);
  }
  if (code === "ETIMEDOUT") return wrap("timeout", `Connection to ${hostPort} timed out`);
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return wrap("network", `Host ${host} is unreachable`);
  if (TLS_CODE.test(code) || err?.library === "SSL routines") {
    return wrap("network", `Secure connection to ${host} failed: ${detail}`);
  }
  if (code.startsWith("HPE_")) return wrap("network", `Invalid HTTP response from ${hostPort}: ${detail}`);
  if (code.startsWith("Z_") || code.startsWith("ERR__ERROR") || code.startsWith("ERR_BROTLI")) {
    return wrap("network", `Could not decompress the response from ${hostPort}: ${detail}`);
  }
  return wrap("network", `Network error fetching ${hostPort}: ${detail}`);
}
