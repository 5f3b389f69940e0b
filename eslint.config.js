import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Import paths as written: "@/lib/server/db", "../../lib/server/db" or "../../../app/(app)/x/actions".
const layerPatterns = (dirs, message) => [{ regex: `^(@/|(\\.\\./)+)(${dirs.join("|")})(/|$)`, message }];
/** Prisma lives in lib/server only (STYLE.md habit 5). */
const uiPatterns = [
  { regex: "^@prisma/", message: "Prisma only in lib/server: call a service." },
  ...layerPatterns(["lib/generated"], "Prisma only in lib/server: call a service."),
];
const serverPatterns = layerPatterns(["app", "components"], "lib/server never imports app or components: the layers point down.");
/** What services may import from lib/providers: the interface, the registry and the shared plumbing. */
const PROVIDER_SEAMS = ["types", "registry", "errors", "create-once", "param-values", "http"];

const noFocusedTests = { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip)$/]", message: "No focused or skipped tests." };
// One way to translate: words live in messages/<locale>/*.json, read with next-intl (pages, components) or
// catalogText (lib/domain). Written-out texts in both languages and choices on the language are what it replaces.
const TRANSLATE = "One way to translate: put the words in messages/<locale>/*.json and read them with next-intl (pages, components) or catalogText (lib/domain).";
const oneWayToTranslate = [
  { selector: "ObjectExpression > Property[key.name='zh'][value.type=/^(Literal|TemplateLiteral)$/]", message: TRANSLATE },
  { selector: "ConditionalExpression > BinaryExpression.test[right.value=/^zh/]", message: TRANSLATE },
  { selector: "ConditionalExpression > BinaryExpression.test[left.value=/^zh/]", message: TRANSLATE },
];

export default tseslint.config(
  { ignores: [".next/**", ".next-*/**", "node_modules/**", "lib/generated/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", ".helpers/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "no-restricted-syntax": ["error", noFocusedTests],
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
  // lib/contracts: the schemas and view types both the server and the UI read. It may import zod, lib/domain
  // and, as types only, lib/providers — nothing that runs on one side only.
  {
    files: ["lib/contracts/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!zod$|\\./|(\\.\\./|@/lib/)(domain|providers)/)",
              message: "lib/contracts imports only zod, lib/domain and lib/providers types: the server and the browser both load it.",
            },
            {
              regex: "^(\\.\\./|@/lib/)providers/",
              allowTypeImports: true,
              message: "lib/contracts may use lib/providers for types only (import type): adapters and clients are server code.",
            },
          ],
        },
      ],
    },
  },
  // Components are shared UI: they take data and callbacks as props. A screen's server actions, and the server
  // code behind them, are reached only from app/ — types included (view types live in lib/contracts).
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [...uiPatterns, ...layerPatterns(["lib/server", "app"], "components never import lib/server or app (types included): read view types from lib/contracts, take actions as props or live in app/<feature>/.")] }] },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: uiPatterns }] },
  },
  {
    files: ["lib/domain/**/*.ts", "components/**/*.{ts,tsx}", "app/**/*.{ts,tsx}"],
    // text.ts is where a LocalizedText is made and read.
    ignores: ["**/*.test.ts", "lib/domain/text.ts"],
    rules: { "no-restricted-syntax": ["error", noFocusedTests, ...oneWayToTranslate] },
  },
  {
    files: ["lib/server/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: serverPatterns }] },
  },
  // Server code reaches providers through the adapter interface only: a fifth provider is one folder plus one
  // registry line, so no service (lib/server/services, and the numbers and mirror services beside them) may name
  // a provider's folder. Tests and their helpers may drive a specific or a fake provider.
  {
    files: ["lib/server/**/*.ts"],
    ignores: ["**/*.test.ts", "lib/server/mirror/test-support.ts", "lib/server/testing/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...serverPatterns,
            {
              regex: `^((\\.\\./)+|@/lib/)providers/(?!(${PROVIDER_SEAMS.join("|")})$)`,
              message: `Services use providers through ${PROVIDER_SEAMS.map((m) => `lib/providers/${m}`).join(", ")} only, never a provider's own folder.`,
            },
          ],
        },
      ],
    },
  },
);
