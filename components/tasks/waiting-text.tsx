"use client";
// What a task waits for, in words, on the task page (full sentence), the tasks list and the overview
// (short form). The reason comes from the server (lib/server/services/tasks/waiting.ts); "in 35 min" is
// counted from the time the server computed it, so server and browser render the same text.
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { localize } from "@/i18n/locales";
import { holidayNameText } from "@/lib/domain/holiday-names";
import type { WaitingView } from "@/lib/contracts/task-state";

export function WaitingText({ waiting, at, short = false }: { waiting: WaitingView; at: string; short?: boolean }) {
  const t = useTranslations("tasks.waiting");
  const format = useFormatter();
  const locale = useLocale();
  const now = new Date(at);
  const when = (iso: string) => format.dateTime(new Date(iso), { weekday: "short", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
  const inTime = (iso: string) => format.relativeTime(new Date(iso), now);

  if (short) {
    switch (waiting.kind) {
      case "outside-window":
      case "holiday":
        return <>{t(`short.${waiting.kind}`, { when: waiting.nextWindow ? when(waiting.nextWindow) : "—" })}</>;
      default:
        return <>{t(`short.${waiting.kind}`)}</>;
    }
  }
  switch (waiting.kind) {
    case "outside-window":
      return <>{waiting.nextWindow ? t("outside-window", { when: when(waiting.nextWindow), in: inTime(waiting.nextWindow) }) : t("outside-window-none")}</>;
    case "holiday": {
      const name = waiting.name ? localize(holidayNameText(waiting.name), locale) : "";
      return <>{waiting.nextWindow ? t("holiday", { name, when: when(waiting.nextWindow), in: inTime(waiting.nextWindow) }) : t("holiday-none", { name })}</>;
    }
    case "provider-unreachable":
      return <>{waiting.since ? t("provider-unreachable", { since: when(waiting.since) }) : t("provider-unreachable-unknown")}</>;
    default:
      return <>{t(waiting.kind)}</>;
  }
}
