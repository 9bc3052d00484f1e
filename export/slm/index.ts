/** export/slm: a fine-tuned SLM as GGUF (through llama.cpp's converter) and an Ollama Modelfile. */
export {
  exportGguf,
  findGgufConverter,
  GGUF_CONVERTER,
  GGUF_INSTALL_HINT,
  type GgufExport,
  type GgufOptions,
} from "./gguf.js";
export { type ModelfileOptions, PLAIN_CHAT_TEMPLATE, renderModelfile } from "./modelfile.js";
