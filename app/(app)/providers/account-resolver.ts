// Imported dynamically by the account form (components/ui/lazy-resolver.ts): zod and the schema load on the
// form's first check, not with the page.
import { zodResolver } from "@hookform/resolvers/zod";
import { ZAccountInput } from "@/lib/contracts/accounts";

export const accountResolver = zodResolver(ZAccountInput);
