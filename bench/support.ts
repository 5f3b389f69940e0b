// What the benchmarks share: the row they print, and running server code outside Next.js.
import { register } from "node:module";

export interface Row {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

let stubbed = false;

/** Outside Next.js, "server-only" must resolve to nothing (Next does this for server code itself). */
export function stubServerOnly(): void {
  if (stubbed) return;
  stubbed = true;
  const hook = `export async function resolve(specifier, context, next) {
    if (specifier === "server-only") return { url: "data:text/javascript,export {}", shortCircuit: true };
    return next(specifier, context);
  }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}
