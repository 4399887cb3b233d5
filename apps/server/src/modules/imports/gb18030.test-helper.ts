// Tests only: GB18030 bytes for a string, found by asking Node's own decoder (two-byte GBK range
// covers the Chinese used in the tests; ASCII passes through).
const decoder = new TextDecoder('gb18030');
const cache = new Map<string, number[]>();

function encodeChar(ch: string): number[] {
  if (ch.charCodeAt(0) < 0x80) return [ch.charCodeAt(0)];
  const hit = cache.get(ch);
  if (hit) return hit;
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      if (decoder.decode(new Uint8Array([a, b])) === ch) {
        cache.set(ch, [a, b]);
        return [a, b];
      }
    }
  }
  throw new Error(`no two-byte GB18030 code for ${ch}`);
}

export const gb18030 = (s: string) => Buffer.from([...s].flatMap(encodeChar));
