import { describe, expect, it } from "vitest";
import { fieldErrorText, placeActionErrors, SERVER_ERROR, type FormTranslate } from "./form-errors";

const catalog: Record<string, string> = { invalid: "Check this value.", checkForm: "Check the values marked below.", "user.email": "Enter a valid email address." };
const t = Object.assign((key: string) => catalog[key], { has: (key: string) => key in catalog }) as FormTranslate;

function recorder() {
  const placed: Record<string, { type: string; message?: string }> = {};
  const setError = (name: string, error: { type: string; message?: string }) => {
    placed[name] = error;
  };
  return { placed, setError };
}

describe("fieldErrorText", () => {
  it("shows a schema message in the catalog's words and a server's message as it came", () => {
    expect(fieldErrorText({ type: "invalid_format", message: "user.email" }, t)).toBe("Enter a valid email address.");
    expect(fieldErrorText({ type: SERVER_ERROR, message: "该邮箱已被使用。" }, t)).toBe("该邮箱已被使用。");
    expect(fieldErrorText({ type: "custom", message: "not-a-key" }, t)).toBe("Check this value.");
    expect(fieldErrorText(undefined, t)).toBeUndefined();
  });
});

describe("placeActionErrors", () => {
  it("puts a refusal about a field on that field, in the user's language", () => {
    const { placed, setError } = recorder();
    const answer = { serverError: { code: "ALREADY_EXISTS" as const, message: { en: "A user with this email already exists.", zh: "该邮箱已被使用。" }, field: "email" } };
    expect(placeActionErrors(answer, setError as never, "zh-CN", t)).toBeNull();
    expect(placed.email).toEqual({ type: SERVER_ERROR, message: "该邮箱已被使用。" });
  });

  it("returns a refusal about no field for a notice", () => {
    const { placed, setError } = recorder();
    const answer = { serverError: { code: "SETUP_DONE" as const, message: { en: "An administrator already exists.", zh: "管理员已存在。" } } };
    expect(placeActionErrors(answer, setError as never, "en", t)).toBe("An administrator already exists.");
    expect(placed).toEqual({});
  });

  it("places the server's own validation on the fields and says so above the form", () => {
    const { placed, setError } = recorder();
    const answer = { validationErrors: { formErrors: [], fieldErrors: { email: ["user.email"] } } };
    expect(placeActionErrors(answer, setError as never, "en", t)).toBe("Check the values marked below.");
    expect(placed.email).toEqual({ type: "validate", message: "user.email" });
  });

  it("does nothing when nothing failed", () => {
    const { setError } = recorder();
    expect(placeActionErrors({}, setError as never, "en", t)).toBeNull();
  });
});
