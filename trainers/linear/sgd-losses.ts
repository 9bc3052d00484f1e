/**
 * Per-sample losses of SGD and their derivatives in the prediction p (scikit-learn's `_sgd_fast`
 * losses), dispatched on a small integer code so the hot loop stays monomorphic.
 */

export const SGD_CLASSIFIER_LOSSES = [
  "hinge",
  "log_loss",
  "modified_huber",
  "squared_hinge",
  "perceptron",
] as const;
export const SGD_REGRESSOR_LOSSES = [
  "squared_error",
  "huber",
  "epsilon_insensitive",
  "squared_epsilon_insensitive",
] as const;
export type SgdLoss = (typeof SGD_CLASSIFIER_LOSSES)[number] | (typeof SGD_REGRESSOR_LOSSES)[number];

const CODES: readonly SgdLoss[] = [...SGD_CLASSIFIER_LOSSES, ...SGD_REGRESSOR_LOSSES];

/** The integer code of a loss, for `lossValue` / `lossDerivative`. */
export function lossCode(kind: SgdLoss): number {
  return CODES.indexOf(kind);
}

/** loss(p, y); classification losses take y = ±1, `epsilon` is the Huber / insensitive width. */
export function lossValue(code: number, p: number, y: number, epsilon: number): number {
  switch (code) {
    case 0: // hinge
      return Math.max(0, 1 - p * y);
    case 1: {
      // log_loss
      const z = p * y;
      if (z > 18) return Math.exp(-z);
      if (z < -18) return -z;
      return Math.log1p(Math.exp(-z));
    }
    case 2: {
      // modified_huber
      const z = p * y;
      if (z >= 1) return 0;
      if (z >= -1) return (1 - z) * (1 - z);
      return -4 * z;
    }
    case 3: {
      // squared_hinge
      const z = 1 - p * y;
      return z > 0 ? z * z : 0;
    }
    case 4: // perceptron
      return Math.max(0, -p * y);
    case 5: // squared_error
      return 0.5 * (p - y) * (p - y);
    case 6: {
      // huber
      const r = Math.abs(p - y);
      return r <= epsilon ? 0.5 * r * r : epsilon * r - 0.5 * epsilon * epsilon;
    }
    case 7: // epsilon_insensitive
      return Math.max(0, Math.abs(y - p) - epsilon);
    default: {
      // squared_epsilon_insensitive
      const e = Math.abs(y - p) - epsilon;
      return e > 0 ? e * e : 0;
    }
  }
}

/** d loss / d p. */
export function lossDerivative(code: number, p: number, y: number, epsilon: number): number {
  switch (code) {
    case 0:
      return p * y <= 1 ? -y : 0;
    case 1: {
      const z = p * y;
      if (z > 18) return -y * Math.exp(-z);
      if (z < -18) return -y;
      return -y / (Math.exp(z) + 1);
    }
    case 2: {
      const z = p * y;
      if (z >= 1) return 0;
      if (z >= -1) return -2 * y * (1 - z);
      return -4 * y;
    }
    case 3: {
      const z = 1 - p * y;
      return z > 0 ? -2 * y * z : 0;
    }
    case 4:
      return p * y <= 0 ? -y : 0;
    case 5:
      return p - y;
    case 6: {
      const r = p - y;
      if (Math.abs(r) <= epsilon) return r;
      return r > 0 ? epsilon : -epsilon;
    }
    case 7:
      if (y - p > epsilon) return -1;
      if (p - y > epsilon) return 1;
      return 0;
    default: {
      const z = y - p;
      if (z > epsilon) return -2 * (z - epsilon);
      if (z < -epsilon) return 2 * (-z - epsilon);
      return 0;
    }
  }
}

/** loss by name (tests and one-off use). */
export function sgdLoss(kind: SgdLoss, p: number, y: number, epsilon: number): number {
  return lossValue(lossCode(kind), p, y, epsilon);
}

/** d loss / d p by name. */
export function sgdDLoss(kind: SgdLoss, p: number, y: number, epsilon: number): number {
  return lossDerivative(lossCode(kind), p, y, epsilon);
}
