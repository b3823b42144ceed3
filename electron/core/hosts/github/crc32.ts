// CRC-32 as zlib, PNG and GitHub's token checksums compute it (reflected polynomial 0xEDB88320, start
// and final value 0xFFFFFFFF). Written out here rather than taken from node:zlib so that this, and the
// secret checks built on it, can run anywhere: the renderer's form, or shared/ later.

let table: Uint32Array | null = null;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/**
 * The CRC-32 of `text`, each character taken as one byte: right for the ASCII a token is made of, and
 * meant for nothing else (a character above U+00FF would be cut to its low byte).
 */
export function crc32(text: string): number {
  const t = crcTable();
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i += 1) crc = t[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
