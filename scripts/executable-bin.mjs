/**
 * `npm run build`, last: the package's bin (`dist/server/cli.js`, `#!/usr/bin/env node`) must be
 * executable for `npx alchemist` in a clone to run it; tsc writes its files without that bit.
 */
import { chmodSync } from "node:fs";

chmodSync("dist/server/cli.js", 0o755);
