// Seeded pseudo-random numbers for the engine. Every run has its own stream, so that a run's
// trajectory does not depend on which other runs share the batch and backends can be compared.

/** splitmix32: spreads a 32-bit seed (and a salt) into a well-mixed 32-bit state word. */
export function splitmix32(seed: number): number {
  let z = (seed + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** The state of a Rng: plain numbers, structured-clone friendly. */
export interface RngState {
  s: [number, number, number, number];
  spare: number | null;
}

/** xoshiro128** with Marsaglia's polar method for standard normals. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  constructor(seed: number, salt = 0) {
    let x = splitmix32((seed ^ Math.imul(salt + 1, 0x27d4eb2d)) >>> 0);
    this.s0 = x; x = splitmix32(x + 1);
    this.s1 = x; x = splitmix32(x + 2);
    this.s2 = x; x = splitmix32(x + 3);
    this.s3 = x;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  static fromState(state: RngState): Rng {
    const r = new Rng(0);
    [r.s0, r.s1, r.s2, r.s3] = state.s;
    r.spare = state.spare;
    return r;
  }

  getState(): RngState {
    return { s: [this.s0, this.s1, this.s2, this.s3], spare: this.spare };
  }

  /** A uniform 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.nextU32() / 4294967296;
  }

  /** A standard normal deviate. */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    return u * m;
  }

  /** Fills out[offset .. offset+n) with standard normals. */
  fillNormal(out: Float32Array, offset: number, n: number): void {
    for (let i = 0; i < n; i++) out[offset + i] = this.normal();
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Samples of a Gaussian mixture: a component by its weight, then mean + std * normal. */
export class MixtureSampler {
  private readonly cumulative: Float64Array;
  private readonly means: Float64Array;
  private readonly stds: Float64Array;

  constructor(components: ReadonlyArray<{ weight: number; mean: number; std: number }>) {
    const total = components.reduce((s, c) => s + c.weight, 0);
    this.cumulative = new Float64Array(components.length);
    this.means = new Float64Array(components.map((c) => c.mean));
    this.stds = new Float64Array(components.map((c) => c.std));
    let acc = 0;
    components.forEach((c, i) => {
      acc += c.weight / total;
      this.cumulative[i] = acc;
    });
    this.cumulative[components.length - 1] = 1;
  }

  fill(rng: Rng, out: Float32Array, offset: number, n: number): void {
    const k = this.cumulative.length;
    for (let i = 0; i < n; i++) {
      let c = 0;
      if (k > 1) {
        const u = rng.uniform();
        while (c < k - 1 && u >= this.cumulative[c]) c++;
      }
      out[offset + i] = this.means[c] + this.stds[c] * rng.normal();
    }
  }
}
