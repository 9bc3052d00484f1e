#!/usr/bin/python3
"""Scores of each Alchemist estimator's scikit-learn counterpart at sklearn's defaults, on the
conformance matrices (trainers/fixtures/conformance/*.csv, written by
scripts/export-conformance-matrices.ts), so both sides fit on exactly the same numbers.

    /usr/bin/python3 scripts/make-estimator-floors.py   # writes trainers/fixtures/sklearn-floors.json

Classification: test accuracy. Regression: test RMSE. Randomised estimators: the mean over seeds
0..4 (one seed's luck on a 86-row test set is worth more than the 2% tolerance).
multinomial_nb needs non-negative features: it is scored on a min-max rescaled copy (fitted on
train, test clipped to [0, 1]) and the conformance suite does the same.
"""
import json
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn import discriminant_analysis as da
from sklearn import dummy, ensemble, linear_model, naive_bayes, neighbors, neural_network, svm, tree

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "..", "trainers", "fixtures")
CLS_SETS = ["breast_cancer", "penguins", "credit_data"]
REG_SETS = ["diabetes", "diamonds"]
SEEDS = [0, 1, 2, 3, 4]

# name -> (factory(seed), randomised, minmax)
CLASSIFIERS = {
    "constant_classifier": (lambda s: dummy.DummyClassifier(strategy="prior"), False, False),
    "logistic_regression": (lambda s: linear_model.LogisticRegression(), False, False),
    "ridge_classifier": (lambda s: linear_model.RidgeClassifier(), False, False),
    "linear_svc": (lambda s: svm.LinearSVC(random_state=s), False, False),
    "sgd_classifier": (lambda s: linear_model.SGDClassifier(random_state=s), True, False),
    "lda": (lambda s: da.LinearDiscriminantAnalysis(), False, False),
    "decision_tree_classifier": (lambda s: tree.DecisionTreeClassifier(random_state=s), True, False),
    "random_forest_classifier": (lambda s: ensemble.RandomForestClassifier(random_state=s), True, False),
    "extra_trees_classifier": (lambda s: ensemble.ExtraTreesClassifier(random_state=s), True, False),
    "adaboost_classifier": (lambda s: ensemble.AdaBoostClassifier(random_state=s), False, False),
    "hist_gradient_boosting_classifier": (lambda s: ensemble.HistGradientBoostingClassifier(random_state=s), False, False),
    "knn_classifier": (lambda s: neighbors.KNeighborsClassifier(), False, False),
    "gaussian_nb": (lambda s: naive_bayes.GaussianNB(), False, False),
    "multinomial_nb": (lambda s: naive_bayes.MultinomialNB(), False, True),
    "bernoulli_nb": (lambda s: naive_bayes.BernoulliNB(), False, False),
    "mlp_classifier": (lambda s: neural_network.MLPClassifier(random_state=s), True, False),
}
REGRESSORS = {
    "constant_regressor": (lambda s: dummy.DummyRegressor(), False, False),
    "linear_regression": (lambda s: linear_model.LinearRegression(), False, False),
    "ridge": (lambda s: linear_model.Ridge(), False, False),
    "lasso": (lambda s: linear_model.Lasso(), False, False),
    "elastic_net": (lambda s: linear_model.ElasticNet(), False, False),
    "linear_svr": (lambda s: svm.LinearSVR(random_state=s), False, False),
    "sgd_regressor": (lambda s: linear_model.SGDRegressor(random_state=s), True, False),
    "decision_tree_regressor": (lambda s: tree.DecisionTreeRegressor(random_state=s), True, False),
    "random_forest_regressor": (lambda s: ensemble.RandomForestRegressor(random_state=s), True, False),
    "extra_trees_regressor": (lambda s: ensemble.ExtraTreesRegressor(random_state=s), True, False),
    "adaboost_regressor": (lambda s: ensemble.AdaBoostRegressor(random_state=s), True, False),
    "hist_gradient_boosting_regressor": (lambda s: ensemble.HistGradientBoostingRegressor(random_state=s), False, False),
    "knn_regressor": (lambda s: neighbors.KNeighborsRegressor(), False, False),
    "mlp_regressor": (lambda s: neural_network.MLPRegressor(random_state=s), True, False),
}


def load(name):
    tr = pd.read_csv(os.path.join(FIX, "conformance", f"{name}-train.csv"))
    te = pd.read_csv(os.path.join(FIX, "conformance", f"{name}-test.csv"))
    return tr.iloc[:, :-1].values, tr["y"].values, te.iloc[:, :-1].values, te["y"].values


def minmax(Xtr, Xte):
    lo, hi = Xtr.min(axis=0), Xtr.max(axis=0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    return (Xtr - lo) / span, np.clip((Xte - lo) / span, 0, 1)


def score(models, sets, classify):
    out = {}
    for name, (factory, randomised, needs_minmax) in models.items():
        out[name] = {}
        for ds in sets:
            Xtr, ytr, Xte, yte = load(ds)
            if needs_minmax:
                Xtr, Xte = minmax(Xtr, Xte)
            if classify:
                ytr, yte = ytr.astype(int), yte.astype(int)
            vals = []
            for s in SEEDS if randomised else [0]:
                m = factory(s).fit(Xtr, ytr)
                p = m.predict(Xte)
                vals.append(float(np.mean(p == yte)) if classify else float(np.sqrt(np.mean((p - yte) ** 2))))
            out[name][ds] = {"metric": "accuracy" if classify else "rmse", "score": float(np.mean(vals)), "seeds": len(vals)}
    return out


if __name__ == "__main__":
    floors = {"sklearn": sklearn.__version__, "estimators": {**score(CLASSIFIERS, CLS_SETS, True), **score(REGRESSORS, REG_SETS, False)}}
    with open(os.path.join(FIX, "sklearn-floors.json"), "w") as f:
        json.dump(floors, f, indent=1, sort_keys=True)
        f.write("\n")
    for name, by in floors["estimators"].items():
        print(f"{name:36s}", "  ".join(f"{ds}={v['score']:.4f}" for ds, v in by.items()))
