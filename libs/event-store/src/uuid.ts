import { randomFillSync } from 'node:crypto';

const POOL_IDS = 256;
const pool = Buffer.alloc(POOL_IDS * 8);
let offset = pool.length;
let lastMs = -1;
let seq = 0;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** The 12-bit counter as the three hex digits after the version nibble. */
const SEQ = Array.from({ length: 0x1000 }, (_, i) => i.toString(16).padStart(3, '0'));
let timePart = '';

/**
 * RFC 9562 UUIDv7: 48-bit ms time, a 12-bit counter that orders ids minted in one ms (monotonic within
 * the process, even when the clock steps back), 62 random bits. Time-ordered ids keep index inserts
 * sequential (QUALITY.md: random keys in unique B-trees cost 5x). The random bits come from a pooled
 * buffer: a `randomBytes` call per id was the largest single cost of an append in profiles.
 */
export function uuidv7(nowMs: number = Date.now()): string {
  if (nowMs <= lastMs) {
    if (++seq > 0xfff) {
      lastMs++;
      seq = 0;
      timePart = timeText(lastMs);
    }
  } else {
    lastMs = nowMs;
    seq = 0;
    timePart = timeText(nowMs);
  }
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const r = offset;
  offset += 8;
  // The time part changes once a millisecond: it is built then, not for every id.
  return (
    timePart + SEQ[seq] + '-' +
    HEX[0x80 | (pool[r] & 0x3f)] + HEX[pool[r + 1]] + '-' +
    HEX[pool[r + 2]] + HEX[pool[r + 3]] + HEX[pool[r + 4]] + HEX[pool[r + 5]] + HEX[pool[r + 6]] + HEX[pool[r + 7]]
  );
}

/** 'tttttttt-tttt-7' for a millisecond timestamp: the version nibble closes it. */
function timeText(ms: number): string {
  const hi = Math.floor(ms / 0x1000000);
  const lo = ms % 0x1000000;
  return HEX[(hi >>> 16) & 0xff] + HEX[(hi >>> 8) & 0xff] + HEX[hi & 0xff] + HEX[(lo >>> 16) & 0xff] + '-' + HEX[(lo >>> 8) & 0xff] + HEX[lo & 0xff] + '-7';
}
