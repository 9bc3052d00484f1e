/** One measured read + profile in a fresh process (so peak RSS is this work's own). Prints JSON. */
import { readCsv } from "../data/csv-reader.js";
import { profileFrame } from "../data/profile/index.js";

const path = process.argv[2];
if (!path) throw new Error("usage: read-profile-child <csv>");
const baseRss = process.resourceUsage().maxRSS * 1024;
const t0 = performance.now();
const read = readCsv(path);
const t1 = performance.now();
const profile = profileFrame(read.frame, { coercions: read.coercions });
const t2 = performance.now();
const peakRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(
  `${JSON.stringify({
    readSeconds: (t1 - t0) / 1000,
    profileSeconds: (t2 - t1) / 1000,
    rows: read.frame.nRows,
    columns: read.frame.columns.length,
    duplicateRows: profile.duplicateRows,
    baseRssBytes: baseRss,
    peakRssBytes: peakRss,
  })}\n`,
);
