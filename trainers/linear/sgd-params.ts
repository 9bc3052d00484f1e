/** Parameters SGDClassifier and SGDRegressor share, declared once. */
import { boolParam, enumParam, floatParam, intParam } from "../param.js";
import { LEARNING_RATES, SGD_PENALTIES } from "./sgd.js";

/** The shared declarations; each spec picks the learning-rate defaults scikit-learn gives it. */
export function sgdCommonParams(defaults: {
  learningRate: (typeof LEARNING_RATES)[number];
  eta0: number;
  powerT: number;
  average: boolean;
}) {
  return {
    penalty: enumParam({
      values: SGD_PENALTIES,
      default: "l2",
      description:
        "Coefficient penalty: l2 shrinks, l1 zeroes weak features, elasticnet mixes both (l1_ratio).",
    }),
    alpha: floatParam({
      default: 1e-4,
      min: 1e-12,
      max: 100,
      log: true,
      searchMin: 1e-7,
      searchMax: 1e-1,
      description: "Penalty strength; with learning_rate 'optimal' it also sets the step sizes.",
    }),
    l1_ratio: floatParam({
      default: 0.15,
      min: 0,
      max: 1,
      description: "With penalty 'elasticnet': share of L1 in the penalty.",
    }),
    fit_intercept: boolParam({ default: true, description: "Fit an intercept.", search: false }),
    max_iter: intParam({
      default: 1000,
      min: 1,
      max: 100_000,
      description: "Maximum epochs (passes over the data).",
      search: false,
    }),
    tol: floatParam({
      default: 1e-3,
      min: 0,
      max: 1e3,
      description: "Stop after n_iter_no_change epochs whose summed loss did not drop by tol·n.",
      search: false,
    }),
    n_iter_no_change: intParam({
      default: 5,
      min: 1,
      max: 1000,
      description: "Epochs without improvement before stopping.",
      search: false,
    }),
    learning_rate: enumParam({
      values: LEARNING_RATES,
      default: defaults.learningRate,
      description: "Step schedule: optimal 1/(alpha·(t₀+t)), invscaling eta0/t^power_t, constant eta0.",
    }),
    eta0: floatParam({
      default: defaults.eta0,
      min: 1e-10,
      max: 100,
      log: true,
      searchMin: 1e-4,
      searchMax: 1,
      description: "Initial step size of the 'invscaling' and 'constant' schedules.",
    }),
    power_t: floatParam({
      default: defaults.powerT,
      min: 0,
      max: 5,
      description: "Exponent of the 'invscaling' schedule.",
      search: false,
    }),
    average: boolParam({
      default: defaults.average,
      description:
        "Predict with the average of all SGD iterates (ASGD): much less sensitive to the row order and the seed.",
    }),
    shuffle: boolParam({
      default: true,
      description: "Reshuffle the rows (seeded) every epoch.",
      search: false,
    }),
  };
}
