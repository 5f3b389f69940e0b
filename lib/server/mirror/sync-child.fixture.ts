// A second app instance for lease.db.test.ts: a separate Node process that syncs one account against the
// same database when told "go" on stdin, and prints its SyncResult as JSON.
import { createInterface } from "node:readline";
import { getDb } from "../db";
import { syncAccount } from "./sync";

const accountId = process.argv[2];
// Connect before the race starts, so both processes start from the same line.
await getDb().providerAccount.count();
process.stdout.write("ready\n");
for await (const line of createInterface({ input: process.stdin })) if (line.trim() === "go") break;
const result = await syncAccount(accountId, { trigger: "schedule" });
process.stdout.write(`${JSON.stringify(result)}\n`);
await getDb().$disconnect();
process.exit(0);
