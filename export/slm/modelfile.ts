/** Ollama Modelfile for a fine-tuned SLM: FROM (GGUF, or base + ADAPTER), system prompt, chat template, stops. */

/** The plain chat markup the trainers use when a model has no chat template of its own (the tiny model). */
export const PLAIN_CHAT_TEMPLATE = `{{ if .System }}<|system|>
{{ .System }}
{{ end }}{{ if .Prompt }}<|user|>
{{ .Prompt }}
{{ end }}<|assistant|>
{{ .Response }}
`;

export interface ModelfileOptions {
  /** A GGUF file (relative to the Modelfile) or a base model name Ollama knows. */
  from: string;
  /** A LoRA adapter folder to apply on `from` (Ollama's ADAPTER). */
  adapter?: string;
  systemPrompt: string;
  /** Go template of the prompt; null leaves the GGUF's own chat template in charge. */
  template: string | null;
  temperature?: number;
  /** Comment lines written at the top (provenance, caveats). */
  notes?: string[];
}

/** Triple-quoted Modelfile string; `"""` inside would end it early, so it is broken up. */
function quoted(text: string): string {
  return `"""${text.replaceAll('"""', '" " "')}"""`;
}

/** Renders the Modelfile text. */
export function renderModelfile(o: ModelfileOptions): string {
  const lines: string[] = [];
  for (const n of o.notes ?? []) lines.push(`# ${n.replaceAll("\n", " ")}`);
  lines.push(`FROM ${o.from}`);
  if (o.adapter) lines.push(`ADAPTER ${o.adapter}`);
  lines.push(`SYSTEM ${quoted(o.systemPrompt)}`);
  if (o.template !== null) {
    lines.push(`TEMPLATE ${quoted(o.template)}`);
    lines.push('PARAMETER stop "<|user|>"', 'PARAMETER stop "<|system|>"');
  }
  lines.push(`PARAMETER temperature ${o.temperature ?? 0.2}`);
  return `${lines.join("\n")}\n`;
}
