// A module resolve hook (node:module register): "server-only" resolves to an empty module, as Next's own build
// makes it for server code, so lib/server TypeScript loaded by tsx outside Next (the lean webhook path in
// scripts/server.mjs, its apply thread in scripts/webhook-apply-worker.mjs) imports it without throwing.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,export {}", shortCircuit: true };
  return nextResolve(specifier, context);
}
