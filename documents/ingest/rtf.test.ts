import { describe, expect, it } from "vitest";
import { isAlchemistError } from "../../core/errors.js";
import { rtfToText } from "./rtf.js";

const rtf = (body: string, header = "\\ansi\\ansicpg1252") =>
  `{\\rtf1${header}{\\fonttbl{\\f0 Arial;}}\\f0 ${body}}`;

describe("rtfToText", () => {
  it("reads paragraphs, tabs, escapes and special characters", () => {
    expect(rtfToText(rtf("One\\par Two\\tab three \\\\ \\{x\\}\\~end\\par"))).toBe(
      "One\nTwo\tthree \\ {x}\u00a0end",
    );
    expect(rtfToText(rtf("\\ldblquote q\\rdblquote  \\emdash  \\bullet"))).toBe(
      "\u201Cq\u201D \u2014 \u2022",
    );
  });

  it("decodes \\uN with its fallback characters skipped, per \\ucN", () => {
    expect(rtfToText(rtf("a\\u233?b"))).toBe("aéb");
    expect(rtfToText(rtf("a\\uc2\\u233xyb"))).toBe("aéb");
    expect(rtfToText(rtf("a\\uc0\\u233 b"))).toBe("aéb");
    expect(rtfToText(rtf("\\u-10179?\\u-8704?"))).toBe("\u{1F600}");
    // The fallback of a \u can be a hex escape.
    expect(rtfToText(rtf("x\\u8364\\'80y"))).toBe("x€y");
  });

  it("decodes \\'hh bytes in the document's code page, multi-byte ones included", () => {
    expect(rtfToText(rtf("\\'80 caf\\'e9"))).toBe("€ café");
    expect(rtfToText(rtf("\\'cf\\'f0\\'e8\\'e2\\'e5\\'f2", "\\ansi\\ansicpg1251"))).toBe("Привет");
    expect(rtfToText(rtf("\\'82\\'a0\\'82\\'a2", "\\ansi\\ansicpg932"))).toBe("あい");
  });

  it("skips destinations (font and colour tables, \\* groups, field instructions, pictures, binary data)", () => {
    const doc = rtf(
      "{\\colortbl;\\red1\\green2\\blue3;}{\\*\\unknown inner {nested} words}{\\info{\\title T}}" +
        '{\\field{\\*\\fldinst HYPERLINK "u"}{\\fldrslt shown}}{\\pict\\pngblip 89504e47}{\\object\\bin3 {}x} after',
    );
    expect(rtfToText(doc)).toBe("shown after");
  });

  it("turns table cells and rows into tabs and lines", () => {
    expect(rtfToText(rtf("\\trowd a\\cell b\\cell\\row c\\cell d\\cell\\row"))).toBe("a\tb\nc\td");
  });

  it("refuses text that is not RTF with DOCUMENT_UNREADABLE", () => {
    try {
      rtfToText("hello", "x.rtf");
      expect.unreachable();
    } catch (e) {
      expect(isAlchemistError(e) && e.code).toBe("DOCUMENT_UNREADABLE");
    }
  });
});
