// Nelder-Mead minimisation in two dimensions, for refining minima of the landscapes.

export type Objective2 = (x: number, y: number) => number;
type Point2 = [number, number];

/** Stops when the simplex is smaller than `tolerance` in both coordinates (or after maxIterations). */
export function nelderMead(objective: Objective2, start: Point2, step: Point2, tolerance = 1e-9, maxIterations = 4000): Point2 {
  let simplex: Point2[] = [start, [start[0] + step[0], start[1]], [start[0], start[1] + step[1]]];
  let values = simplex.map(([a, b]) => objective(a, b));
  for (let iter = 0; iter < maxIterations; iter++) {
    const order = [0, 1, 2].sort((i, j) => values[i] - values[j]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    const size = Math.max(Math.abs(simplex[1][0] - simplex[0][0]), Math.abs(simplex[2][0] - simplex[0][0]),
      Math.abs(simplex[1][1] - simplex[0][1]), Math.abs(simplex[2][1] - simplex[0][1]));
    if (size < tolerance) break;
    step2(objective, simplex, values);
  }
  const best = values.indexOf(Math.min(...values));
  return simplex[best];
}

/** One reflect / expand / contract / shrink step on a simplex sorted best first. */
function step2(objective: Objective2, simplex: Point2[], values: number[]): void {
  const centroid: Point2 = [(simplex[0][0] + simplex[1][0]) / 2, (simplex[0][1] + simplex[1][1]) / 2];
  const along = (t: number): Point2 => [centroid[0] + t * (simplex[2][0] - centroid[0]), centroid[1] + t * (simplex[2][1] - centroid[1])];
  const reflected = along(-1);
  const fr = objective(...reflected);
  if (fr < values[0]) {
    const expanded = along(-2);
    const fe = objective(...expanded);
    if (fe < fr) { simplex[2] = expanded; values[2] = fe; } else { simplex[2] = reflected; values[2] = fr; }
  } else if (fr < values[1]) {
    simplex[2] = reflected; values[2] = fr;
  } else {
    const contracted = fr < values[2] ? along(-0.5) : along(0.5);
    const fc = objective(...contracted);
    if (fc < Math.min(fr, values[2])) { simplex[2] = contracted; values[2] = fc; } else {
      for (const i of [1, 2]) {
        simplex[i] = [(simplex[i][0] + simplex[0][0]) / 2, (simplex[i][1] + simplex[0][1]) / 2];
        values[i] = objective(...simplex[i]);
      }
    }
  }
}
