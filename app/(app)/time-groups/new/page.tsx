import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DEFAULT_TIME_ZONE, emptyWeek, type CallTimeGroup } from "@/lib/domain/call-time-group";
import { requirePageActor } from "@/lib/server/session";
import { editorData } from "../editor-data";
import { GroupEditor } from "../group-editor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("timeGroups"))("editor.newTitle") };
}

export default async function NewCallTimeGroupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageActor("manager");
  const data = await editorData((await searchParams).from);
  // Starts with no hours so the manager paints exactly what they mean; holidays are skipped by
  // default because dialling on a statutory holiday is the costlier mistake.
  const blank: CallTimeGroup = {
    name: "",
    timeZone: DEFAULT_TIME_ZONE,
    weekly: emptyWeek(),
    skipHolidays: true,
    makeUpDayAs: null,
    overrides: [],
    isDefault: false,
  };
  return <GroupEditor id={null} initial={blank} readOnly={false} {...data} />;
}
