// 2 x 2 linear algebra in float64 for the two-dimensional problems: vectors [x, y] and matrices
// [[a, b], [c, d]] (rows).

export type Vec2 = readonly [number, number];
export type Mat2 = readonly [readonly [number, number], readonly [number, number]];

export function det2(m: Mat2): number {
  return m[0][0] * m[1][1] - m[0][1] * m[1][0];
}

export function trace2(m: Mat2): number {
  return m[0][0] + m[1][1];
}

export function inverse2(m: Mat2): Mat2 {
  const det = det2(m);
  if (!(Math.abs(det) > 0)) throw new Error('the matrix is singular');
  return [[m[1][1] / det, -m[0][1] / det], [-m[1][0] / det, m[0][0] / det]];
}

export function multiply2(a: Mat2, b: Mat2): Mat2 {
  return [
    [a[0][0] * b[0][0] + a[0][1] * b[1][0], a[0][0] * b[0][1] + a[0][1] * b[1][1]],
    [a[1][0] * b[0][0] + a[1][1] * b[1][0], a[1][0] * b[0][1] + a[1][1] * b[1][1]],
  ];
}

export function transpose2(m: Mat2): Mat2 {
  return [[m[0][0], m[1][0]], [m[0][1], m[1][1]]];
}

/** The lower Cholesky factor L of a symmetric positive-definite matrix (L L^T = m). */
export function cholesky2(m: Mat2): Mat2 {
  const l11 = Math.sqrt(m[0][0]);
  const l21 = m[1][0] / l11;
  const l22 = Math.sqrt(m[1][1] - l21 * l21);
  if (!(l11 > 0) || !(l22 > 0)) throw new Error('the covariance is not positive definite');
  return [[l11, 0], [l21, l22]];
}

/** Whether m is symmetric positive definite (within a relative tolerance for symmetry). */
export function isPositiveDefinite2(m: Mat2): boolean {
  const symmetric = Math.abs(m[0][1] - m[1][0]) <= 1e-12 * (Math.abs(m[0][1]) + Math.abs(m[1][0]) + 1);
  return symmetric && m[0][0] > 0 && det2(m) > 0;
}

/** m^T m for a k x 2 matrix given as k rows (the covariance of z A for standard normal z). */
export function gram2(rows: readonly Vec2[]): Mat2 {
  let a = 0;
  let b = 0;
  let d = 0;
  for (const [x, y] of rows) { a += x * x; b += x * y; d += y * y; }
  return [[a, b], [b, d]];
}
