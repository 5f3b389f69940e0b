import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/server/session";
import { listUsers } from "@/lib/server/services/users";
import { UsersTable } from "./users-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("users.title") };
}

export default async function UsersPage() {
  const actor = await requirePageActor("admin");
  const t = await getTranslations();
  const users = await listUsers();
  return (
    <>
      <PageHeader title={t("users.title")} />
      <UsersTable users={users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() }))} currentUserId={actor.id} />
    </>
  );
}
