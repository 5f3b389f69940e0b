// Issue 11 §1: the simulator may not reuse the client it is meant to check. ESLint (eslint.config.js) refuses a value
// import from lib/providers in simulators/aliyun-vms, and lets `import type` of documented payloads through.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });
const probe = "simulators/aliyun-vms/actions/probe.ts";

async function errorsOf(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: probe });
  return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

describe("simulator independence (lint)", () => {
  it("refuses the client's signer, mapping, client, adapter and request schemas", async () => {
    for (const code of [
      'import { signRpc } from "../../../lib/providers/aliyun-vms/sign";\nexport const x = signRpc;\n',
      'import { encodeTimeConditions } from "../../../lib/providers/aliyun-vms/mapping";\nexport const x = encodeTimeConditions;\n',
      'import { callAction } from "../../../lib/providers/aliyun-vms/client";\nexport const x = callAction;\n',
      'import { aliyunVmsAdapter } from "@/lib/providers/aliyun-vms";\nexport const x = aliyunVmsAdapter;\n',
      'import { ZRetryStrategyBasic } from "@/lib/providers/aliyun-vms/wire";\nexport const x = ZRetryStrategyBasic;\n',
    ]) {
      expect(await errorsOf(code), code).toContain("@typescript-eslint/no-restricted-imports");
    }
  });

  it("allows types of documented payloads", async () => {
    expect(await errorsOf('import type { TTaskProperty } from "../../../lib/providers/aliyun-vms/wire";\nexport type X = TTaskProperty;\n')).toEqual([]);
  });
});
