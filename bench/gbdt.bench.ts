/**
 * GBDT fit-speed benchmark against scikit-learn HistGradientBoosting and XGBoost `hist`, on the same
 * data and the same machine (ratios, not absolute times).
 *
 *   npx tsx bench/gbdt.bench.ts [--repeats 3] [--only diamonds,letter] [--no-python] [--no-wasm]
 *                               [--profile sklearn|xgboost|both]
 *
 * --no-wasm runs our TypeScript kernels instead of the WebAssembly ones (same models, bit for bit).
 *
 * Data as ../shared/bench/speed_anchor.py prepares it: the train split of diamonds (regression;
 * cut/color/clarity coded by meta.json's ordinal_orders), shuttle_anomaly (its label as a binary
 * target), letter (26 classes), and make_classification(200,000 × 30, random_state=42) split 150,000
 * train / 50,000 test, written by Python to a temporary CSV that both sides read. Numeric features
 * only; fit time is the median of `--repeats` fits; accuracy / RMSE on the test split.
 *
 * Two settings of ours, each against its peer (early stopping off everywhere, 100 rounds):
 *   sklearn:  our defaults (31 leaves best-first, learning rate 0.1, min_samples_leaf 20) vs
 *             HistGradientBoosting(early_stopping=False), speed_anchor.py's "100 iters" row;
 *   xgboost:  max_depth 6 (≤ 64 leaves), learning rate 0.3, l2 1, min_hessian_leaf 1,
 *             min_samples_leaf 1 vs XGB(tree_method="hist", n_estimators=100, max_depth=6).
 * The Python peer (below) runs dataset by dataset right before our fits, so both sides see the
 * same machine load; it times the same constructors as speed_anchor.py and also scores the test
 * split. speed_anchor.py imports xgboost unconditionally, so it runs (with --synthetic, writing to a
 * temporary --out) only when python3-xgboost is installed; without it the peer times scikit-learn
 * alone. On a shared machine timings drift by tens of percent: compare ratios from the same run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readCsv } from "../data/csv-reader.js";
import type { Frame } from "../data/frame.js";
import { createFeatureMatrix, type FeatureMatrix } from "../data/preprocess/feature-matrix.js";
import type { EstimatorSpec } from "../trainers/estimator.js";
import {
  histGradientBoostingClassifier,
  histGradientBoostingRegressor,
  setWasmKernels,
} from "../trainers/gbdt/index.js";

/** The shared folder (datasets, Python peers); GBDT_BENCH_SHARED overrides it. */
const SHARED = process.env.GBDT_BENCH_SHARED ?? resolve(import.meta.dirname, "..", "..", "shared");
const DATASETS = join(SHARED, "datasets");
const ANCHOR = join(SHARED, "bench", "speed_anchor.py");
const PYTHON = process.env.GBDT_BENCH_PYTHON ?? "/usr/bin/python3";

interface Args {
  repeats: number;
  only: string[] | null;
  python: boolean;
  profile: "sklearn" | "xgboost" | "both";
  wasm: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { repeats: 3, only: null, python: true, profile: "both", wasm: true };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === "--repeats") a.repeats = Number(argv[++i]);
    else if (v === "--only") a.only = (argv[++i] ?? "").split(",");
    else if (v === "--no-python") a.python = false;
    else if (v === "--no-wasm") a.wasm = false;
    else if (v === "--profile") a.profile = argv[++i] as Args["profile"];
    else throw new Error(`unknown argument ${v}`);
  }
  return a;
}

interface Dataset {
  name: string;
  task: "regression" | "binary" | "multiclass";
  train: { X: FeatureMatrix; y: Float64Array };
  test: { X: FeatureMatrix; y: Float64Array };
  nClasses: number;
}

interface Meta {
  task: string;
  target: string;
  feature_types: Record<string, string>;
  ordinal_orders?: Record<string, string[]>;
}

/** speed_anchor's featurize: numeric columns as they are, ordinal strings as their rank. */
function featurize(frame: Frame, meta: Meta): FeatureMatrix {
  const names: string[] = [];
  const cols: Float64Array[] = [];
  for (const [name, type] of Object.entries(meta.feature_types)) {
    const c = frame.columns.find((col) => col.name === name);
    if (!c) throw new Error(`column ${name} missing`);
    if (type === "numeric") {
      if (c.kind !== "numeric") throw new Error(`${name} is ${c.kind}, expected numeric`);
      cols.push(c.values);
    } else if (type === "ordinal") {
      if (c.kind !== "categorical") throw new Error(`${name} is ${c.kind}, expected categorical`);
      const order = meta.ordinal_orders?.[name] ?? [];
      const rank = c.levels.map((l) => order.indexOf(l));
      cols.push(Float64Array.from(c.codes, (k) => (k < 0 || rank[k]! < 0 ? Number.NaN : rank[k]!)));
    } else {
      throw new Error(`feature type ${type} of ${name} is not used by the speed anchor`);
    }
    names.push(name);
  }
  const n = frame.nRows;
  const data = new Float64Array(n * cols.length);
  cols.forEach((c, j) => {
    data.set(c, j * n);
  });
  return createFeatureMatrix(n, names, undefined, data);
}

/** Target as numbers (regression) or as indices of the sorted string labels (pd.factorize(sort=True)). */
function targetOf(
  frame: Frame,
  name: string,
  classification: boolean,
  labels?: string[],
): { y: Float64Array; labels: string[] } {
  const c = frame.columns.find((col) => col.name === name);
  if (!c) throw new Error(`target ${name} missing`);
  let text: string[];
  if (c.kind === "numeric") {
    if (!classification) return { y: Float64Array.from(c.values), labels: [] };
    text = Array.from(c.values, (v) => String(v));
  } else if (c.kind === "categorical" || c.kind === "text") {
    text = Array.from(c.codes, (k) => c.levels[k] ?? "");
  } else if (c.kind === "boolean") {
    text = Array.from(c.values, (v) => String(v));
  } else {
    throw new Error(`target ${name} is ${c.kind}`);
  }
  const lv = labels ?? [...new Set(text)].sort();
  const index = new Map(lv.map((l, i) => [l, i]));
  return { y: Float64Array.from(text, (t) => index.get(t) ?? Number.NaN), labels: lv };
}

function loadShared(name: string): Dataset {
  const meta = JSON.parse(readFileSync(join(DATASETS, name, "meta.json"), "utf8")) as Meta;
  const trainFrame = readCsv(join(DATASETS, name, "train.csv")).frame;
  const testFrame = readCsv(join(DATASETS, name, "test.csv")).frame;
  const classification = meta.task !== "regression";
  const tr = targetOf(trainFrame, meta.target, classification);
  const te = targetOf(testFrame, meta.target, classification, tr.labels);
  const K = tr.labels.length;
  return {
    name,
    task: classification ? (K > 2 ? "multiclass" : "binary") : "regression",
    train: { X: featurize(trainFrame, meta), y: tr.y },
    test: { X: featurize(testFrame, meta), y: te.y },
    nClasses: K,
  };
}

function loadSynthetic(dir: string): Dataset {
  const part = (file: string) => {
    const frame = readCsv(join(dir, file)).frame;
    const feats = frame.columns.filter((c) => c.name !== "y");
    const n = frame.nRows;
    const data = new Float64Array(n * feats.length);
    feats.forEach((c, j) => {
      if (c.kind !== "numeric") throw new Error(`${c.name} is ${c.kind}`);
      data.set(c.values, j * n);
    });
    const yc = frame.columns.find((c) => c.name === "y");
    if (yc?.kind !== "numeric") throw new Error("synthetic y must be numeric");
    return {
      X: createFeatureMatrix(
        n,
        feats.map((c) => c.name),
        undefined,
        data,
      ),
      y: Float64Array.from(yc.values),
    };
  };
  return {
    name: "synthetic",
    task: "binary",
    train: part("synth-train.csv"),
    test: part("synth-test.csv"),
    nClasses: 2,
  };
}

const OUR_PROFILES = {
  sklearn: { early_stopping: "off" },
  xgboost: {
    early_stopping: "off",
    max_depth: 6,
    max_leaf_nodes: 64,
    learning_rate: 0.3,
    l2_regularization: 1,
    min_hessian_leaf: 1,
    min_samples_leaf: 1,
  },
} as const;

interface OurResult {
  seconds: number;
  all: number[];
  score: number;
}

function score(task: Dataset["task"], pred: Float64Array, y: Float64Array): number {
  if (task === "regression") {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += (pred[i]! - y[i]!) ** 2;
    return Math.sqrt(s / y.length);
  }
  let c = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) c++;
  return c / y.length;
}

function runOurs(d: Dataset, profile: keyof typeof OUR_PROFILES, repeats: number): OurResult {
  const spec = (d.task === "regression"
    ? histGradientBoostingRegressor
    : histGradientBoostingClassifier) as unknown as EstimatorSpec;
  const params = spec.params.parse(OUR_PROFILES[profile]);
  const ctx = d.task === "regression" ? { seed: 0 } : { seed: 0, nClasses: d.nClasses };
  const times: number[] = [];
  let s = 0;
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    const m = spec.fit(d.train.X, d.train.y, params, ctx);
    times.push((performance.now() - t) / 1000);
    if (r === repeats - 1) s = score(d.task, m.predict(d.test.X), d.test.y);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { seconds: sorted[sorted.length >> 1]!, all: times, score: s };
}

/** The Python peer: writes the synthetic CSVs, then times (or only scores) sklearn / XGBoost. */
const PEER = `
import json, os, statistics, sys, time
os.environ.setdefault("OMP_NUM_THREADS", "2")
import numpy as np, pandas as pd
sys.path.insert(0, sys.argv[1])
from peer_automl import featurize, load
from threadpoolctl import threadpool_limits
from sklearn.datasets import make_classification
from sklearn.ensemble import HistGradientBoostingClassifier as HGBC, HistGradientBoostingRegressor as HGBR
out_dir, repeats, only, profiles = sys.argv[2], int(sys.argv[3]), sys.argv[4].split(","), sys.argv[5].split(",")
try:
    import xgboost as xgb
except ImportError:
    xgb = None
if "synthetic" in only:
    X, y = make_classification(n_samples=200000, n_features=30, n_informative=12, n_redundant=6,
                               n_clusters_per_class=3, flip_y=0.02, class_sep=0.8, random_state=42)
    cols = [f"f{i}" for i in range(30)]
    for name, sl in (("train", slice(0, 150000)), ("test", slice(150000, None))):
        df = pd.DataFrame(X[sl], columns=cols); df["y"] = y[sl]
        df.to_csv(os.path.join(out_dir, f"synth-{name}.csv"), index=False, float_format="%.17g")
def numeric(name):
    meta, train, test = load(os.path.join(sys.argv[1], "..", "datasets", name))
    Xtr, _, cat = featurize(train, meta); Xte, _, _ = featurize(test, meta)
    assert not cat
    ytr, yte = train[meta["target"]], test[meta["target"]]
    if meta["task"] in ("binary", "multiclass", "anomaly"):
        labels = sorted(set(ytr.astype(str)))
        ytr = ytr.astype(str).map({l: i for i, l in enumerate(labels)}).values
        yte = yte.astype(str).map({l: i for i, l in enumerate(labels)}).values
        task = "multiclass" if len(labels) > 2 else "binary"
    else:
        ytr, yte, task = ytr.astype(float).values, yte.astype(float).values, "regression"
    return Xtr.values.astype(np.float64), ytr, Xte.values.astype(np.float64), yte, task
res = {"xgboost": xgb is not None, "results": []}
with threadpool_limits(2):
    for name in only:
        if name == "synthetic":
            Xtr, ytr, Xte, yte, task = X[:150000], y[:150000], X[150000:], y[150000:], "binary"
        else:
            Xtr, ytr, Xte, yte, task = numeric(name)
        clf = task != "regression"
        for prof in profiles:
            if prof == "sklearn":
                make = lambda: (HGBC if clf else HGBR)(early_stopping=False, random_state=0)
            elif prof == "xgboost" and xgb is not None:
                make = lambda: (xgb.XGBClassifier if clf else xgb.XGBRegressor)(tree_method="hist", n_estimators=100,
                    max_depth=6, n_jobs=2, random_state=0, verbosity=0)
            else:
                continue
            ts = []
            for _ in range(repeats):
                m = make(); t = time.perf_counter(); m.fit(Xtr, ytr); ts.append(time.perf_counter() - t)
            p = m.predict(Xte)
            s = float(np.mean(p == yte)) if clf else float(np.sqrt(np.mean((p - yte) ** 2)))
            res["results"].append({"dataset": name, "profile": prof, "seconds": statistics.median(ts), "all": ts, "score": s})
print(json.dumps(res))
`;

interface PeerRow {
  dataset: string;
  profile: "sklearn" | "xgboost";
  seconds: number;
  all: number[];
  score: number;
}

function runPeer(
  dir: string,
  repeats: number,
  only: string[],
  profiles: string[],
): { xgboost: boolean; results: PeerRow[] } | null {
  const r = spawnSync(
    PYTHON,
    ["-c", PEER, join(SHARED, "bench"), dir, String(repeats), only.join(","), profiles.join(",")],
    {
      env: { ...process.env, OMP_NUM_THREADS: "2" },
      encoding: "utf8",
      maxBuffer: 1 << 24,
    },
  );
  if (r.status !== 0) {
    console.error(`Python peer failed (${r.status}):\n${r.stderr}`);
    return null;
  }
  const last = r.stdout.trim().split("\n").pop() ?? "{}";
  return JSON.parse(last) as { xgboost: boolean; results: PeerRow[] };
}

function runAnchor(dir: string, repeats: number): void {
  const out = join(dir, "speed-anchor.json");
  console.log(`\n$ OMP_NUM_THREADS=2 ${PYTHON} ${ANCHOR} --synthetic --repeats ${repeats} --out ${out}`);
  const r = spawnSync(PYTHON, [ANCHOR, "--synthetic", "--repeats", String(repeats), "--out", out], {
    env: { ...process.env, OMP_NUM_THREADS: "2" },
    encoding: "utf8",
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (r.status !== 0) console.log(`speed_anchor.py exited with ${r.status}`);
}

function fmt(x: number, digits = 3): string {
  return x.toFixed(digits);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const names = args.only ?? ["diamonds", "shuttle_anomaly", "letter", "synthetic"];
  const profiles: ("sklearn" | "xgboost")[] =
    args.profile === "both" ? ["sklearn", "xgboost"] : [args.profile];
  const python = args.python && existsSync(PYTHON);
  setWasmKernels(args.wasm);
  const dir = mkdtempSync(join(tmpdir(), "gbdt-bench-"));
  let xgboost = false;
  try {
    const rows: string[] = [];
    rows.push(
      "| dataset | train rows × feats | setting | ours fit s | ours score | peer | peer fit s | peer score | ratio ours/peer (median) | ratio (best of each) |",
      "|---|---|---|---:|---:|---|---:|---:|---:|---:|",
    );
    // Dataset by dataset, the Python peer right before ours, so both see the same machine load.
    for (const name of names) {
      let peer: { xgboost: boolean; results: PeerRow[] } | null = null;
      if (python) {
        peer = runPeer(dir, args.repeats, [name], profiles);
        xgboost ||= peer?.xgboost === true;
        for (const r of peer?.results ?? []) {
          console.log(`${name} ${r.profile}: peer ${r.all.map((t) => fmt(t)).join(", ")} s`);
        }
      } else if (name === "synthetic") {
        const r = spawnSync(PYTHON, ["-c", PEER, join(SHARED, "bench"), dir, "0", "synthetic", ""], {
          encoding: "utf8",
        });
        if (r.status !== 0) throw new Error(`could not write the synthetic data: ${r.stderr}`);
      }
      const d = name === "synthetic" ? loadSynthetic(dir) : loadShared(name);
      const metric = d.task === "regression" ? "rmse" : "acc";
      for (const prof of profiles) {
        const ours = runOurs(d, prof, args.repeats);
        const p = peer?.results.find((r) => r.dataset === name && r.profile === prof);
        const peerName = prof === "sklearn" ? "sklearn HGB (early_stopping=False)" : "XGBoost hist depth 6";
        const line = `| ${name} (${d.task}${d.task === "multiclass" ? ` ${d.nClasses}` : ""}) | ${d.train.X.nRows} × ${d.train.X.nCols} | ${prof} | ${fmt(ours.seconds)} | ${metric} ${fmt(ours.score, 4)} | ${peerName} | ${p ? fmt(p.seconds) : "–"} | ${p ? `${metric} ${fmt(p.score, 4)}` : "–"} | ${p ? `${fmt(ours.seconds / p.seconds, 2)}×` : "–"} | ${p ? `${fmt(Math.min(...ours.all) / Math.min(...p.all), 2)}×` : "–"} |`;
        console.log(`${name} ${prof}: ours ${ours.all.map((t) => fmt(t)).join(", ")} s`);
        rows.push(line);
      }
    }
    if (python && !xgboost && profiles.includes("xgboost")) {
      console.log(
        "\npython3-xgboost is not installed: the XGBoost columns are empty (apt-get install python3-xgboost).",
      );
    }
    console.log(
      `\nGBDT fit, 100 rounds, median of ${args.repeats} (ours single-threaded; Python peers 2 threads); the last column compares the fastest fit of each side, which shared-machine noise disturbs least\n`,
    );
    console.log(rows.join("\n"));
    if (python && xgboost) runAnchor(dir, args.repeats);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
