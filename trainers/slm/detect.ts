/** Which SLM trainer backends this machine can run: probes Python interpreters, then picks a backend. */
import { execa } from "execa";
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { slmScript } from "./python-scripts.js";

/** The trainer backends, best first for `auto`. */
export const SLM_BACKENDS = ["unsloth", "mlx", "torch"] as const;
export type SlmBackend = (typeof SLM_BACKENDS)[number];

/** What `probe.py` reports about one interpreter. */
export const SlmProbeSchema = z.object({
  python: z.string(),
  python_version: z.string(),
  platform: z.string(),
  machine: z.string(),
  torch: z.string().nullable(),
  cuda: z.boolean(),
  mps: z.boolean(),
  transformers: z.boolean(),
  peft: z.boolean(),
  unsloth: z.boolean(),
  mlx_lm: z.boolean(),
});
export type SlmProbe = z.output<typeof SlmProbeSchema>;

export interface SlmEnvironment {
  /** The interpreter chosen (the first with a trainer library), or null when none ran. */
  python: string | null;
  probe: SlmProbe | null;
  /** Every interpreter tried, with what it had or why it failed. */
  tried: { python: string; problem: string | null }[];
}

/** What to install, said exactly, when no backend can run. */
export const SLM_INSTALL_HINT = [
  "No SLM trainer can run here. Install one of:",
  "  CPU or CUDA (Debian/Ubuntu): apt-get install python3-torch   (or: pip install torch)",
  "    + to fine-tune a real base model: pip install transformers peft",
  "  NVIDIA GPU (LoRA/QLoRA): pip install unsloth",
  "  Apple Silicon: pip install mlx-lm",
  "Point Alchemist at the interpreter with ALCHEMIST_PYTHON=/path/to/python3 if it is not python3 on PATH.",
].join("\n");

const PROBE_TIMEOUT_MS = 90_000;

export interface DetectOptions {
  /** Interpreter to use (default: $ALCHEMIST_PYTHON, else python3, /usr/bin/python3, python). */
  python?: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/** Probes candidate interpreters; never throws for a missing Python (the result says so). */
export async function detectSlmEnvironment(options: DetectOptions = {}): Promise<SlmEnvironment> {
  const env = options.env ?? process.env;
  const explicit = options.python ?? env.ALCHEMIST_PYTHON;
  const candidates = explicit ? [explicit] : ["python3", "/usr/bin/python3", "python"];
  const script = slmScript("probe.py");
  const tried: SlmEnvironment["tried"] = [];
  const seen = new Set<string>();
  let fallback: SlmProbe | null = null;
  for (const python of candidates) {
    const r = await execa(python, [script], {
      reject: false,
      timeout: PROBE_TIMEOUT_MS,
      env: { PYTHONDONTWRITEBYTECODE: "1" },
      ...(options.signal ? { cancelSignal: options.signal } : {}),
    });
    options.signal?.throwIfAborted();
    if (r.exitCode !== 0) {
      tried.push({
        python,
        problem: r.failed && r.exitCode === undefined ? "not found" : lastLine(r.stderr),
      });
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(String(r.stdout).trim());
    } catch {
      json = undefined;
    }
    const probe = SlmProbeSchema.safeParse(json);
    if (!probe.success) {
      tried.push({ python, problem: "the probe printed no valid report" });
      continue;
    }
    if (seen.has(probe.data.python)) continue; // python3 and /usr/bin/python3 are often one binary
    seen.add(probe.data.python);
    const p = probe.data;
    const has = p.torch !== null || p.unsloth || p.mlx_lm;
    tried.push({ python, problem: has ? null : "no torch, unsloth or mlx_lm" });
    if (has) return { python, probe: p, tried };
    fallback ??= p;
  }
  return { python: fallback ? fallback.python : null, probe: fallback, tried };
}

function lastLine(text: unknown): string {
  const lines = String(text ?? "")
    .trim()
    .split("\n");
  return (lines[lines.length - 1] ?? "").slice(0, 300) || "exited with an error";
}

/** Whether a backend can run here, and if not, why (one sentence naming what is missing). */
export function backendStatus(
  backend: SlmBackend,
  env: SlmEnvironment,
  baseModel: string | undefined,
): { available: boolean; why: string } {
  const p = env.probe;
  if (!p) return { available: false, why: "no Python interpreter ran" };
  switch (backend) {
    case "unsloth":
      if (!p.unsloth) return { available: false, why: "unsloth is not installed (pip install unsloth)" };
      if (!p.cuda) return { available: false, why: "unsloth needs CUDA, and torch sees no CUDA device" };
      if (!baseModel) return { available: false, why: "unsloth needs a base model (--base-model)" };
      return { available: true, why: `unsloth on CUDA with ${baseModel}` };
    case "mlx":
      if (!p.mlx_lm) return { available: false, why: "mlx_lm is not installed (pip install mlx-lm)" };
      if (p.platform !== "darwin" || p.machine !== "arm64") {
        return { available: false, why: "MLX runs on Apple Silicon only" };
      }
      if (!baseModel) return { available: false, why: "mlx needs a base model (--base-model)" };
      return { available: true, why: `mlx_lm on Apple Silicon with ${baseModel}` };
    case "torch": {
      if (p.torch === null) {
        return {
          available: false,
          why: "torch is not installed (apt-get install python3-torch, or pip install torch)",
        };
      }
      const device = p.cuda ? "CUDA" : p.mps ? "MPS" : "CPU";
      if (!baseModel) {
        return {
          available: true,
          why: `torch ${p.torch} on ${device}: tiny randomly initialised model (no --base-model)`,
        };
      }
      if (!p.transformers || !p.peft) {
        return {
          available: false,
          why: `a base model needs transformers and peft (pip install transformers peft); torch ${p.torch} alone trains only the tiny model`,
        };
      }
      return {
        available: true,
        why: `torch ${p.torch} + transformers + peft on ${device} with ${baseModel}`,
      };
    }
  }
}

/** The backend to run for a request (`auto`: the first available of SLM_BACKENDS); TRAINER_UNAVAILABLE otherwise. */
export function chooseSlmBackend(
  requested: SlmBackend | "auto",
  env: SlmEnvironment,
  baseModel: string | undefined,
): { backend: SlmBackend; python: string; why: string } {
  const order = requested === "auto" ? SLM_BACKENDS : [requested];
  const reasons: string[] = [];
  for (const backend of order) {
    const s = backendStatus(backend, env, baseModel);
    if (s.available && env.python) return { backend, python: env.python, why: s.why };
    reasons.push(`${backend}: ${s.why}`);
  }
  throw new AlchemistError(
    "TRAINER_UNAVAILABLE",
    `${requested === "auto" ? "No trainer backend is available" : `The ${requested} trainer is not available`} (${reasons.join("; ")}).\n${SLM_INSTALL_HINT}`,
    { parameter: "train", allowed: [...SLM_BACKENDS] },
  );
}
