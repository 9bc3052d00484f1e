/**
 * `npm run bench`: read + profile a generated 1,000,000 × 20 mixed-type CSV with Alchemist and with
 * pandas (`read_csv` + `describe`, Debian python3-pandas) in the same run, alternating, and print
 * medians and the ratio. Also reports Alchemist's peak memory against the data's numeric size.
 *
 * Env: BENCH_ROWS (default 1e6), BENCH_REPEATS (default 3).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateMixedCsv, HEADER } from "./generate-mixed-csv.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const python = "/usr/bin/python3";

const PANDAS = `
import sys, time, json
import pandas as pd
t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1])
t1 = time.perf_counter()
d = df.describe()
t2 = time.perf_counter()
print(json.dumps({"readSeconds": t1 - t0, "describeSeconds": t2 - t1, "rows": len(df)}))
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

async function main(): Promise<void> {
  const file = join(root, ".bench-data", `mixed-${rows}.csv`);
  if (!existsSync(file))
    console.log(`generating ${file} (${rows.toLocaleString()} rows × ${HEADER.length}, seed 42)…`);
  await generateMixedCsv(file, rows, 42);
  const hasPandas = (() => {
    try {
      execFileSync(python, ["-c", "import pandas"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();

  const ours: number[] = [];
  const oursRead: number[] = [];
  const peaks: number[] = [];
  const theirs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", join(root, "bench", "read-profile-child.ts"), file],
      {
        cwd: root,
        encoding: "utf8",
        maxBuffer: 1 << 20,
      },
    );
    const m = JSON.parse(out) as {
      readSeconds: number;
      profileSeconds: number;
      baseRssBytes: number;
      peakRssBytes: number;
    };
    ours.push(m.readSeconds + m.profileSeconds);
    oursRead.push(m.readSeconds);
    peaks.push(m.peakRssBytes - m.baseRssBytes);
    console.log(
      `alchemist  run ${r + 1}: read ${m.readSeconds.toFixed(2)} s + profile ${m.profileSeconds.toFixed(2)} s`,
    );
    if (hasPandas) {
      const p = JSON.parse(execFileSync(python, ["-c", PANDAS, file], { encoding: "utf8" })) as {
        readSeconds: number;
        describeSeconds: number;
      };
      theirs.push(p.readSeconds + p.describeSeconds);
      console.log(
        `pandas     run ${r + 1}: read_csv ${p.readSeconds.toFixed(2)} s + describe ${p.describeSeconds.toFixed(2)} s`,
      );
    }
  }
  const numericBytes = rows * HEADER.length * 8;
  const peak = median(peaks);
  console.log("");
  console.log(`rows × columns           ${rows.toLocaleString()} × ${HEADER.length}`);
  console.log(
    `alchemist read+profile   ${median(ours).toFixed(2)} s (read ${median(oursRead).toFixed(2)} s), median of ${repeats}`,
  );
  console.log(
    `peak memory over start   ${(peak / 1e6).toFixed(0)} MB = ${(peak / numericBytes).toFixed(2)}× the numeric size (${(numericBytes / 1e6).toFixed(0)} MB)`,
  );
  if (hasPandas) {
    console.log(`pandas read_csv+describe ${median(theirs).toFixed(2)} s, median of ${repeats}`);
    console.log(`ratio alchemist/pandas   ${(median(ours) / median(theirs)).toFixed(2)}×  (goal ≤ 1.0×)`);
  } else {
    console.log("pandas not found at /usr/bin/python3 (apt-get install python3-pandas) — no ratio");
  }
}

await main();
