// A second app process for import-resume.db.test.ts: runs one import job against the same database (its
// lease lives 1 s, so the parent can take over soon after killing this process mid-import).
import { getDb } from "../db";
import { runJob } from "./jobs";

const jobId = process.argv[2];
await getDb().job.count();
process.stdout.write("ready\n");
await runJob(jobId, { leaseTtlMs: 1_000 });
process.stdout.write("finished\n");
await getDb().$disconnect();
process.exit(0);
