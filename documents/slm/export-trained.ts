/** After a fine-tune: GGUF when llama.cpp's converter and a merged model exist, and always an Ollama Modelfile. */
import { existsSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import {
  exportGguf,
  findGgufConverter,
  GGUF_INSTALL_HINT,
  type GgufExport,
  PLAIN_CHAT_TEMPLATE,
  renderModelfile,
} from "../../export/slm/index.js";
import type { SlmTrainResult } from "../../trainers/slm/index.js";

export interface ExportTrainedOptions {
  out: string;
  result: SlmTrainResult;
  baseModel: string | undefined;
  systemPrompt: string;
  pairs: number;
  signal?: AbortSignal;
}

/** Writes `<out>/Modelfile` (and `<out>/model.gguf` when possible); returns what was written and why not. */
export async function exportTrained(
  o: ExportTrainedOptions,
): Promise<{ gguf: GgufExport; modelfile: string }> {
  const merged = join(o.out, "merged");
  let gguf: GgufExport;
  if (o.baseModel === undefined) {
    gguf = {
      status: "skipped",
      reason:
        "the tiny pipeline-check model has no architecture llama.cpp converts; give --base-model to export a real one",
    };
  } else if (!existsSync(merged)) {
    gguf = {
      status: "skipped",
      reason:
        findGgufConverter() === null
          ? GGUF_INSTALL_HINT
          : `the ${o.result.backend} trainer saved no merged model to convert`,
    };
  } else {
    gguf = await exportGguf({
      modelDir: merged,
      outFile: join(o.out, "model.gguf"),
      python: o.result.python,
      ...(o.signal ? { signal: o.signal } : {}),
    });
  }
  const adapter = `./${relative(o.out, o.result.adapterDir) || "adapter"}`;
  const notes = [
    `Alchemist: ${o.result.backend} fine-tune of ${o.result.model} on ${o.pairs} grounded Q&A pairs.`,
  ];
  let from: string;
  let adapterLine: string | undefined;
  if (gguf.status === "written") from = "./model.gguf";
  else if (o.baseModel !== undefined) {
    from = o.baseModel;
    adapterLine = adapter;
    notes.push(
      "No GGUF was written: FROM names the base model and ADAPTER the LoRA adapter (Ollama must know the base).",
    );
  } else {
    from = "./model.gguf";
    notes.push(
      "Not runnable as is: the tiny pipeline-check model has no GGUF. Train with --base-model for a model Ollama can run.",
    );
  }
  const modelfile = join(o.out, "Modelfile");
  writeFileSync(
    modelfile,
    renderModelfile({
      from,
      ...(adapterLine ? { adapter: adapterLine } : {}),
      systemPrompt: o.systemPrompt,
      // A base model's own chat template travels in its GGUF; the tiny model was trained on the plain markup.
      template: o.baseModel === undefined ? PLAIN_CHAT_TEMPLATE : null,
      notes,
    }),
  );
  return { gguf, modelfile };
}
