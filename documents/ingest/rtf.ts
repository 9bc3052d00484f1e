/** A small RTF text extractor: groups, control words, \uN with \ucN fallbacks, \'hh in the document's code page. */
import { TextDecoder } from "node:util";
import { AlchemistError } from "../../core/errors.js";
import { decodeWindows1252 } from "./decode-text.js";

interface Decoder {
  decode(bytes: Uint8Array): string;
}

const WINDOWS_1252: Decoder = { decode: decodeWindows1252 };

/** Destinations whose content is not body text (the `\*` marker skips unknown ones too). */
const SKIP_DESTINATIONS = new Set([
  "fonttbl",
  "colortbl",
  "stylesheet",
  "info",
  "pict",
  "object",
  "objdata",
  "fldinst",
  "listtable",
  "listoverridetable",
  "rsidtbl",
  "generator",
  "xmlnstbl",
  "themedata",
  "colorschememapping",
  "datastore",
  "latentstyles",
  "pgdsctbl",
  "header",
  "headerl",
  "headerr",
  "headerf",
  "footer",
  "footerl",
  "footerr",
  "footerf",
  "filetbl",
  "revtbl",
  "bkmkstart",
  "bkmkend",
  "xe",
  "tc",
]);

const WORD_TEXT: Readonly<Record<string, string>> = {
  par: "\n",
  line: "\n",
  sect: "\n\n",
  page: "\n\n",
  row: "\n",
  cell: "\t",
  tab: "\t",
  emdash: "\u2014",
  endash: "\u2013",
  emspace: "\u2003",
  enspace: "\u2002",
  qmspace: "\u2005",
  bullet: "\u2022",
  lquote: "\u2018",
  rquote: "\u2019",
  ldblquote: "\u201C",
  rdblquote: "\u201D",
};

const SYMBOL_TEXT: Readonly<Record<string, string>> = { "~": "\u00A0", _: "\u2011", "-": "" };

interface GroupState {
  skip: boolean;
  uc: number;
}

/**
 * Extracts the text of an RTF document given as a latin1 string (one character per byte); throws
 * DOCUMENT_UNREADABLE when it does not start with `{\rtf`.
 */
export function rtfToText(rtf: string, file = "document"): string {
  if (!/^\s*\{\\rtf/.test(rtf)) {
    throw new AlchemistError("DOCUMENT_UNREADABLE", `${file}: not RTF (it does not start with {\\rtf)`, {
      path: file,
    });
  }
  let decoder: Decoder = WINDOWS_1252;
  const out: string[] = [];
  let bytes: number[] = [];
  const flushBytes = (): void => {
    if (bytes.length === 0) return;
    out.push(decoder.decode(new Uint8Array(bytes)));
    bytes = [];
  };
  const emit = (s: string): void => {
    flushBytes();
    out.push(s);
  };
  const stack: GroupState[] = [];
  let state: GroupState = { skip: false, uc: 1 };
  // Characters still to drop after a \uN (its ANSI fallback), counted in the group that holds the \u.
  let fallback = 0;
  let groupStart = false;
  const n = rtf.length;
  let i = 0;
  while (i < n) {
    const ch = rtf[i]!;
    if (ch === "{") {
      stack.push(state);
      state = { ...state };
      fallback = 0;
      groupStart = true;
      i++;
      continue;
    }
    if (ch === "}") {
      state = stack.pop() ?? state;
      fallback = 0;
      groupStart = false;
      i++;
      continue;
    }
    const atGroupStart = groupStart;
    groupStart = false;
    if (ch === "\\") {
      const next = rtf[i + 1];
      if (next === undefined) break;
      if (next === "'") {
        const hex = rtf.slice(i + 2, i + 4);
        i += 4;
        if (fallback > 0) {
          fallback--;
          continue;
        }
        const byte = Number.parseInt(hex, 16);
        if (!state.skip && Number.isInteger(byte)) bytes.push(byte);
        continue;
      }
      if (!/[A-Za-z]/.test(next)) {
        i += 2;
        if (next === "*") {
          state.skip = true;
          continue;
        }
        if (fallback > 0) {
          fallback--;
          continue;
        }
        if (state.skip) continue;
        if (next === "\\" || next === "{" || next === "}") emit(next);
        else if (next === "\n" || next === "\r") emit("\n");
        else if (SYMBOL_TEXT[next] !== undefined) emit(SYMBOL_TEXT[next]);
        continue;
      }
      const m = /^([A-Za-z]{1,32})(-?\d{1,10})? ?/.exec(rtf.slice(i + 1, i + 48))!;
      i += 1 + m[0].length;
      const word = m[1]!;
      const param = m[2] === undefined ? undefined : Number(m[2]);
      if (word === "bin") {
        // Raw binary data of `param` bytes follows: never text.
        i += Math.max(0, param ?? 0);
        continue;
      }
      if (word === "u" && param !== undefined) {
        if (!state.skip) emit(String.fromCharCode(param < 0 ? param + 65536 : param));
        fallback = state.uc;
        continue;
      }
      if (word === "uc") {
        state.uc = Math.max(0, param ?? 1);
        continue;
      }
      if (word === "ansicpg" && param !== undefined) {
        flushBytes();
        decoder = decoderFor(param);
        continue;
      }
      if (word === "mac") decoder = decoderFor(10000);
      if (atGroupStart && SKIP_DESTINATIONS.has(word)) {
        state.skip = true;
        continue;
      }
      if (fallback > 0) {
        fallback--;
        continue;
      }
      const text = WORD_TEXT[word];
      if (text !== undefined && !state.skip) emit(text);
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      i++;
      continue;
    }
    i++;
    if (fallback > 0) {
      fallback--;
      continue;
    }
    if (state.skip) continue;
    // Read as latin1, a raw 8-bit character is a byte in the document's code page.
    const code = ch.charCodeAt(0);
    if (code >= 0x80 && code <= 0xff) bytes.push(code);
    else emit(ch);
  }
  flushBytes();
  return out
    .join("")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** A decoder for a Windows code page number, windows-1252 when the runtime does not know it. */
function decoderFor(codePage: number): Decoder {
  if (codePage === 1252) return WINDOWS_1252;
  const label =
    codePage === 65001
      ? "utf-8"
      : codePage === 932
        ? "shift_jis"
        : codePage === 936
          ? "gbk"
          : codePage === 949
            ? "euc-kr"
            : codePage === 950
              ? "big5"
              : codePage === 10000
                ? "macintosh"
                : `windows-${codePage}`;
  try {
    return new TextDecoder(label);
  } catch {
    return WINDOWS_1252;
  }
}
