// Normal density, log-density and distribution function in float64.

export const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const ONE_OVER_SQRT_PI = 0.56418958354775628695;

export function normalLogPdf(x: number, mean: number, std: number): number {
  const z = (x - mean) / std;
  return -0.5 * z * z - Math.log(std) - LOG_SQRT_2PI;
}

export function normalPdf(x: number, mean: number, std: number): number {
  return Math.exp(normalLogPdf(x, mean, std));
}

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23
// (1969), coefficients of SPECFUN CALERF: ~1e-16 relative accuracy on every interval.
function erfSmall(y: number): number {
  const t = y * y;
  const num = (((1.85777706184603153e-1 * t + 3.16112374387056560) * t + 1.13864154151050156e2) * t
    + 3.77485237685302021e2) * t + 3.20937758913846947e3;
  const den = (((t + 2.36012909523441209e1) * t + 2.44024637934444173e2) * t + 1.28261652607737228e3) * t
    + 2.84423683343917062e3;
  return (y * num) / den;
}

/** erfc(y) e^{y^2} for y > 0.46875 (the scaled complementary error function). */
function erfcxLarge(y: number): number {
  if (y <= 4) {
    const num = (((((((2.15311535474403846e-8 * y + 5.64188496988670089e-1) * y + 8.88314979438837594) * y
      + 6.61191906371416295e1) * y + 2.98635138197400131e2) * y + 8.81952221241769090e2) * y
      + 1.71204761263407058e3) * y + 2.05107837782607147e3) * y + 1.23033935479799725e3;
    const den = (((((((y + 1.57449261107098347e1) * y + 1.17693950891312499e2) * y + 5.37181101862009858e2) * y
      + 1.62138957456669019e3) * y + 3.29079923573345963e3) * y + 4.36261909014324716e3) * y
      + 3.43936767414372164e3) * y + 1.23033935480374942e3;
    return num / den;
  }
  const t = 1 / (y * y);
  const num = ((((1.63153871373020978e-2 * t + 3.05326634961232344e-1) * t + 3.60344899949804439e-1) * t
    + 1.25781726111229246e-1) * t + 1.60837851487422766e-2) * t + 6.58749161529837803e-4;
  const den = ((((t + 2.56852019228982242) * t + 1.87295284992346047) * t + 5.27905102951428412e-1) * t
    + 6.05183413124413191e-2) * t + 2.33520497626869185e-3;
  return (ONE_OVER_SQRT_PI - (t * num) / den) / y;
}

// exp(-y^2) with y^2 split as in Cody's code, so the rounding of y*y does not cost accuracy for large y.
function expNegSquare(y: number): number {
  const ySplit = Math.trunc(y * 16) / 16;
  const del = (y - ySplit) * (y + ySplit);
  return Math.exp(-ySplit * ySplit) * Math.exp(-del);
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - (x < 0 ? -erfSmall(y) : erfSmall(y));
  const upper = y > 27.3 ? 0 : expNegSquare(y) * erfcxLarge(y);
  return x < 0 ? 2 - upper : upper;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return x < 0 ? -erfSmall(y) : erfSmall(y);
  const value = 1 - expNegSquare(y) * erfcxLarge(y);
  return x < 0 ? -value : value;
}

/** log erfc(x), finite for every finite x (no underflow in the right tail). */
export function logErfc(x: number): number {
  if (x <= 0.46875) return Math.log(erfc(x));
  return -x * x + Math.log(erfcxLarge(x));
}

/** Phi(z), the standard normal distribution function. */
export function standardNormalCdf(z: number): number {
  return 0.5 * erfc(-z * Math.SQRT1_2);
}

/** log Phi(z), accurate far into the left tail. */
export function standardNormalLogCdf(z: number): number {
  if (z > -1) return Math.log1p(-0.5 * erfc(z * Math.SQRT1_2));
  return logErfc(-z * Math.SQRT1_2) - Math.LN2;
}

export function normalCdf(x: number, mean: number, std: number): number {
  return standardNormalCdf((x - mean) / std);
}

/** 1 - Phi((x - mean)/std) without cancellation. */
export function normalSurvival(x: number, mean: number, std: number): number {
  return standardNormalCdf((mean - x) / std);
}
