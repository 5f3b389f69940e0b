import { AppShell } from "./app-shell";
import { requirePageActor } from "@/lib/server/session";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  return <AppShell user={{ name: actor.name, email: actor.email, role: actor.role }}>{children}</AppShell>;
}
