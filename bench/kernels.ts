// Per-kernel timing on the critic's shapes: npx tsx bench/kernels.ts [wasm|cpu]
// Fresh weight tensors each call, as in training (XNNPACK operators are cached by weight id).
import * as tf from '../src/engine/tf';
import { selectBackend } from '../src/engine/backend';

function time(name: string, f: () => tf.Tensor | tf.Tensor[], reps = 10): number {
  for (let i = 0; i < 10; i++) tf.dispose(f());
  let us = Infinity;
  for (let round = 0; round < 40; round++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) tf.dispose(f());
    us = Math.min(us, ((performance.now() - t0) / reps) * 1000);
  }
  console.log(`${name.padEnd(60)} ${us.toFixed(1).padStart(8)} us`);
  return us;
}

async function main() {
  const backend = (process.argv[2] ?? 'wasm') as 'wasm' | 'cpu';
  await selectBackend(backend);
  await tf.ready();
  console.log('backend', tf.getBackend(), 'simd', await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT').catch(() => '?'));
  const Rs = (process.argv[3] ?? '1,8').split(',').map(Number);
  for (const R of Rs) {
    const N = 512;
    console.log(`--- R=${R}, N=${N}`);
    const h = tf.randomNormal([R, N, 20]);
    const up = tf.randomNormal([R, N, 20]);
    const w0 = tf.randomNormal([R, 20, 20]);
    const x = tf.randomNormal([R, N, 1]);
    const g = tf.randomNormal([R, N, 1]);
    const w1 = tf.randomNormal([R, 1, 20]);
    const b = tf.randomNormal([R, 1, 20]);
    const w3 = tf.randomNormal([R, 20, 1]);
    const ones = tf.ones([R, 1, N]);
    const fresh = () => tf.add(w0, 0); // a new weight tensor, like after an update
    time('[ref] fresh W (Add scalar, 400*R floats)', () => fresh());
    time('[ref] Sub same-shape [R,20,20]', () => tf.sub(w0, w0));
    time('[ref] Mul same-shape [R,N,20]', () => tf.mul(h, up));
    time('fwd BatchMatMul h x W (fresh W)', () => { const w = fresh(); return [w, tf.matMul(h, w)]; });
    time('fwd Add bias [R,1,20]', () => tf.add(h, b));
    time('fwd Elu', () => tf.elu(h));
    time('bwd EluGrad', () => tf.engine().runKernel('EluGrad', { dy: up, y: h }) as tf.Tensor);
    time('bwd dH = up x W^T (transposeB)', () => tf.matMul(up, w0, false, true));
    time('bwd dH = up x transpose(W)', () => tf.matMul(up, tf.transpose(w0, [0, 2, 1])));
    time('bwd dW = h^T x up (transposeA)', () => tf.matMul(h, up, true, false));
    time('bwd dW = transpose(h) x up', () => tf.matMul(tf.transpose(h, [0, 2, 1]), up));
    time('bwd db = Sum(up, axis 1)', () => tf.sum(up, 1, true));
    time('bwd db = ones[R,1,N] x up', () => tf.matMul(ones, up));
    time('L1 fwd BatchMatMul x[R,N,1] x W1[R,1,20]', () => tf.matMul(x, w1));
    time('L1 fwd Mul x*W1 (broadcast)', () => tf.mul(x, w1));
    time('L1 bwd dW1 = x^T up (transposeA)', () => tf.matMul(x, up, true, false));
    time('L1 bwd dW1 = reshape(x,[R,1,N]) x up', () => tf.matMul(tf.reshape(x, [R, 1, N]), up));
    time('L3 fwd h x W3 [R,20,1]', () => tf.matMul(h, w3));
    time('L3 bwd dW3 = h^T g (transposeA)', () => tf.matMul(h, g, true, false));
    time('L3 bwd dW3^T = reshape(g,[R,1,N]) x h', () => tf.matMul(tf.reshape(g, [R, 1, N]), h));
    time('L3 bwd dH2 = g x W3^T (transposeB)', () => tf.matMul(g, w3, false, true));
    time('L3 bwd dH2 = g x reshape(W3,[R,1,20])', () => tf.matMul(g, tf.reshape(w3, [R, 1, 20])));
    time('L3 bwd dH2 = g * reshape(W3) (broadcast Mul)', () => tf.mul(g, tf.reshape(w3, [R, 1, 20])));
    time('Transpose h', () => tf.transpose(h, [0, 2, 1]));
    time('Concat [h,h] axis 1', () => tf.concat([h, h], 1));
    time('upload [R,N,1]', () => tf.tensor3d(new Float32Array(R * N), [R, N, 1]));
    if (R > 1) {
      const hs = tf.unstack(h).map((t) => tf.reshape(t, [N, 20]));
      const ups = tf.unstack(up).map((t) => tf.reshape(t, [N, 20]));
      time('split h into R slices (tf.split axis 0)', () => tf.split(h, R, 0));
      time('R x 2D matMul h_r x W_r (fresh W, slices of W)', () => { const w = fresh(); const ws = tf.split(w, R, 0); return [w, ...ws, ...hs.map((hh, i) => tf.matMul(hh, tf.reshape(ws[i], [20, 20])))]; });
      time('R x 2D matMul h_r^T x up_r (transposeA)', () => hs.map((hh, i) => tf.matMul(hh, ups[i], true, false)));
      time('R x 2D transpose(h_r) x up_r', () => hs.map((hh, i) => tf.matMul(tf.transpose(hh), ups[i])));
      time('R x 2D up_r x W_r^T (transposeB) (W slices)', () => { const ws = tf.split(w0, R, 0); return [...ws, ...ups.map((u, i) => tf.matMul(u, tf.reshape(ws[i], [20, 20]), false, true))]; });
      time('R x 2D up_r x transpose(W)_r', () => { const ws = tf.split(tf.transpose(w0, [0, 2, 1]), R, 0); return [...ws, ...ups.map((u, i) => tf.matMul(u, tf.reshape(ws[i], [20, 20])))]; });
      time('concat R results [N,20] -> [R,N,20]', () => tf.stack(hs));
      time('block-diagonal: [N, R*20] x [R*20, R*20]', () => tf.matMul(tf.reshape(h, [N, R * 20]), tf.zeros([R * 20, R * 20])));
      tf.dispose([...hs, ...ups]);
    }
    const b1d = tf.randomNormal([20]);
    const w2d = tf.randomNormal([20, 20]);
    const h2d = tf.randomNormal([N, 20]);
    time('2D matMul h x W (fresh W)', () => { const w = tf.add(w2d, 0); return [w, tf.matMul(h2d, w)]; });
    time('2D fused.matMul + bias rank1 (fresh W)', () => { const w = tf.add(w2d, 0); return [w, tf.fused.matMul({ a: h2d as tf.Tensor2D, b: w as tf.Tensor2D, bias: b1d })]; });
    time('2D fused.matMul + bias rank1 + elu (fresh W)', () => { const w = tf.add(w2d, 0); return [w, tf.fused.matMul({ a: h2d as tf.Tensor2D, b: w as tf.Tensor2D, bias: b1d, activation: 'elu' })]; });
    time('2D matMul + add + elu (fresh W)', () => { const w = tf.add(w2d, 0); return [w, tf.elu(tf.add(tf.matMul(h2d, w), b1d))]; });
    tf.dispose([h, up, w0, x, g, w1, b, w3, ones, b1d, w2d, h2d]);
  }
}
main();
