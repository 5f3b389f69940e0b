// The layers' boundaries are lint rules (eslint.config.js). Each rule is shown refusing a deliberate violation
// and letting the legitimate import through, by linting snippets as if they were files at those paths.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: import.meta.dirname });

/** The boundary messages ESLint reports for `code` saved as `filePath`. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId?.endsWith("no-restricted-imports")).map((m) => m.message);
}

describe("components (shared UI)", () => {
  const file = "components/stats/example.tsx";

  it("never import lib/server, even for a type", async () => {
    expect(await boundaryErrors(file, `import type { AccountView } from "@/lib/server/services/provider-accounts";\nexport type A = AccountView;\n`)).toEqual([
      expect.stringContaining("components never import lib/server or app"),
    ]);
    expect(await boundaryErrors(file, `import { getDb } from "../../lib/server/db";\nexport const db = getDb;\n`)).toHaveLength(1);
  });

  it("never import app (a screen's actions or components)", async () => {
    expect(await boundaryErrors(file, `import { syncNowAction } from "@/app/(app)/sync/actions";\nexport const a = syncNowAction;\n`)).toHaveLength(1);
    expect(await boundaryErrors(file, `import { AccountForm } from "../../app/(app)/providers/account-form";\nexport const a = AccountForm;\n`)).toHaveLength(1);
  });

  it("read view types from lib/contracts and other shared UI", async () => {
    const ok = `import type { AccountView } from "@/lib/contracts/accounts";\nimport { Button } from "@/components/ui/button";\nexport const b: [typeof Button, AccountView | null] = [Button, null];\n`;
    expect(await boundaryErrors(file, ok)).toEqual([]);
  });

  it("never touch Prisma", async () => {
    expect(await boundaryErrors(file, `import { Prisma } from "@/lib/generated/sqlite/client";\nexport const p = Prisma;\n`)).toHaveLength(1);
  });
});

describe("app", () => {
  it("reaches the database through services, never through Prisma", async () => {
    const file = "app/(app)/example/page.tsx";
    expect(await boundaryErrors(file, `import { PrismaClient } from "@prisma/client";\nexport const p = PrismaClient;\n`)).toEqual([
      expect.stringContaining("Prisma only in lib/server"),
    ]);
    expect(await boundaryErrors(file, `import { listAccounts } from "@/lib/server/services/provider-accounts";\nexport const l = listAccounts;\n`)).toEqual([]);
  });
});

describe("lib/server", () => {
  it("never imports app or components", async () => {
    expect(await boundaryErrors("lib/server/mirror/example.ts", `import { POST } from "../../../app/api/health/route";\nexport const p = POST;\n`)).toEqual([
      expect.stringContaining("lib/server never imports app or components"),
    ]);
    expect(await boundaryErrors("lib/server/services/example.ts", `import { Button } from "@/components/ui/button";\nexport const b = Button;\n`)).toHaveLength(1);
  });
});

describe("services", () => {
  it("never import a provider's own folder", async () => {
    expect(await boundaryErrors("lib/server/services/example.ts", `import { wshotoAdapter } from "../../providers/wshoto";\nexport const a = wshotoAdapter;\n`)).toEqual([
      expect.stringContaining("Services use providers through"),
    ]);
    expect(await boundaryErrors("lib/server/services/tasks/example.ts", `import type { X } from "../../../providers/yunfu/wire";\nexport type Y = X;\n`)).toHaveLength(1);
    expect(await boundaryErrors("lib/server/services/example.ts", `import { m } from "@/lib/providers/nxcloud/mapping";\nexport const n = m;\n`)).toHaveLength(1);
  });

  it("beside lib/server/services too: the numbers and mirror services never import a provider's own folder", async () => {
    expect(await boundaryErrors("lib/server/numbers/example.ts", `import { nxcloudAdapter } from "../../providers/nxcloud";\nexport const a = nxcloudAdapter;\n`)).toEqual([
      expect.stringContaining("Services use providers through"),
    ]);
    expect(await boundaryErrors("lib/server/mirror/example.ts", `import { wshotoClient } from "../../providers/wshoto/client";\nexport const c = wshotoClient;\n`)).toHaveLength(1);
    // Their tests and test helpers drive real providers.
    expect(await boundaryErrors("lib/server/mirror/example.test.ts", `import { nxcloudAdapter } from "../../providers/nxcloud";\nexport const a = nxcloudAdapter;\n`)).toEqual([]);
  });

  it("use the adapter interface, the registry and the shared plumbing", async () => {
    const ok = [
      `import { adapterFor } from "../../providers/registry";`,
      `import { ProviderError } from "../../providers/errors";`,
      `import { createOnce } from "../../providers/create-once";`,
      `import type { ProviderAdapter } from "../../providers/types";`,
      `export const all: [typeof adapterFor, typeof ProviderError, typeof createOnce, ProviderAdapter | null] = [adapterFor, ProviderError, createOnce, null];`,
    ].join("\n");
    expect(await boundaryErrors("lib/server/services/example.ts", `${ok}\n`)).toEqual([]);
  });
});

describe("lib/contracts", () => {
  const file = "lib/contracts/example.ts";

  it("imports zod, lib/domain and provider types only", async () => {
    const ok = [
      `import { z } from "zod";`,
      `import { isIsoDate } from "../domain/call-time-group";`,
      `import type { ProviderKind } from "../providers/types";`,
      `import type { ActionFailure } from "./errors";`,
      `export const all: [typeof z, typeof isIsoDate, ProviderKind | null, ActionFailure | null] = [z, isIsoDate, null, null];`,
    ].join("\n");
    expect(await boundaryErrors(file, `${ok}\n`)).toEqual([]);
  });

  it("never imports server code, UI code or a provider's values", async () => {
    expect(await boundaryErrors(file, `import { AppError } from "../server/errors";\nexport const e = AppError;\n`)).toEqual([
      expect.stringContaining("lib/contracts imports only zod, lib/domain and lib/providers types"),
    ]);
    expect(await boundaryErrors(file, `import { useState } from "react";\nexport const s = useState;\n`)).toHaveLength(1);
    expect(await boundaryErrors(file, `import { adapterFor } from "../providers/registry";\nexport const a = adapterFor;\n`)).toEqual([
      expect.stringContaining("for types only"),
    ]);
  });
});

describe("the lower layers (unchanged rules)", () => {
  it("lib/domain and lib/providers never import lib/server", async () => {
    expect(await boundaryErrors("lib/domain/example.ts", `import { getDb } from "../server/db";\nexport const d = getDb;\n`)).toHaveLength(1);
    expect(await boundaryErrors("lib/providers/example/client.ts", `import { getDb } from "../../server/db";\nexport const d = getDb;\n`)).toHaveLength(1);
  });
});

describe("one way to translate (lib/domain, components, app)", () => {
  const translationErrors = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
  };

  it("refuses a text written out in both languages", async () => {
    expect(await translationErrors("lib/domain/example.ts", `export const t = { en: "Name is required", zh: "请填写名称" };\n`)).toEqual([
      expect.stringContaining("One way to translate"),
    ]);
    expect(await translationErrors("app/(app)/example/page.tsx", "export const t = (n: number) => ({ en: `${n} tasks`, zh: `${n} 个任务` });\n")).toHaveLength(1);
  });

  it("refuses a choice on the language", async () => {
    const code = `export const sep = (lang: string) => (lang === "zh" ? "、" : ", ");\nexport const tag = (locale: string) => ("zh-CN" === locale ? "zh" : "en");\n`;
    expect(await translationErrors("components/ui/example.tsx", code)).toHaveLength(2);
  });

  it("lets a text made from data or formatters through", async () => {
    const code = `export const split = (en: string, zh: string) => ({ en: en.trim(), zh: zh.trim() });\n`;
    expect(await translationErrors("lib/domain/example.ts", code)).toEqual([]);
  });
});
