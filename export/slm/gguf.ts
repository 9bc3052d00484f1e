/** GGUF export through llama.cpp's own converter (convert_hf_to_gguf.py), when it is installed. */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { execa } from "execa";

export const GGUF_CONVERTER = "convert_hf_to_gguf.py";

/** Where to get the converter, said when it is missing. */
export const GGUF_INSTALL_HINT =
  "llama.cpp's convert_hf_to_gguf.py was not found: clone llama.cpp, pip install -r llama.cpp/requirements.txt, and set LLAMA_CPP_DIR to the clone (or put convert_hf_to_gguf.py on PATH).";

/** The converter script: $LLAMA_CPP_CONVERTER, $LLAMA_CPP_DIR/…, PATH, then the usual clone places; null if absent. */
export function findGgufConverter(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates: string[] = [];
  if (env.LLAMA_CPP_CONVERTER) candidates.push(env.LLAMA_CPP_CONVERTER);
  if (env.LLAMA_CPP_DIR) candidates.push(join(env.LLAMA_CPP_DIR, GGUF_CONVERTER));
  for (const dir of (env.PATH ?? "").split(delimiter)) if (dir) candidates.push(join(dir, GGUF_CONVERTER));
  for (const dir of [
    join(homedir(), "llama.cpp"),
    "/opt/llama.cpp",
    "/usr/local/share/llama.cpp",
    "/usr/share/llama.cpp",
  ]) {
    candidates.push(join(dir, GGUF_CONVERTER));
  }
  return candidates.find((c) => existsSync(c)) ?? null;
}

export type GgufExport =
  | { status: "written"; path: string; converter: string }
  | { status: "skipped"; reason: string }
  | { status: "failed"; reason: string };

export interface GgufOptions {
  /** A Hugging Face model folder (the merged fine-tuned model). */
  modelDir: string;
  outFile: string;
  python: string;
  /** Default q8_0. */
  outtype?: "f32" | "f16" | "bf16" | "q8_0" | "auto";
  converter?: string | null;
  signal?: AbortSignal;
}

/** Converts `modelDir` to GGUF; never throws for a missing converter or a failed conversion (the result says). */
export async function exportGguf(o: GgufOptions): Promise<GgufExport> {
  const converter = o.converter === undefined ? findGgufConverter() : o.converter;
  if (converter === null) return { status: "skipped", reason: GGUF_INSTALL_HINT };
  if (!existsSync(join(o.modelDir, "config.json"))) {
    return { status: "skipped", reason: `${o.modelDir} is not a Hugging Face model folder (no config.json)` };
  }
  const r = await execa(
    o.python,
    [converter, o.modelDir, "--outfile", o.outFile, "--outtype", o.outtype ?? "q8_0"],
    {
      reject: false,
      stdin: "ignore",
      ...(o.signal ? { cancelSignal: o.signal } : {}),
    },
  );
  o.signal?.throwIfAborted();
  if (r.exitCode !== 0 || !existsSync(o.outFile)) {
    const tail = String(r.stderr ?? "")
      .trim()
      .split("\n")
      .slice(-3)
      .join(" | ");
    return {
      status: "failed",
      reason: `${GGUF_CONVERTER} exited with ${r.exitCode ?? r.shortMessage}: ${tail}`,
    };
  }
  return { status: "written", path: o.outFile, converter };
}
