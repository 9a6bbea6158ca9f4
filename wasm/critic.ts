// AssemblyScript: the fused critic kernels' loops in WebAssembly SIMD, over the tfjs wasm
// backend's own memory (imported; this module allocates nothing and has no data of its own).
// The same arithmetic as src/engine/fused/criticPass.ts, which the cpu backend runs and the tests
// compare against. Pointers are byte offsets; arrays are float32, row-major.
//   npm run build:wasm   compiles it into src/engine/fused/criticWasm.ts

// Activations: 0 elu, 1 relu, 2 leaky-relu (0.2), 3 tanh, 4 softplus.
@inline function activate(a: f32, act: i32): f32 {
  if (act == 0) return a > 0 ? a : Mathf.expm1(a);
  if (act == 1) return a > 0 ? a : 0;
  if (act == 2) return a > 0 ? a : <f32>0.2 * a;
  if (act == 3) return Mathf.tanh(a);
  return a > 0 ? a + Mathf.log1p(Mathf.exp(-a)) : Mathf.log1p(Mathf.exp(a));
}

/** phi'(a) in terms of the output h = phi(a). */
@inline function slopeOf(h: f32, act: i32): f32 {
  if (act == 0) return h > 0 ? 1 : h + 1;
  if (act == 1) return h > 0 ? 1 : 0;
  if (act == 2) return h > 0 ? 1 : <f32>0.2;
  if (act == 3) return 1 - h * h;
  return 1 - Mathf.exp(-h);
}


/** exp(x) - 1 on four lanes: x = n ln 2 + r with |r| <= ln 2 / 2 (n rounded by the 1.5 2^23 trick,
 * whose bits also give 2^n), expm1(r) by its Taylor polynomial to r^7, and
 * expm1(x) = 2^n expm1(r) + (2^n - 1), which does not cancel near 0. */
@inline function expm1x4(x: v128): v128 {
  const v = f32x4.min(f32x4.max(x, f32x4.splat(-87.3)), f32x4.splat(88.3));
  const t = f32x4.add(f32x4.mul(v, f32x4.splat(1.44269504)), f32x4.splat(12582912));
  const n = f32x4.sub(t, f32x4.splat(12582912));
  const r = f32x4.sub(f32x4.sub(v, f32x4.mul(n, f32x4.splat(0.693359375))), f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.0 / 5040);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 720));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 120));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 24));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 6));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(0.5));
  p = f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r);
  const scale = i32x4.shl(i32x4.sub(t, i32x4.splat(0x4b3fff81)), 23);
  return f32x4.add(f32x4.mul(scale, p), f32x4.sub(scale, f32x4.splat(1)));
}

/** phi on four lanes for elu, relu and leaky-relu (the others go lane by lane). */
@inline function activate4(a: v128, act: i32): v128 {
  const positive = f32x4.gt(a, f32x4.splat(0));
  if (act == 0) return v128.bitselect(a, expm1x4(a), positive);
  if (act == 1) return f32x4.max(a, f32x4.splat(0));
  return v128.bitselect(a, f32x4.mul(a, f32x4.splat(0.2)), positive);
}

/** phi' from the outputs h on four lanes for elu, relu, leaky-relu and tanh. */
@inline function slope4(h: v128, act: i32): v128 {
  const positive = f32x4.gt(h, f32x4.splat(0));
  if (act == 0) return v128.bitselect(f32x4.splat(1), f32x4.add(h, f32x4.splat(1)), positive);
  if (act == 1) return v128.bitselect(f32x4.splat(1), f32x4.splat(0), positive);
  if (act == 2) return v128.bitselect(f32x4.splat(1), f32x4.splat(0.2), positive);
  return f32x4.sub(f32x4.splat(1), f32x4.mul(h, h));
}

/** dst[0..cols) += a * src[0..cols) */
@inline function axpy(dst: usize, a: f32, src: usize, cols: i32): void {
  const va = f32x4.splat(a);
  let j = 0;
  for (; j + 4 <= cols; j += 4) {
    const o = <usize>(j << 2);
    v128.store(dst + o, f32x4.add(v128.load(dst + o), f32x4.mul(va, v128.load(src + o))));
  }
  for (; j < cols; j++) {
    const o = <usize>(j << 2);
    store<f32>(dst + o, load<f32>(dst + o) + a * load<f32>(src + o));
  }
}

/** sum_j x[j] y[j] */
@inline function dot(x: usize, y: usize, cols: i32): f32 {
  let acc = f32x4.splat(0);
  let j = 0;
  for (; j + 4 <= cols; j += 4) {
    const o = <usize>(j << 2);
    acc = f32x4.add(acc, f32x4.mul(v128.load(x + o), v128.load(y + o)));
  }
  let s = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
  for (; j < cols; j++) s += load<f32>(x + (<usize>j << 2)) * load<f32>(y + (<usize>j << 2));
  return s;
}


// Register-blocked forms for rows of 5 to 24 floats: six f32x4 accumulators hold a whole output
// row. They read up to 24 floats of a row (lanes past its end are never stored), so the caller's
// scratch carries 128 bytes of padding and tensors are read this way only away from memory's end.
const BLOCK: i32 = 24;

@inline function storePart(p: usize, v: v128, count: i32): void {
  if (count >= 4) { v128.store(p, v); return; }
  if (count > 0) store<f32>(p, f32x4.extract_lane(v, 0));
  if (count > 1) store<f32>(p + 4, f32x4.extract_lane(v, 1));
  if (count > 2) store<f32>(p + 8, f32x4.extract_lane(v, 2));
}

@inline function storeRow(p: usize, a0: v128, a1: v128, a2: v128, a3: v128, a4: v128, a5: v128, cols: i32): void {
  storePart(p, a0, cols);
  storePart(p + 16, a1, cols - 4);
  storePart(p + 32, a2, cols - 8);
  storePart(p + 48, a3, cols - 12);
  storePart(p + 64, a4, cols - 16);
  storePart(p + 80, a5, cols - 20);
}

/** Whether `bytes` past p can be read. */
@inline function readable(p: usize, bytes: usize): bool {
  return p + bytes + 128 <= (<usize>memory.size() << 16);
}

/**
 * For each of `count` output rows o: out[o] (`width` floats; rows `outStride` bytes apart) =
 * init (a row of `width` floats; 0: none) + sum over k < depth of a(o, k) b[k], where b's rows are
 * `bStride` bytes apart and a(o, k) is the float at a + o aOuter + k aInner (byte strides).
 */
function blockedProduct(a: usize, aOuter: usize, aInner: usize, b: usize, bStride: usize, depth: i32, init: usize, out: usize, outStride: usize, count: i32, width: i32): void {
  const zero = f32x4.splat(0);
  for (let o = 0; o < count; o++) {
    let a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero;
    if (init != 0) { a0 = v128.load(init); a1 = v128.load(init, 16); a2 = v128.load(init, 32); a3 = v128.load(init, 48); a4 = v128.load(init, 64); a5 = v128.load(init, 80); }
    const row = a + <usize>o * aOuter;
    for (let k = 0; k < depth; k++) {
      const va = f32x4.splat(load<f32>(row + <usize>k * aInner));
      const r = b + <usize>k * bStride;
      a0 = f32x4.add(a0, f32x4.mul(va, v128.load(r)));
      a1 = f32x4.add(a1, f32x4.mul(va, v128.load(r, 16)));
      a2 = f32x4.add(a2, f32x4.mul(va, v128.load(r, 32)));
      a3 = f32x4.add(a3, f32x4.mul(va, v128.load(r, 48)));
      a4 = f32x4.add(a4, f32x4.mul(va, v128.load(r, 64)));
      a5 = f32x4.add(a5, f32x4.mul(va, v128.load(r, 80)));
    }
    storeRow(out + <usize>o * outStride, a0, a1, a2, a3, a4, a5, width);
  }
}

/** x[i] = phi(x[i]) for `count` floats. */
function activateAll(x: usize, count: i32, act: i32): void {
  let i = 0;
  if (act <= 2) for (; i + 4 <= count; i += 4) v128.store(x + (<usize>i << 2), activate4(v128.load(x + (<usize>i << 2)), act));
  for (; i < count; i++) store<f32>(x + (<usize>i << 2), activate(load<f32>(x + (<usize>i << 2)), act));
}

/** x[i] *= phi'(h[i]) (h: the activation's outputs) for `count` floats. */
function scaleBySlope(x: usize, h: usize, count: i32, act: i32): void {
  let i = 0;
  if (act != 4) for (; i + 4 <= count; i += 4) v128.store(x + (<usize>i << 2), f32x4.mul(v128.load(x + (<usize>i << 2)), slope4(v128.load(h + (<usize>i << 2)), act)));
  for (; i < count; i++) store<f32>(x + (<usize>i << 2), load<f32>(x + (<usize>i << 2)) * slopeOf(load<f32>(h + (<usize>i << 2)), act));
}

/** out [N, cols] = phi(in [N, inWidth] W[0..inWidth) (+ W's bias row when `ones`)). */
export function forwardLayer(inp: usize, inWidth: i32, ones: bool, w: usize, rows: i32, cols: i32, out: usize, n: i32, act: i32, hidden: bool): void {
  const rowBytes = <usize>(cols << 2);
  const bias = w + <usize>(rows - 1) * rowBytes;
  if (cols > 4 && cols <= BLOCK && readable(w, <usize>rows * rowBytes)) {
    blockedProduct(inp, <usize>(inWidth << 2), 4, w, rowBytes, inWidth, ones ? bias : 0, out, rowBytes, n, cols);
    if (hidden) activateAll(out, n * cols, act);
    return;
  }
  if (cols == 1 && !ones && !hidden) {
    for (let s = 0; s < n; s++) store<f32>(out + (<usize>s << 2), dot(inp + (<usize>(s * inWidth) << 2), w, inWidth));
    return;
  }
  for (let s = 0; s < n; s++) {
    const o = out + <usize>s * rowBytes;
    if (ones) memory.copy(o, bias, rowBytes);
    else memory.fill(o, 0, rowBytes);
    const h = inp + (<usize>(s * inWidth) << 2);
    for (let i = 0; i < inWidth; i++) axpy(o, load<f32>(h + (<usize>i << 2)), w + <usize>i * rowBytes, cols);
    if (hidden) for (let j = 0; j < cols; j++) store<f32>(o + (<usize>j << 2), activate(load<f32>(o + (<usize>j << 2)), act));
  }
}

/** exp(scale d) of the six exponential features. */
@inline function expFeature(e: i32, d: f32): f32 {
  const scale: f32 = e == 0 ? 1 : e == 1 ? -1 : e == 2 ? 2 : e == 3 ? -2 : e == 4 ? 0.5 : -0.5;
  return Mathf.exp(scale * d);
}

/** up[n] = dLoss/dd from d [N] and the run's coefficients [2 groups, 18]; returns the loss value
 * (without its constant) when `wantValue`. */
export function lossDerivative(d: usize, up: usize, n: i32, groupSize: i32, coef: usize, wantValue: bool): f64 {
  let value: f64 = 0;
  for (let s = 0; s < n; s++) {
    const c = coef + (s < groupSize ? 0 : 18 * 4);
    const dn = load<f32>(d + (<usize>s << 2));
    const sig: f32 = 1 / (1 + Mathf.exp(-dn));
    let g: f32 = load<f32>(c + 9 * 4) * sig + load<f32>(c + 10 * 4) * sig * (1 - sig) + load<f32>(c + 17 * 4);
    for (let e = 0; e < 6; e++) {
      const k = load<f32>(c + <usize>(11 + e) * 4);
      if (k != 0) g += k * expFeature(e, dn);
    }
    store<f32>(up + (<usize>s << 2), g);
    if (!wantValue) continue;
    let v: f32 = load<f32>(c) * dn + load<f32>(c + 2 * 4) * sig;
    const sp = load<f32>(c + 4);
    if (sp != 0) v += sp * (dn > 0 ? dn + Mathf.log1p(Mathf.exp(-dn)) : Mathf.log1p(Mathf.exp(dn)));
    for (let e = 0; e < 6; e++) {
      const k = load<f32>(c + <usize>(3 + e) * 4);
      if (k != 0) v += k * expFeature(e, dn);
    }
    value += <f64>v;
  }
  return value;
}

/** g [rows, cols] = in^T up over N samples (+ the bias row's sum when `ones`); the constant
 * unit's column zeroed when `mask`. */
export function paramGrad(inp: usize, inWidth: i32, ones: bool, up: usize, cols: i32, n: i32, g: usize, rows: i32, mask: bool): void {
  const rowBytes = <usize>(cols << 2);
  const inBytes = <usize>(inWidth << 2);
  if (cols == 1 && !ones && inWidth > 4 && inWidth <= BLOCK) {
    // one output row along the inputs: g [inWidth] = sum_s up[s] h[s, :]
    blockedProduct(up, 0, 4, inp, inBytes, n, 0, g, 0, 1, inWidth);
    return;
  }
  if (cols > 4 && cols <= BLOCK) {
    blockedProduct(inp, 4, inBytes, up, rowBytes, n, 0, g, rowBytes, inWidth, cols);
    if (ones) {
      const bias = g + <usize>(rows - 1) * rowBytes;
      memory.fill(bias, 0, rowBytes);
      for (let s = 0; s < n; s++) axpy(bias, 1, up + <usize>s * rowBytes, cols);
    }
    if (mask) for (let i = 0; i < rows; i++) store<f32>(g + <usize>i * rowBytes + (<usize>(cols - 1) << 2), 0);
    return;
  }
  memory.fill(g, 0, <usize>rows * rowBytes);
  const bias = g + <usize>(rows - 1) * rowBytes;
  for (let s = 0; s < n; s++) {
    const u = up + <usize>s * rowBytes;
    const h = inp + (<usize>(s * inWidth) << 2);
    for (let i = 0; i < inWidth; i++) axpy(g + <usize>i * rowBytes, load<f32>(h + (<usize>i << 2)), u, cols);
    if (ones) axpy(bias, 1, u, cols);
  }
  if (mask) for (let i = 0; i < rows; i++) store<f32>(g + <usize>i * rowBytes + (<usize>(cols - 1) << 2), 0);
}

/** next [N, inWidth] = (up [N, cols] W[0..inWidth)^T) * phi'(prev) (prev = 0: no activation);
 * wt: scratch for W^T (cols x inWidth floats and padding). */
export function backUp(up: usize, cols: i32, w: usize, inWidth: i32, prev: usize, act: i32, next: usize, n: i32, wt: usize): void {
  const rowBytes = <usize>(cols << 2);
  if (inWidth > 4 && inWidth <= BLOCK) {
    const tBytes = <usize>(inWidth << 2);
    for (let i = 0; i < inWidth; i++) for (let j = 0; j < cols; j++) store<f32>(wt + <usize>j * tBytes + (<usize>i << 2), load<f32>(w + <usize>i * rowBytes + (<usize>j << 2)));
    blockedProduct(up, rowBytes, 4, wt, tBytes, cols, 0, next, tBytes, n, inWidth);
    if (prev != 0) scaleBySlope(next, prev, n * inWidth, act);
    return;
  }
  for (let s = 0; s < n; s++) {
    const u = up + <usize>s * rowBytes;
    for (let i = 0; i < inWidth; i++) {
      const at = (<usize>(s * inWidth + i)) << 2;
      let a = dot(u, w + <usize>i * rowBytes, cols);
      if (prev != 0) a *= slopeOf(load<f32>(prev + at), act);
      store<f32>(next + at, a);
    }
  }
}

/** One optimizer step on `size` parameters (Keras forms; absent slots are 0 pointers), then the
 * clip (0: none) except in the constant unit's column of a hidden layer. */
export function optimizerStep(
  w: usize, m: usize, v: usize, ms: usize, g: usize, size: i32, cols: i32, hidden: bool, prescaled: bool,
  sgd: f32, adam: f32, b1: f32, b2: f32, epsA: f32, rms: f32, rho: f32, epsR: f32, clip: f32,
): void {
  for (let i = 0; i < size; i++) {
    const at = <usize>i << 2;
    const gi = load<f32>(g + at);
    let step: f32 = 0;
    if (prescaled) step = gi;
    else {
      step = sgd * gi;
      if (m != 0) {
        const mi = b1 * load<f32>(m + at) + (1 - b1) * gi;
        const vi = b2 * load<f32>(v + at) + (1 - b2) * gi * gi;
        store<f32>(m + at, mi);
        store<f32>(v + at, vi);
        step += adam * (mi / (Mathf.sqrt(vi) + epsA));
      }
      if (ms != 0) {
        const si = rho * load<f32>(ms + at) + (1 - rho) * gi * gi;
        store<f32>(ms + at, si);
        step += rms * (gi / (Mathf.sqrt(si) + epsR));
      }
    }
    let p = load<f32>(w + at) - step;
    if (clip > 0 && !(hidden && i % cols == cols - 1)) p = Mathf.min(Mathf.max(p, -clip), clip);
    store<f32>(w + at, p);
  }
}
