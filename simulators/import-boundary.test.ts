// Issue 11's acceptance: ESLint fails when a simulator imports a client's signer, mapping, client, adapter or
// schemas; a type of a documented payload is allowed. Every simulator folder is held to it.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

async function problems(code: string, kind = "nxcloud"): Promise<string[]> {
  const [result] = await new ESLint().lintText(code, { filePath: `simulators/${kind}/probe.ts` });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("the simulators' import boundary", () => {
  it("holds for every provider's simulator", async () => {
    for (const kind of ["nxcloud", "aliyun-vms", "yunfu", "wshoto"]) {
      const found = await problems(`import { x } from "../../lib/providers/${kind}/client";\nexport const y = x;\n`, kind);
      expect(found.some((p) => p.startsWith("@typescript-eslint/no-restricted-imports")), kind).toBe(true);
    }
  }, 60_000);

  it("refuses values from the client, by relative or alias path", async () => {
    for (const from of ["../../lib/providers/nxcloud/sign", "../../lib/providers/nxcloud/mapping", "@/lib/providers/nxcloud/wire", "../../lib/providers/nxcloud"]) {
      const found = await problems(`import { x } from "${from}";\nexport const y = x;\n`);
      expect(found.some((p) => p.startsWith("@typescript-eslint/no-restricted-imports")), from).toBe(true);
    }
  }, 60_000);

  it("allows the documented payload types", async () => {
    expect(await problems(`import type { TNxFuncFlag } from "../../lib/providers/nxcloud/wire";\nexport type F = TNxFuncFlag;\n`)).toEqual([]);
  }, 60_000);
});
