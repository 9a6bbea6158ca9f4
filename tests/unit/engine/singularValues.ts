// The largest singular value of a small dense matrix, for checking the engine's power iteration
// independently: the square root of the largest eigenvalue of W^T W by cyclic Jacobi rotations.

/** sigma_max(W) of a matrix given as rows, in float64. */
export function largestSingularValue(w: number[][]): number {
  const n = w[0].length;
  const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => w.reduce((s, row) => s + row[i] * row[j], 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] * a[p][q];
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (a[p][q] === 0) continue;
        // the rotation that zeroes a[p][q]
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
      }
    }
  }
  return Math.sqrt(Math.max(...a.map((row, i) => row[i])));
}
