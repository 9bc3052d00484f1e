/**
 * `npm run build`, after tsc: the fit worker as one file (dist/trainers/pool/worker-entry.bundle.js).
 * A worker started from ~280 separate modules spends ~420 ms loading them, one from a single file
 * ~160 ms; every run starts its workers, and again after a trial that ran out of time.
 */
import { build } from "esbuild";

await build({
  entryPoints: ["dist/trainers/pool/worker-entry.js"],
  outfile: "dist/trainers/pool/worker-entry.bundle.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  legalComments: "none",
  logLevel: "warning",
});
