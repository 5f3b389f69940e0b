import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { roleAtLeast } from "@/lib/server/roles";
import { listHolidayDays, listHolidayYears } from "@/lib/server/services/holiday-calendar";
import { requirePageActor } from "@/lib/server/session";
import { HolidayAdmin } from "./holiday-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("timeGroups"))("holidays.title") };
}

export default async function HolidaysPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const t = await getTranslations("timeGroups");
  const years = await listHolidayYears();
  const asked = Number((await searchParams).year);
  const thisYear = new Date().getUTCFullYear();
  const year = years.some((y) => y.year === asked)
    ? asked
    : years.some((y) => y.year === thisYear)
      ? thisYear
      : (years[0]?.year ?? thisYear);
  const days = await listHolidayDays(year);
  return (
    <>
      <PageHeader title={t("holidays.title")} description={t("holidays.description")} />
      <HolidayAdmin
        key={year}
        years={years.map((y) => ({ ...y, updatedAt: y.updatedAt.toISOString() }))}
        year={year}
        days={days}
        canEdit={roleAtLeast(actor.role, "admin")}
      />
    </>
  );
}
