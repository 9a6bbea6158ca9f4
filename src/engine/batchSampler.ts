// The noise and samples of one generator step, drawn in JavaScript from one seeded stream per run
// (and a separate stream per learned run for penalty points), so that a run does not depend on its
// batch mates and every backend sees the same numbers. They are written into the upload matrices
// the trainer multiplies by A = [[1, 0], [mu, 0], [sigma, 0], [0, 1]] (see trainer.ts): a real
// sample r is the row [r, 0, 0, 1], a fake one mu + sigma z is [0, 1, z, 1], and a penalty point
// real + m (fake - real) + s is [(1 - m) real + s, m, m z, 1].
import type { Config } from '../config/schema';
import type { RunSpec } from '../config/runs';
import { mixtureStd } from './objectives';
import { MixtureSampler, Rng, type RngState } from './prng';

export interface SamplerState {
  /** One noise stream per run. */
  rng: RngState[];
  /** The learned runs' penalty-point streams. */
  penaltyRng: RngState[];
}

export class BatchSampler {
  /** Critic samples per learned run l and critic step k: real then fake, [L, K 2B, 4]. */
  readonly criticV: Float32Array;
  /** Penalty points [L, K B, 4] (null when no run has a penalty). */
  readonly penaltyV: Float32Array | null;
  /** Generator samples [R, B, 4] and their gradient weights [1, z] [R, B, 2]. */
  readonly generatorV: Float32Array;
  readonly generatorGradV: Float32Array;
  /** The target's sampler (snapshots draw from it too). */
  readonly target: MixtureSampler;
  private rngs: Rng[];
  private penaltyRngs: Rng[];
  private readonly learned: boolean[];
  private readonly penalties: RunSpec['scheme']['penalty'][];
  private readonly draganStd: number[];
  private readonly realBuf: Float32Array;
  private readonly zcBuf: Float32Array;
  private readonly zgBuf: Float32Array;
  private readonly R: number;
  private readonly L: number;
  private readonly B: number;
  private readonly K: number;

  constructor(config: Config, runs: RunSpec[], learnedIdx: number[], anyPenalty: boolean) {
    const R = (this.R = runs.length);
    const L = (this.L = learnedIdx.length);
    const B = (this.B = config.batchSize);
    const K = (this.K = config.criticSteps);
    this.learned = runs.map((r) => r.critic === 'learned');
    this.rngs = runs.map((r) => new Rng(r.seed, 0));
    this.penaltyRngs = learnedIdx.map((i) => new Rng(runs[i].seed, 2));
    this.penalties = learnedIdx.map((i) => runs[i].scheme.penalty);
    const std = mixtureStd(config.target);
    this.draganStd = learnedIdx.map((i) => runs[i].scheme.draganScale * std);
    this.target = new MixtureSampler(config.target);
    this.realBuf = new Float32Array(K * L * B);
    this.zcBuf = new Float32Array(K * L * B);
    this.zgBuf = new Float32Array(R * B);
    // the constant entries of the upload matrices, written once
    this.criticV = new Float32Array(L * K * 2 * B * 4);
    for (let row = 0; row < L * K * 2 * B; row++) {
      const fake = Math.floor(row / B) % 2 === 1;
      this.criticV[row * 4 + 1] = fake ? 1 : 0;
      this.criticV[row * 4 + 3] = 1;
    }
    this.generatorV = new Float32Array(R * B * 4);
    this.generatorGradV = new Float32Array(R * B * 2);
    for (let i = 0; i < R * B; i++) {
      this.generatorV[i * 4 + 1] = 1;
      this.generatorV[i * 4 + 3] = 1;
      this.generatorGradV[i * 2] = 1;
    }
    this.penaltyV = anyPenalty ? new Float32Array(L * K * B * 4) : null;
  }

  /** Draws the next step's samples and writes them into the upload matrices. */
  sample(): void {
    const { R, B, K, L } = this;
    let row = 0;
    for (let r = 0; r < R; r++) {
      const rng = this.rngs[r];
      if (this.learned[r]) {
        const l = row++;
        for (let k = 0; k < K; k++) {
          const off = (k * L + l) * B;
          this.target.fill(rng, this.realBuf, off, B);
          rng.fillNormal(this.zcBuf, off, B);
        }
      }
      rng.fillNormal(this.zgBuf, r * B, B);
    }
    const V = this.criticV;
    for (let l = 0; l < L; l++) {
      for (let k = 0; k < K; k++) {
        const src = (k * L + l) * B;
        const dst = (l * K + k) * 2 * B;
        for (let i = 0; i < B; i++) {
          V[(dst + i) * 4] = this.realBuf[src + i];
          V[(dst + B + i) * 4 + 2] = this.zcBuf[src + i];
        }
      }
    }
    for (let i = 0; i < R * B; i++) {
      this.generatorV[i * 4 + 2] = this.zgBuf[i];
      this.generatorGradV[i * 2 + 1] = this.zgBuf[i];
    }
    this.samplePenaltyPoints();
  }

  /** The penalty's noise, from a separate per-run stream so that the other draws do not change. */
  private samplePenaltyPoints(): void {
    const V = this.penaltyV;
    if (!V) return;
    const { B, K, L } = this;
    for (let l = 0; l < L; l++) {
      const penalty = this.penalties[l];
      const rng = this.penaltyRngs[l];
      const scale = this.draganStd[l];
      for (let k = 0; k < K; k++) {
        const off = (k * L + l) * B;
        const dst = (l * K + k) * B;
        for (let i = 0; i < B; i++) {
          let m = 0;
          let s = 0;
          if (penalty === 'gp') m = 1 - rng.uniform(); // 1 - alpha, alpha ~ U[0, 1)
          else if (penalty === 'dragan') s = scale * rng.normal(); // delta ~ N(0, (c std)^2)
          const real = this.realBuf[off + i];
          V[(dst + i) * 4] = (1 - m) * real + s;
          V[(dst + i) * 4 + 1] = m;
          V[(dst + i) * 4 + 2] = m * this.zcBuf[off + i];
          V[(dst + i) * 4 + 3] = 1;
        }
      }
    }
  }

  exportState(): SamplerState {
    return { rng: this.rngs.map((r) => r.getState()), penaltyRng: this.penaltyRngs.map((r) => r.getState()) };
  }

  importState(state: SamplerState): void {
    this.rngs = state.rng.map((s) => Rng.fromState(s));
    this.penaltyRngs = state.penaltyRng.map((s) => Rng.fromState(s));
  }
}
