// Issue 11's acceptance: ESLint fails when the NXCloud simulator imports a client's signer, mapping, client,
// adapter or schemas; a type of a documented payload is allowed.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

async function problems(code: string): Promise<string[]> {
  const [result] = await new ESLint().lintText(code, { filePath: "simulators/nxcloud/probe.ts" });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("the NXCloud simulator's import boundary", () => {
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
