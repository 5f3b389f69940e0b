// Imported dynamically by the new-user form (components/ui/lazy-resolver.ts): zod and the schema load on the
// form's first check, not with the page.
import { zodResolver } from "@hookform/resolvers/zod";
import { ZNewUser } from "@/lib/contracts/users";

export const newUserResolver = zodResolver(ZNewUser);
