// next-intl's useLocale() / getLocale() return the app's Locale ("zh-CN" | "en"), not a bare string.
import type { Locale } from "../lib/domain/text";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
  }
}
