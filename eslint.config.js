import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".next/**", ".next-*/**", "node_modules/**", "lib/generated/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", ".helpers/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip)$/]", message: "No focused or skipped tests." },
      ],
    },
  },
  { files: ["**/*.{js,mjs}"], languageOptions: { globals: { process: "readonly", console: "readonly" } } },
  {
    // The layers' arrows point down: domain ← providers ← server ← app.
    files: ["lib/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["**/providers/**", "**/server/**", "**/app/**", "react", "next/*", "@prisma/*", "node:fs", "node:http"] }],
    },
  },
  {
    files: ["lib/providers/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["**/server/**", "**/app/**", "react", "next/*", "@prisma/*", "@/lib/server/*", "@/app/*"] }] },
  },
  {
    // A simulator is a second reading of the provider's documents, not a copy of our client (issue 11 §1): it may
    // import types of documented payloads (import type … from lib/providers/<kind>/wire) and nothing else of
    // lib/providers. Its tests drive the real client against it and are exempt.
    files: ["simulators/**/*.ts"],
    // Tests and their shared helpers (testing.ts) drive the real client against the simulator, so they are exempt.
    ignores: ["**/*.test.ts", "simulators/*/testing.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/lib/providers/**", "@/lib/providers/*", "@/lib/providers/**"],
              allowTypeImports: true,
              message: "A simulator implements the provider from its documents: import only types of documented payloads from lib/providers.",
            },
          ],
        },
      ],
    },
  },
);
