/** The family of an estimator read from its name (agents may not import trainers/, so names are matched). */

export type Family =
  | "baseline"
  | "linear"
  | "tree"
  | "forest"
  | "boosting"
  | "neighbors"
  | "naive_bayes"
  | "discriminant"
  | "neural"
  | "other";

const PATTERNS: readonly [Family, RegExp][] = [
  ["naive_bayes", /(^|_)nb$|naive_?bayes/],
  ["baseline", /constant|dummy|baseline|majority|prior|naive|^mean$/],
  ["boosting", /boost|gbdt|gbm|xgb|catboost/],
  ["forest", /forest|extra_?trees|bagging/],
  ["tree", /tree/],
  ["linear", /linear|logistic|ridge|lasso|elastic|sgd|svc|svr|svm|perceptron/],
  ["discriminant", /^lda$|^qda$|discriminant/],
  ["neighbors", /knn|neighbo/],
  ["neural", /mlp|neural|(^|_)nn$/],
];

export function familyOf(estimator: string): Family {
  const name = estimator.toLowerCase();
  for (const [family, re] of PATTERNS) if (re.test(name)) return family;
  return "other";
}

/** Flexible families that can memorise small data. */
export function isComplex(family: Family): boolean {
  return family === "boosting" || family === "forest" || family === "tree" || family === "neural";
}

/** How to regularise a family, in plain words. */
export function regularisationAdvice(family: Family): string {
  switch (family) {
    case "boosting":
      return "fewer or shallower trees, a lower learning rate, more rows per leaf, early stopping";
    case "forest":
    case "tree":
      return "limit the depth and raise the minimum rows per leaf";
    case "neural":
      return "more weight decay, early stopping, smaller hidden layers";
    case "linear":
    case "discriminant":
      return "stronger regularisation (larger alpha, smaller C)";
    case "neighbors":
      return "more neighbours (a larger k)";
    default:
      return "stronger regularisation";
  }
}
