// Imported dynamically by the setup form (components/ui/lazy-resolver.ts): zod and the schema load on the
// form's first check, not with the page.
import { zodResolver } from "@hookform/resolvers/zod";
import { ZFirstAdmin } from "@/lib/contracts/users";

export const firstAdminResolver = zodResolver(ZFirstAdmin);
