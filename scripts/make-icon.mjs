// Draws build/icon.png (512x512): two overlapping circles, two people side by side, on a
// rounded square. A placeholder until a designer's icon exists; electron-builder derives the
// macOS, Windows and Linux icon sizes from it. Run: node scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'build', 'icon.png');

const BACKGROUND = [0x2f, 0x6f, 0x6a]; // deep teal
const LEFT = [0xf4, 0xb9, 0x42]; // warm yellow
const RIGHT = [0xf2, 0x7d, 0x62]; // coral

/** Coverage (0..1) of a pixel by a shape, from its signed distance: one pixel of anti-aliasing. */
const cover = (distance) => Math.min(1, Math.max(0, 0.5 - distance));

function roundedSquare(x, y, inset, radius) {
  const half = SIZE / 2 - inset;
  const qx = Math.abs(x - SIZE / 2) - (half - radius);
  const qy = Math.abs(y - SIZE / 2) - (half - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;

const blend = (under, over, alpha) => under.map((c, i) => c + (over[i] - c) * alpha);

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  raw[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const px = x + 0.5;
    const py = y + 0.5;
    const base = cover(roundedSquare(px, py, 24, 96));
    let rgb = BACKGROUND;
    rgb = blend(rgb, LEFT, cover(circle(px, py, 206, 272, 118)));
    rgb = blend(rgb, RIGHT, 0.85 * cover(circle(px, py, 306, 240, 118)));
    const i = row + 1 + x * 4;
    raw[i] = Math.round(rgb[0]);
    raw[i + 1] = Math.round(rgb[1]);
    raw[i + 2] = Math.round(rgb[2]);
    raw[i + 3] = Math.round(255 * base);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // colour type: RGBA
writeFileSync(
  out,
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]),
);
console.log(`wrote ${path.relative(process.cwd(), out)}`);
