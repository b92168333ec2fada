// Deterministic, seeded ids: the same seed and the same sequence of requests give the same ids,
// so snapshots and logs are comparable between runs. A small PRNG (sfc32) is far cheaper than
// hashing per id, which matters on the create-order hot path.
import { createHash } from "node:crypto";

export class IdGenerator {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  private readonly orderSequences = new Map<string, number>();

  constructor(seed: string) {
    this.reseed(seed);
  }

  reseed(seed: string): void {
    const digest = createHash("sha256").update(`cheqpay-sandbox:${seed}`).digest();
    this.a = digest.readUInt32LE(0);
    this.b = digest.readUInt32LE(4);
    this.c = digest.readUInt32LE(8);
    this.d = digest.readUInt32LE(12);
    this.orderSequences.clear();
    for (let i = 0; i < 12; i++) this.next32(); // warm up so similar seeds diverge
  }

  private next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  private hex8(): string {
    return this.next32().toString(16).padStart(8, "0");
  }

  /** RFC 4122 version-4-shaped uuid (the API reference shows uuids for every Cheqpay id). */
  uuid(): string {
    const h = this.hex8() + this.hex8() + this.hex8() + this.hex8();
    const variant = ((parseInt(h[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** Like the reference's "C25123101": C + YYMMDD (UTC) + a per-merchant sequence. */
  orderNumber(merchantId: string, now: Date): string {
    const seq = (this.orderSequences.get(merchantId) ?? 0) + 1;
    this.orderSequences.set(merchantId, seq);
    const yy = String(now.getUTCFullYear() % 100).padStart(2, "0");
    const mm = String(now.getUTCMonth() + 1).padStart(2, "0");
    const dd = String(now.getUTCDate()).padStart(2, "0");
    return `C${yy}${mm}${dd}${String(seq).padStart(5, "0")}`;
  }
}
