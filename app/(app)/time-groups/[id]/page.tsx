import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/server/errors";
import { roleAtLeast } from "@/lib/server/roles";
import { getCallTimeGroup, type StoredCallTimeGroup } from "@/lib/server/services/call-time-groups";
import { requirePageActor } from "@/lib/server/session";
import { editorData } from "../editor-data";
import { GroupEditor } from "../group-editor";

async function load(id: string): Promise<StoredCallTimeGroup> {
  try {
    return await getCallTimeGroup(id);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: (await load((await params).id)).name };
}

export default async function CallTimeGroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor();
  const { id: groupId } = await params;
  const { id, ...group } = await load(groupId);
  const data = await editorData((await searchParams).from);
  return <GroupEditor key={id} id={id} initial={group} readOnly={!roleAtLeast(actor.role, "manager")} {...data} />;
}
