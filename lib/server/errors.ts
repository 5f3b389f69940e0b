// Expected errors a user can act on. Anything else is logged and shown as a generic message (STYLE.md).
import type { ActionFailure, AppErrorCode } from "../contracts/errors";
import type { LocalizedText } from "../domain/call-time-group";

const DEFAULTS: Record<AppErrorCode, LocalizedText> = {
  UNAUTHORIZED: { en: "Please sign in.", zh: "请先登录。" },
  FORBIDDEN: { en: "Your role does not allow this.", zh: "您的角色无权执行此操作。" },
  NOT_FOUND: { en: "It no longer exists.", zh: "该记录不存在。" },
  ALREADY_EXISTS: { en: "That already exists.", zh: "该记录已存在。" },
  INVALID: { en: "Some values are not valid.", zh: "部分填写内容无效。" },
  CONFLICT: { en: "It was changed meanwhile; reload and try again.", zh: "数据已被修改，请刷新后重试。" },
  PROVIDER: { en: "The provider refused the request.", zh: "服务商拒绝了请求。" },
  SETUP_DONE: { en: "An administrator already exists.", zh: "管理员已存在。" },
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: LocalizedText;
  /** Field or day the message belongs to, e.g. "weekly.2" or "email". */
  readonly field?: string;

  constructor(code: AppErrorCode, userMessage?: LocalizedText, field?: string) {
    super(userMessage?.en ?? DEFAULTS[code].en);
    this.name = "AppError";
    this.code = code;
    this.userMessage = userMessage ?? DEFAULTS[code];
    this.field = field;
  }
}

/** Prisma's unique-constraint violation, turned into ALREADY_EXISTS at the service boundary (STYLE.md, documenso). */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}

export const GENERIC_FAILURE: ActionFailure = {
  code: "INTERNAL",
  message: { en: "Something went wrong. It has been logged; try again.", zh: "出现错误，已记录，请重试。" },
};
