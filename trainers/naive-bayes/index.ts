/** trainers/naive-bayes: Gaussian, multinomial and Bernoulli naive Bayes classifiers. */
import type { EstimatorSpec } from "../estimator.js";
import { bernoulliNb } from "./bernoulli-nb.js";
import { gaussianNb } from "./gaussian-nb.js";
import { multinomialNb } from "./multinomial-nb.js";

export { BernoulliNbParamsSchema, bernoulliNb } from "./bernoulli-nb.js";
export { GaussianNbParamsSchema, gaussianNb } from "./gaussian-nb.js";
export { MultinomialNbParamsSchema, multinomialNb } from "./multinomial-nb.js";
export { jllToProba } from "./nb-model.js";

export const NAIVE_BAYES_ESTIMATORS: readonly EstimatorSpec[] = [gaussianNb, multinomialNb, bernoulliNb];
