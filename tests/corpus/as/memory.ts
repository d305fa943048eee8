// Allocation churn under the GC, ArrayBuffer/DataView byte order, memory growth, CRC-32 over a buffer.
class Pair { constructor(public a: i32, public b: string) {} }
let keep = new Array<Pair>();
for (let round = 0; round < 20; round++) {
  const tmp = new Array<Pair>();
  for (let i = 0; i < 500; i++) tmp.push(new Pair(i * round, "p" + i.toString()));
  keep.push(tmp[round * 7]);
}
let s: i64 = 0; for (let i = 0; i < keep.length; i++) s += keep[i].a + keep[i].b.length;
console.log("kept " + keep.length.toString() + " checksum " + s.toString());
const buf = new ArrayBuffer(16); const dv = new DataView(buf);
dv.setUint32(0, 0xdeadbeef, true); dv.setUint32(4, 0xdeadbeef, false); dv.setFloat64(8, -1.5, true);
const bytes = Uint8Array.wrap(buf); let hex = "";
for (let i = 0; i < 16; i++) hex += (<u32>bytes[i]).toString(16).padStart(2, "0");
console.log(hex + " " + dv.getInt16(2, false).toString() + " " + dv.getFloat64(8, true).toString());
const big = new Uint8Array(3 << 20);
for (let i = 0; i < big.length; i += 4096) big[i] = <u8>(i >> 12);
let crc: u32 = 0xffffffff;
for (let i = 0; i < big.length; i += 997) { crc ^= big[i]; for (let k = 0; k < 8; k++) crc = (crc & 1) ? (crc >> 1) ^ 0xedb88320 : crc >> 1; }
console.log("big " + big.length.toString() + " crc " + (~crc).toString(16) + " pages>=48 " + (memory.size() >= 48).toString());
