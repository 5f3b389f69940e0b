// Imported dynamically by the task wizard (components/ui/lazy-resolver.ts): zod and the schema load on the
// wizard's first step check, not with the page.
import { zodResolver } from "@hookform/resolvers/zod";
import { ZTaskWizardInput } from "@/lib/contracts/task-write";

export const wizardResolver = zodResolver(ZTaskWizardInput);
