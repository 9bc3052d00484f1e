"""Writes the metric fixtures that pin Alchemist's metrics to scikit-learn.

Run with the system Python, which has scikit-learn 1.2.1, numpy and pandas:

    /usr/bin/python3 scripts/make-metric-fixtures.py

For each shared dataset it fits a simple, seeded scikit-learn model on train, predicts on test
(subsampled deterministically where the test set is large), and writes one JSON file under
evaluate/metrics/fixtures/ holding the metric input (keys are the TypeScript `MetricInput` field
names) and every metric value as scikit-learn computes it (numpy for sMAPE and MASE, which
scikit-learn 1.2 lacks). `edge-cases.json` holds hand-made cases: ties, absent classes, perfect and
constant predictions, clipping. Rerunning produces byte-identical files: every stored float is
rounded to 12 significant digits *before* the metrics are computed, so the fixture inputs are
exactly what scikit-learn scored and tiny BLAS/thread differences cannot leak into the bytes.
"""

import json
import os
import warnings

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import IsolationForest
from sklearn.impute import SimpleImputer
from sklearn import metrics as skm
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

warnings.filterwarnings("ignore")  # convergence and zero-division warnings are expected here

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATASETS = os.path.join(os.path.dirname(ROOT), "shared", "datasets")
OUT = os.path.join(ROOT, "evaluate", "metrics", "fixtures")


def rnd(a):
    """Rounds to 12 significant digits (stable bytes, smaller files); metrics are computed after."""
    return np.array([float(f"{x:.12g}") for x in np.asarray(a, dtype=float).ravel()]).reshape(np.shape(a))


def read(name, part):
    return pd.read_csv(os.path.join(DATASETS, name, part), keep_default_na=False, na_values=[""])


def meta(name):
    with open(os.path.join(DATASETS, name, "meta.json")) as f:
        return json.load(f)


def sample(n, k, stratify=None):
    """Deterministic subsample of k of n row indices (stratified when labels are given), sorted."""
    if k >= n:
        return np.arange(n)
    idx, _ = train_test_split(np.arange(n), train_size=k, random_state=0, stratify=stratify)
    return np.sort(idx)


def tabular_model(train, target, estimator):
    """Median/most-frequent imputation, one-hot categoricals, scaling, then the estimator."""
    feats = [c for c in train.columns if c != target]
    cats = [c for c in feats if train[c].dtype == object]
    nums = [c for c in feats if c not in cats]
    num = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    cat = make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore"))
    pre = ColumnTransformer([("num", num, nums), ("cat", cat, cats)])
    return make_pipeline(pre, estimator), feats


def f(x):
    return float(x)


# --------------------------------------------------------------------------- classification
def label_metrics(y, pred):
    """Metrics of predicted class codes shared by binary and multiclass (macro/weighted averages)."""
    out = {"accuracy": f(skm.accuracy_score(y, pred)), "balanced_accuracy": f(skm.balanced_accuracy_score(y, pred))}
    for avg in ("macro", "weighted"):
        out[f"precision_{avg}"] = f(skm.precision_score(y, pred, average=avg))
        out[f"recall_{avg}"] = f(skm.recall_score(y, pred, average=avg))
        out[f"f1_{avg}"] = f(skm.f1_score(y, pred, average=avg))
    out["mcc"] = f(skm.matthews_corrcoef(y, pred))
    return out


def binary_metrics(y, pred, proba, pos=1):
    """`proba` is the stored n×2 matrix; AUC and Brier read the column of class `pos`."""
    out = label_metrics(y, pred)
    t, p = y == pos, pred == pos
    out.update(precision=f(skm.precision_score(t, p)), recall=f(skm.recall_score(t, p)), f1=f(skm.f1_score(t, p)))
    if proba is not None:
        out["roc_auc"] = f(skm.roc_auc_score(t, proba[:, pos]))
        out["log_loss"] = f(skm.log_loss(y, proba, labels=[0, 1]))
        out["brier"] = f(skm.brier_score_loss(t, proba[:, pos]))
    return out


def multiclass_metrics(y, pred, proba):
    labels = list(range(proba.shape[1]))
    out = label_metrics(y, pred)
    out["roc_auc_ovr"] = f(skm.roc_auc_score(y, proba, multi_class="ovr", labels=labels))
    out["roc_auc_ovr_weighted"] = f(
        skm.roc_auc_score(y, proba, multi_class="ovr", average="weighted", labels=labels)
    )
    out["log_loss"] = f(skm.log_loss(y, proba, labels=labels))
    return out


def classification_fixture(name, max_rows):
    m = meta(name)
    train, test = read(name, "train.csv"), read(name, "test.csv")
    target = m["target"]
    if m["task"] == "binary":
        classes = [c for c in sorted(train[target].unique(), key=str) if c != m["positive_class"]]
        classes.append(m["positive_class"])  # positive class gets code 1
    else:
        classes = sorted(train[target].unique(), key=str)
    code = {c: i for i, c in enumerate(classes)}
    model, feats = tabular_model(train, target, LogisticRegression(max_iter=2000))
    model.fit(train[feats], train[target].map(code).to_numpy())
    y_all = test[target].map(code).to_numpy()
    idx = sample(len(test), max_rows, stratify=y_all)
    y = y_all[idx].astype(int)
    proba = rnd(model.predict_proba(test[feats].iloc[idx]))
    pred = np.argmax(proba, axis=1)  # the rounded probabilities decide, so labels match proba
    inp = {"labels": y, "predLabels": pred, "proba": proba.ravel(), "positiveClass": 1}
    metrics = binary_metrics(y, pred, proba) if m["task"] == "binary" else multiclass_metrics(y, pred, proba)
    note = f"LogisticRegression on {name}, test rows {len(idx)} of {len(test)}, classes {classes}"
    return {"name": name, "task": m["task"], "note": note, "input": inp, "metrics": metrics}


def anomaly_fixture(max_rows):
    name = "shuttle_anomaly"
    train, test = read(name, "train.csv"), read(name, "test.csv")
    feats = [c for c in train.columns if c != "is_anomaly"]
    det = IsolationForest(n_estimators=50, random_state=0).fit(train[feats])
    y_all = test["is_anomaly"].to_numpy()
    idx = sample(len(test), max_rows, stratify=y_all)
    y = y_all[idx].astype(int)
    scores = rnd(-det.score_samples(test[feats].iloc[idx]))  # higher = more anomalous
    note = f"IsolationForest(50 trees) anomaly scores, test rows {len(idx)} of {len(test)}"
    inp = {"labels": y, "scores": scores, "positiveClass": 1}
    return {"name": name, "task": "anomaly", "note": note, "input": inp,
            "metrics": {"roc_auc": f(skm.roc_auc_score(y, scores))}}


# --------------------------------------------------------------------------- regression and forecast
def smape(y, p):
    den = np.abs(y) + np.abs(p)
    return float(np.mean(np.where(den == 0, 0.0, 2.0 * np.abs(y - p) / np.where(den == 0, 1.0, den))))


def mase(y, p, history, m):
    scale = np.mean(np.abs(history[m:] - history[:-m]))
    return float(np.mean(np.abs(y - p)) / max(scale, np.finfo(np.float64).eps))


def regression_metrics(y, p):
    return {
        "rmse": f(skm.mean_squared_error(y, p, squared=False)),
        "mae": f(skm.mean_absolute_error(y, p)),
        "r2": f(skm.r2_score(y, p)),
        "mape": f(skm.mean_absolute_percentage_error(y, p)),
        "smape": smape(y, p),
    }


def regression_fixture(name, max_rows):
    m = meta(name)
    train, test = read(name, "train.csv"), read(name, "test.csv")
    target = m["target"]
    for col, order in m.get("ordinal_orders", {}).items():  # ordinal strings as their rank
        train[col] = train[col].map({v: i for i, v in enumerate(order)})
        test[col] = test[col].map({v: i for i, v in enumerate(order)})
    model, feats = tabular_model(train, target, LinearRegression())
    model.fit(train[feats], train[target].to_numpy(dtype=float))
    idx = sample(len(test), max_rows)
    y = rnd(test[target].to_numpy(dtype=float)[idx])
    p = rnd(model.predict(test[feats].iloc[idx]))
    note = f"LinearRegression on {name}, test rows {len(idx)} of {len(test)}"
    return {"name": name, "task": "regression", "note": note, "input": {"yTrue": y, "yPred": p},
            "metrics": regression_metrics(y, p)}


def forecast_fixture():
    name = "airpassengers"
    m = meta(name)
    history = read(name, "train.csv")[m["target"]].to_numpy(dtype=float)
    y = read(name, "test.csv")[m["target"]].to_numpy(dtype=float)
    s = m["season_length"]
    last = history[-s:]
    p = np.array([last[i % s] for i in range(len(y))])  # seasonal naive: repeat the last season
    metrics = regression_metrics(y, p)
    metrics["mase"] = mase(y, p, history, s)
    note = f"seasonal-naive forecast (m={s}) of the {len(y)}-month test block from the end of train"
    inp = {"yTrue": y, "yPred": p, "history": history, "seasonLength": s}
    return {"name": name, "task": "forecast", "note": note, "input": inp, "metrics": metrics}


# --------------------------------------------------------------------------- clustering
def cluster_metrics(X, clusters, labels=None):
    out = {}
    if labels is not None:
        out["ari"] = f(skm.adjusted_rand_score(labels, clusters))
    out["silhouette"] = f(skm.silhouette_score(X, clusters))
    out["davies_bouldin"] = f(skm.davies_bouldin_score(X, clusters))
    return out


def clustering_fixtures():
    name = "iris_clusters"
    m = meta(name)
    train, test = read(name, "train.csv"), read(name, "test.csv")
    feats = [c for c in train.columns if c != m["target"]]
    species = {c: i for i, c in enumerate(sorted(train[m["target"]].unique()))}
    km = KMeans(n_clusters=3, n_init=10, random_state=0).fit(train[feats].to_numpy(dtype=float))
    out = []
    for part, frame in (("test", test), ("all", pd.concat([train, test], ignore_index=True))):
        X = rnd(frame[feats].to_numpy(dtype=float))
        clusters = km.predict(X).astype(int)
        labels = frame[m["target"]].map(species).to_numpy().astype(int)
        inp = {"labels": labels, "clusters": clusters, "features": X.ravel(), "nFeatures": X.shape[1]}
        note = f"KMeans(k=3, random_state=0) fit on train features, assignments of {part} rows"
        out.append({"name": f"{name}_{part}", "task": "clustering", "note": note, "input": inp,
                    "metrics": cluster_metrics(X, clusters, labels)})
    return out


# --------------------------------------------------------------------------- hand-made edge cases
def edge_cases():
    cases = []

    def add(name, inp, metrics):
        cases.append({"name": name, "input": inp, "metrics": metrics})

    # AUC with heavy ties (midrank / trapezoid semantics) and all-equal scores.
    y = np.array([0, 0, 1, 1, 0, 1, 0, 1, 1, 0])
    s = np.array([0.1, 0.4, 0.4, 0.8, 0.4, 0.8, 0.1, 0.1, 0.9, 0.8])
    add("auc_ties", {"labels": y, "scores": s}, {"roc_auc": f(skm.roc_auc_score(y, s))})
    add("auc_all_tied", {"labels": y, "scores": np.full(10, 0.3)}, {"roc_auc": 0.5})
    add("auc_inverted", {"labels": y, "scores": -y.astype(float)}, {"roc_auc": 0.0})
    # Positive class 0: the scores are for class 0, labels equal to 0 are the positives.
    add("auc_positive_class_0", {"labels": y, "scores": s, "positiveClass": 0},
        {"roc_auc": f(skm.roc_auc_score(y == 0, s))})

    # A class absent from the predictions: precision of class 1 is 0/0 -> 0 (sklearn's default).
    yt = np.array([0, 1, 2, 2, 1, 0, 2, 1])
    yp = np.array([0, 0, 2, 2, 0, 0, 2, 2])
    proba = np.eye(3)[yp] * 0.8 + 0.2 / 3
    add("class_absent_in_predictions", {"labels": yt, "predLabels": yp, "proba": rnd(proba).ravel()},
        multiclass_metrics(yt, yp, rnd(proba)))
    # A class present only in the predictions (absent from the truth), binary averages on class 0.
    yt2 = np.array([0, 0, 1, 1, 0, 1])
    yp2 = np.array([0, 2, 1, 1, 2, 0])
    add("class_absent_in_truth", {"labels": yt2, "predLabels": yp2, "positiveClass": 0},
        binary_metrics(yt2, yp2, None, pos=0))

    # Perfect and constant classification; no predicted positives (binary precision 0/0 -> 0).
    yb = np.array([0, 1, 1, 0, 1, 0, 0, 1])
    pb = np.array([0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0])  # exact 0/1: log loss clips
    pm = np.column_stack([1 - pb, pb])
    add("perfect_binary", {"labels": yb, "predLabels": yb, "proba": pm.ravel()}, binary_metrics(yb, yb, pm))
    const = np.zeros(8, dtype=int)
    pc = np.full(8, 0.25)
    pm = np.column_stack([1 - pc, pc])
    add("constant_binary", {"labels": yb, "predLabels": const, "proba": pm.ravel()}, binary_metrics(yb, const, pm))
    wrong = np.array([1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0])  # confidently wrong: clipped at eps
    pm = np.column_stack([1 - wrong, wrong])
    add("confidently_wrong_binary", {"labels": yb, "predLabels": 1 - yb, "proba": pm.ravel()},
        binary_metrics(yb, 1 - yb, pm))
    # Rows that do not sum to one: log loss renormalises after clipping.
    praw = np.array([[0.2, 0.2, 0.0], [0.1, 0.5, 0.2], [0.0, 0.0, 1.0], [0.6, 0.6, 0.6]])
    yr = np.array([0, 1, 2, 1])
    add("log_loss_unnormalised", {"labels": yr, "proba": praw.ravel()},
        {"log_loss": f(skm.log_loss(yr, praw, labels=[0, 1, 2]))})

    # Regression: perfect, constant truth, constant predictions, zeros for MAPE/sMAPE.
    yv = np.array([3.0, -0.5, 2.0, 7.0, 0.0])
    add("perfect_regression", {"yTrue": yv, "yPred": yv}, regression_metrics(yv, yv))
    pconst = np.full(5, float(np.mean(yv)))
    add("constant_regression", {"yTrue": yv, "yPred": pconst}, regression_metrics(yv, pconst))
    ycst = np.full(4, 2.0)
    pv = np.array([1.0, 2.0, 3.0, 2.5])
    add("constant_truth", {"yTrue": ycst, "yPred": pv}, regression_metrics(ycst, pv))
    add("constant_truth_perfect", {"yTrue": ycst, "yPred": ycst}, regression_metrics(ycst, ycst))
    yz = np.array([0.0, 0.0, 1.0, -2.0])
    pz = np.array([0.0, 0.5, 1.5, 2.0])
    add("zeros_in_truth", {"yTrue": yz, "yPred": pz}, regression_metrics(yz, pz))
    hist = np.array([1.0, 3.0, 2.0, 5.0, 4.0, 6.0, 8.0])
    add("mase_season_2", {"yTrue": np.array([7.0, 9.0]), "yPred": np.array([8.0, 8.0]),
                          "history": hist, "seasonLength": 2},
        {"mase": mase(np.array([7.0, 9.0]), np.array([8.0, 8.0]), hist, 2)})
    add("mase_naive", {"yTrue": np.array([7.0, 9.0]), "yPred": np.array([8.0, 8.0]), "history": hist},
        {"mase": mase(np.array([7.0, 9.0]), np.array([8.0, 8.0]), hist, 1)})

    # Clustering: arbitrary (negative, sparse) codes, permutation, singletons, duplicates.
    lt = np.array([5, 5, -1, -1, 7, 7, 7, 100])
    lp = np.array([0, 0, 3, 3, 3, 9, 9, 9])
    add("ari_arbitrary_codes", {"labels": lt, "clusters": lp}, {"ari": f(skm.adjusted_rand_score(lt, lp))})
    add("ari_permuted_perfect", {"labels": lt, "clusters": -2 * lt + 1}, {"ari": 1.0})
    add("ari_all_singletons", {"labels": np.arange(6), "clusters": np.arange(6)[::-1]},
        {"ari": f(skm.adjusted_rand_score(np.arange(6), np.arange(6)[::-1]))})
    add("ari_discordant", {"labels": np.array([0, 0, 1, 1]), "clusters": np.array([0, 1, 0, 1])}, {"ari": -0.5})
    Xs = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [5.0, 5.0], [5.0, 6.0], [9.0, 0.0], [0.0, 0.0]])
    cs = np.array([4, 4, 4, -3, -3, 8, 4])  # cluster 8 is a singleton (silhouette 0), a duplicate point
    add("clusters_singleton_duplicate", {"clusters": cs, "features": Xs.ravel(), "nFeatures": 2},
        cluster_metrics(Xs, cs))
    return cases


# --------------------------------------------------------------------------- writing
def jsonable(v):
    if isinstance(v, np.ndarray):
        return [int(x) for x in v] if v.dtype.kind in "iub" else [float(x) for x in v]
    if isinstance(v, (np.integer,)):
        return int(v)
    return v


def dump(path, obj):
    """One top-level key per line (readable diffs), arrays compact, metrics one per line."""
    def encode(key, value):
        if key in ("metrics", "input") and isinstance(value, dict):
            inner = ",\n".join(f'    {json.dumps(k)}: {json.dumps(jsonable(x))}' for k, x in value.items())
            return "{\n" + inner + "\n  }"
        return json.dumps(jsonable(value))

    def render(o):
        return "{\n" + ",\n".join(f"  {json.dumps(k)}: {encode(k, v)}" for k, v in o.items()) + "\n}"

    if isinstance(obj, list):
        text = "[\n" + ",\n".join(render(o) for o in obj) + "\n]\n"
    else:
        text = render(obj) + "\n"
    with open(path, "w") as fh:
        fh.write(text)


def main():
    os.makedirs(OUT, exist_ok=True)
    fixtures = [
        classification_fixture("breast_cancer", 200),
        classification_fixture("credit_data", 400),
        classification_fixture("penguins", 200),
        classification_fixture("letter", 208),
        anomaly_fixture(1000),
        regression_fixture("diabetes", 200),
        regression_fixture("diamonds", 400),
        forecast_fixture(),
        *clustering_fixtures(),
    ]
    for fx in fixtures:
        dump(os.path.join(OUT, f"{fx['name']}.json"), fx)
    dump(os.path.join(OUT, "edge-cases.json"), edge_cases())
    checks = sum(len(fx["metrics"]) for fx in fixtures) + sum(len(c["metrics"]) for c in edge_cases())
    print(f"wrote {len(fixtures)} dataset fixtures and edge cases to {OUT}: {checks} metric values")


if __name__ == "__main__":
    main()
