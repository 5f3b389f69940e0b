// Seed examples kept as fixtures (issue 11 §1): each file starts with a few `//` lines naming its seed and
// section, then the example exactly as the seed prints it. Examples may carry `//` comments of their own
// (Yunfu's callback example annotates its fields); a real sender sends JSON, so stripJsonComments removes
// them the way a serializer would never have written them.
import { readFileSync } from "node:fs";

/** The example of a fixture file: everything after its leading comment lines, byte for byte. */
export function readSeedExample(file: string): string {
  const lines = readFileSync(file, "utf8").split("\n");
  let first = 0;
  while (first < lines.length && lines[first].startsWith("//")) first++;
  return lines.slice(first).join("\n");
}

/** JSON text without `//` line comments and `/* … *\/` block comments; strings are left untouched. */
export function stripJsonComments(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      // Copy a string literal as is, escapes included.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end === -1 ? text.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
