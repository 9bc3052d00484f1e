/** The parameters of the multi-layer perceptrons, declared once (defaults as scikit-learn's MLP). */
import { z } from "zod";
import { boolParam, enumParam, floatParam, intParam } from "../param.js";
import { ACTIVATIONS } from "./mlp-layout.js";

export const MlpClassifierParamsSchema = z.strictObject({
  hidden_units: intParam({
    default: 100,
    min: 1,
    max: 4096,
    searchMin: 8,
    searchMax: 512,
    log: true,
    description: "Units in each hidden layer",
  }),
  hidden_layers: intParam({
    default: 1,
    min: 0,
    max: 10,
    searchMin: 1,
    searchMax: 3,
    description: "Number of hidden layers (0: a linear/logistic model trained by Adam)",
  }),
  activation: enumParam({
    values: ACTIVATIONS,
    default: "relu",
    description: "Hidden-unit activation: relu, tanh or logistic",
  }),
  alpha: floatParam({
    default: 1e-4,
    min: 0,
    max: 100,
    log: true,
    searchMin: 1e-7,
    searchMax: 1,
    description: "L2 penalty on the weights (larger: smoother, less overfitting)",
  }),
  learning_rate_init: floatParam({
    default: 1e-3,
    min: 1e-7,
    max: 1,
    log: true,
    searchMin: 1e-4,
    searchMax: 1e-1,
    description: "Adam step size",
  }),
  batch_size: intParam({
    default: 200,
    min: 1,
    max: 1_000_000,
    searchMin: 16,
    searchMax: 512,
    log: true,
    description: "Rows per minibatch (capped at the training row count)",
  }),
  max_iter: intParam({
    default: 200,
    min: 1,
    max: 10_000,
    searchMin: 50,
    searchMax: 1000,
    log: true,
    description: "Maximum number of epochs (passes over the training rows)",
  }),
  shuffle: boolParam({
    default: true,
    search: false,
    description: "Reshuffle the rows (with the seed) every epoch",
  }),
  early_stopping: boolParam({
    default: false,
    description:
      "Hold out validation_fraction of the rows and stop when the validation score stalls, keeping the best weights",
  }),
  validation_fraction: floatParam({
    default: 0.1,
    min: 0.01,
    max: 0.5,
    search: false,
    description: "Share of training rows held out for early stopping",
  }),
  n_iter_no_change: intParam({
    default: 10,
    min: 1,
    max: 10_000,
    search: false,
    description: "Stop after this many epochs without an improvement of at least tol",
  }),
  tol: floatParam({
    default: 1e-4,
    min: 0,
    max: 1,
    search: false,
    description: "Smallest improvement of the training loss (or validation score) that counts",
  }),
  beta_1: floatParam({
    default: 0.9,
    min: 0,
    max: 0.999999,
    search: false,
    description: "Adam first-moment decay",
  }),
  beta_2: floatParam({
    default: 0.999,
    min: 0,
    max: 0.999999,
    search: false,
    description: "Adam second-moment decay",
  }),
  epsilon: floatParam({
    default: 1e-8,
    min: 1e-12,
    max: 1,
    search: false,
    description: "Adam numerical stabiliser",
  }),
});
export type MlpClassifierParams = z.output<typeof MlpClassifierParamsSchema>;

export const MlpRegressorParamsSchema = MlpClassifierParamsSchema.extend({
  standardize_target: boolParam({
    default: true,
    search: false,
    description:
      "Fit on the target scaled to mean 0 and standard deviation 1 (predictions are scaled back); false trains on raw values as scikit-learn does",
  }),
});
export type MlpRegressorParams = z.output<typeof MlpRegressorParamsSchema>;

/** Layer sizes: inputs, `hidden_layers` × `hidden_units`, outputs. */
export function layerSizes(p: MlpClassifierParams, nIn: number, nOut: number): number[] {
  const sizes = [nIn];
  for (let l = 0; l < p.hidden_layers; l++) sizes.push(p.hidden_units);
  sizes.push(nOut);
  return sizes;
}
