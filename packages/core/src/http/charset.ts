import iconv from "iconv-lite";

/**
 * Labels that browsers decode as another encoding (WHATWG Encoding Standard, "Encodings" table).
 * Feeds labelled ISO-8859-1 or US-ASCII routinely contain windows-1252 smart quotes in 0x80–0x9F,
 * which strict ISO-8859-1 would turn into invisible C1 control characters.
 */
const WHATWG_ALIASES: Record<string, string> = {
  "iso-8859-1": "windows-1252",
  "iso8859-1": "windows-1252",
  "iso_8859-1": "windows-1252",
  "iso_8859-1:1987": "windows-1252",
  "iso-ir-100": "windows-1252",
  iso88591: "windows-1252",
  latin1: "windows-1252",
  l1: "windows-1252",
  "us-ascii": "windows-1252",
  ascii: "windows-1252",
  "ansi_x3.4-1968": "windows-1252",
  cp819: "windows-1252",
  ibm819: "windows-1252",
  csisolatin1: "windows-1252",
  "iso-8859-9": "windows-1254",
  latin5: "windows-1254",
  "iso-8859-11": "windows-874",
  "tis-620": "windows-874",
  gb2312: "gb18030",
  gbk: "gb18030",
};

/** Maps a charset label to an iconv-lite encoding name, or undefined when we cannot decode it. */
function resolveLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const name = label
    .trim()
    .replace(/^["']|["']$/g, "")
    .toLowerCase();
  const resolved = WHATWG_ALIASES[name] ?? name;
  return iconv.encodingExists(resolved) ? resolved : undefined;
}

const isUtf16 = (encoding: string | undefined) => encoding !== undefined && /^utf-?16/.test(encoding);

function bomEncoding(bytes: Buffer): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

function contentTypeParts(contentType: string | undefined): { mime: string; charset?: string } {
  const [mime = "", ...params] = (contentType ?? "").split(";");
  let charset: string | undefined;
  for (const param of params) {
    const match = /^\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(param);
    if (match) charset = match[2];
  }
  return { mime: mime.trim().toLowerCase(), charset };
}

/** Only documents that are HTML get the <meta> prescan: a feed's CDATA could quote a <meta> tag. */
function looksLikeHtml(mime: string, head: string): boolean {
  if (mime === "text/html" || mime === "application/xhtml+xml") return true;
  if (mime.includes("xml") || mime.includes("json")) return false;
  return /<(!doctype\s+html|html[\s>]|head[\s>]|meta\s)/i.test(head);
}

function sniffEncoding(bytes: Buffer, mime: string): string | undefined {
  // XML without a BOM but encoded as UTF-16 starts with "<?" as 3C 00 3F 00 / 00 3C 00 3F (XML 1.0 App. F).
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return "utf-16le";
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return "utf-16be";

  // Every label we look for is ASCII, so reading the head as latin1 is lossless for matching.
  const head = bytes.subarray(0, 1024).toString("latin1");
  const prolog = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  let label = prolog?.[1];
  if (!label && !/^\s*<\?xml\s/.test(head) && looksLikeHtml(mime, head)) {
    // Covers <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
    label = /<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head)?.[1];
  }
  const encoding = resolveLabel(label);
  // We just read that declaration as ASCII, so the bytes are not UTF-16 whatever they claim.
  return isUtf16(encoding) ? "utf-8" : encoding;
}

/**
 * Decodes a response body to text. Order: BOM, Content-Type charset, XML prolog encoding, HTML
 * <meta> charset (first 1024 bytes), else UTF-8. Unknown labels fall back to UTF-8. The BOM is
 * never part of the result.
 */
export function decodeBody(bytes: Buffer, contentType: string | undefined): string {
  let body = bytes;
  const { mime, charset } = contentTypeParts(contentType);
  const bom = bomEncoding(bytes);
  let encoding: string | undefined;
  if (bom) {
    encoding = bom.encoding;
    body = bytes.subarray(bom.length);
  } else {
    encoding = resolveLabel(charset) ?? sniffEncoding(bytes, mime) ?? "utf-8";
  }
  const text = iconv.decode(body, encoding, { stripBOM: true });
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
