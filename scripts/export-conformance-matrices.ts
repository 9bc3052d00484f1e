/**
 * Writes the feature matrices the estimator conformance suite scores on (and that
 * make-estimator-floors.py gives to scikit-learn), so both sides fit on exactly the same numbers:
 * default preprocessing + standard scaling fitted on train, applied to test.
 *
 *   npx tsx scripts/export-conformance-matrices.ts
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readCsv } from "../data/csv-reader.js";
import { defaultSteps, fitPreprocessor } from "../data/preprocess/index.js";
import type { FeatureMatrix } from "../data/preprocess/index.js";
import { takeRows } from "../data/frame.js";
import { type DatasetName, datasetMeta, datasetPath, REPO_ROOT } from "../test/datasets.js";

const OUT = join(REPO_ROOT, "trainers", "fixtures", "conformance");

/** Datasets small enough for CI, with the row caps applied to bigger ones (first rows, fixed). */
const SETS: { name: DatasetName; maxTrain?: number; maxTest?: number }[] = [
  { name: "breast_cancer" },
  { name: "penguins" },
  { name: "credit_data" },
  { name: "diabetes" },
  { name: "diamonds", maxTrain: 4000, maxTest: 2000 },
];

function toCsv(X: FeatureMatrix, y: Float64Array): string {
  const lines = [[...X.featureNames.map((_, j) => `f${j}`), "y"].join(",")];
  for (let i = 0; i < X.nRows; i++) {
    const row: string[] = [];
    for (let j = 0; j < X.nCols; j++)
      row.push(String(Number((X.data[j * X.nRows + i] as number).toPrecision(8))));
    row.push(String(y[i]));
    lines.push(row.join(","));
  }
  return `${lines.join("\n")}\n`;
}

const first = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

for (const set of SETS) {
  const meta = datasetMeta(set.name);
  let train = readCsv(datasetPath(set.name, "train.csv")).frame;
  let test = readCsv(datasetPath(set.name, "test.csv")).frame;
  if (set.maxTrain && train.nRows > set.maxTrain) train = takeRows(train, first(set.maxTrain));
  if (set.maxTest && test.nRows > set.maxTest) test = takeRows(test, first(set.maxTest));
  const task = meta.task === "binary" || meta.task === "multiclass" ? meta.task : "regression";
  const steps = [
    ...defaultSteps(train, { target: meta.target }),
    { type: "scale" as const, method: "standard" as const },
  ];
  const fitted = fitPreprocessor(steps, train, { target: meta.target, task, seed: 0 });
  const trainY = fitted.train.y as Float64Array;
  const testX = fitted.preprocessor.transform(test);
  const targetCol = test.columns.find((c) => c.name === meta.target);
  if (!targetCol) throw new Error(`no target in ${set.name} test`);
  const classes = fitted.train.classes;
  const testY = new Float64Array(test.nRows);
  for (let i = 0; i < test.nRows; i++) {
    if (targetCol.kind === "numeric") testY[i] = targetCol.values[i] as number;
    else if (targetCol.kind === "categorical")
      testY[i] = (classes ?? []).indexOf(targetCol.levels[targetCol.codes[i] as number] as string);
    else throw new Error(`unexpected target kind ${targetCol.kind}`);
  }
  writeFileSync(join(OUT, `${set.name}-train.csv`), toCsv(fitted.train.X, trainY));
  writeFileSync(join(OUT, `${set.name}-test.csv`), toCsv(testX, testY));
  writeFileSync(
    join(OUT, `${set.name}.json`),
    `${JSON.stringify({ dataset: set.name, task, classes: classes ?? null, features: fitted.train.X.featureNames, trainRows: trainY.length, testRows: testY.length }, null, 2)}\n`,
  );
  console.log(
    `${set.name}: ${trainY.length} train × ${fitted.train.X.nCols} features, ${testY.length} test (${task})`,
  );
}
