/** Tree estimators: CART decision trees, random forests, extra trees and AdaBoost. */
import type { EstimatorSpec } from "../estimator.js";
import { adaboostClassifier } from "./adaboost-classifier.js";
import { adaboostRegressor } from "./adaboost-regressor.js";
import { decisionTreeClassifier, decisionTreeRegressor } from "./decision-tree.js";
import { extraTreesClassifier, extraTreesRegressor } from "./extra-trees.js";
import { randomForestClassifier, randomForestRegressor } from "./random-forest.js";

export { AdaBoostClassifierParams, adaboostClassifier } from "./adaboost-classifier.js";
export { AdaBoostRegressorParams, adaboostRegressor } from "./adaboost-regressor.js";
export {
  DecisionTreeClassifierParams,
  DecisionTreeRegressorParams,
  decisionTreeClassifier,
  decisionTreeRegressor,
} from "./decision-tree.js";
export {
  ExtraTreesClassifierParams,
  ExtraTreesRegressorParams,
  extraTreesClassifier,
  extraTreesRegressor,
} from "./extra-trees.js";
export type { ForestModel } from "./forest-model.js";
export {
  RandomForestClassifierParams,
  RandomForestRegressorParams,
  randomForestClassifier,
  randomForestRegressor,
} from "./random-forest.js";
export type { TreeEnsemble } from "./tree-ensemble.js";

export const TREE_ESTIMATORS: readonly EstimatorSpec[] = [
  decisionTreeClassifier,
  decisionTreeRegressor,
  randomForestClassifier,
  randomForestRegressor,
  extraTreesClassifier,
  extraTreesRegressor,
  adaboostClassifier,
  adaboostRegressor,
];
