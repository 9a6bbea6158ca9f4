// Gauss-Legendre rules on [-1, 1], computed once per order by Newton iteration on P_n.

export interface QuadratureRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

const cache = new Map<number, QuadratureRule>();

export function gaussLegendre(n: number): QuadratureRule {
  const cached = cache.get(n);
  if (cached) return cached;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      if (n === 1) { p1 = x; p0 = 1; }
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    let p0 = 1;
    let p1 = x;
    for (let k = 2; k <= n; k++) {
      const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
      p0 = p1;
      p1 = p2;
    }
    dp = (n * (x * p1 - p0)) / (x * x - 1);
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  if (n % 2 === 1) nodes[(n - 1) / 2] = 0;
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}

/** ∫_a^b g(x) dx by an n-point Gauss-Legendre rule on each of `panels` equal panels. */
export function integrate(g: (x: number) => number, a: number, b: number, n = 20, panels = 1): number {
  const { nodes, weights } = gaussLegendre(n);
  const h = (b - a) / panels;
  let total = 0;
  for (let k = 0; k < panels; k++) {
    const mid = a + (k + 0.5) * h;
    let s = 0;
    for (let i = 0; i < n; i++) s += weights[i] * g(mid + 0.5 * h * nodes[i]);
    total += 0.5 * h * s;
  }
  return total;
}
