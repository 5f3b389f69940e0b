// The account and user forms show a schema's refusal by looking its message up in the `forms` catalog. So every
// refusal the shared schemas can make must be a key there, in both languages, with the values the form passes.
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import en from "@/messages/en/forms.json";
import zh from "@/messages/zh-CN/forms.json";
import { ACCOUNT_FIELD_MAX, ACCOUNT_FIELDS_MAX, ACCOUNT_MESSAGE_VALUES, ZAccountInput } from "./accounts";
import { USER_MESSAGE_VALUES, ZFirstAdmin, ZNewUser } from "./users";

function refusals(schema: z.ZodType, input: unknown): { path: string; message: string }[] {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

/** Each refusal's text in both languages, as the form shows it; fails on a message the catalog lacks. */
function shown(refused: { message: string }[], values: Record<string, number>): { en: string; zh: string }[] {
  const onError = (error: Error) => {
    throw error;
  };
  type Translate = (key: string, values: Record<string, number>) => string;
  const tEn = createTranslator({ locale: "en", messages: en, onError }) as unknown as Translate;
  const tZh = createTranslator({ locale: "zh-CN", messages: zh, onError }) as unknown as Translate;
  return refused.map(({ message }) => ({ en: tEn(message, values), zh: tZh(message, values) }));
}

const account = {
  kind: "nxcloud",
  name: "NX main",
  baseUrl: "https://nxbot.nxcloud.com",
  credentials: { uuid: "u", secretKey: "" },
  settings: {},
  enabled: true,
};

describe("the account schema (form and server action)", () => {
  it("accepts a good account, trimmed", () => {
    expect(ZAccountInput.parse({ ...account, name: "  NX main ", baseUrl: " https://nxbot.nxcloud.com " })).toMatchObject({
      name: "NX main",
      baseUrl: "https://nxbot.nxcloud.com",
    });
  });

  it("refuses each bad value on its field with a message the catalog has in both languages", () => {
    const bad = {
      kind: "",
      name: " ",
      baseUrl: "ftp:/nowhere",
      credentials: { secretKey: "x".repeat(ACCOUNT_FIELD_MAX + 1) },
      settings: Object.fromEntries(Array.from({ length: ACCOUNT_FIELDS_MAX + 1 }, (_, i) => [`k${i}`, ""])),
    };
    const refused = refusals(ZAccountInput, bad);
    expect(refused.map((r) => r.path)).toEqual(["kind", "name", "baseUrl", "credentials.secretKey", "settings"]);
    const texts = shown(refused, ACCOUNT_MESSAGE_VALUES);
    expect(texts[1]).toEqual({ en: "Enter a name (up to 60 characters).", zh: "请输入名称（最多 60 个字符）。" });
    expect(texts[2].zh).toContain("http://");
    expect(texts[3].en).toContain("2,000");
  });

  it("refuses a name over the limit and a URL too long to be one", () => {
    const refused = refusals(ZAccountInput, { ...account, name: "n".repeat(61), baseUrl: `https://example.com/${"a".repeat(500)}` });
    expect(refused.map((r) => [r.path, r.message])).toEqual([
      ["name", "account.name"],
      ["baseUrl", "account.baseUrl"],
    ]);
  });
});

describe("the user schemas (users page, setup page and their actions)", () => {
  it("accepts a good user, with the email trimmed and lowercased", () => {
    expect(ZNewUser.parse({ name: "Zhang Min", email: " Zhang.Min@Dialboard.test ", password: "viewer-pass-1", role: "viewer" })).toMatchObject({
      email: "zhang.min@dialboard.test",
    });
  });

  it("refuses each bad value on its field with a message the catalog has in both languages", () => {
    const refused = refusals(ZNewUser, { name: "", email: "not-an-email", password: "short", role: "owner" });
    expect(refused.map((r) => r.path)).toEqual(["name", "email", "password", "role"]);
    expect(shown(refused, USER_MESSAGE_VALUES)).toEqual([
      { en: "Enter a name (up to 80 characters).", zh: "请输入姓名（最多 80 个字符）。" },
      { en: "Enter a valid email address.", zh: "请输入有效的邮箱地址。" },
      { en: "Use 10 to 128 characters.", zh: "请使用 10 到 128 个字符。" },
      { en: "Choose a role.", zh: "请选择角色。" },
    ]);
    expect(refusals(ZFirstAdmin, { name: "Li Wei", email: "li@x.test", password: "p".repeat(129) }).map((r) => r.message)).toEqual(["user.password"]);
  });
});
