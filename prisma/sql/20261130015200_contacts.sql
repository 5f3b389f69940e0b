-- Numbers (issue 13): contact lists, do-not-call, the per-number ledger, durable jobs, organisation settings.
-- Portable SQL rendered for both databases (scripts/render-migrations.ts).

-- One number's calls across every task and provider (the number timeline, contact caps).
CREATE INDEX "CallRecord_phone_startedAt_idx" ON "CallRecord"("phone", "startedAt");

CREATE TABLE "ContactList" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "defaultCountry" TEXT NOT NULL DEFAULT 'CN',
    "variables" TEXT NOT NULL DEFAULT '[]',
    "mapping" TEXT NOT NULL DEFAULT '{}',
    "size" INTEGER NOT NULL DEFAULT 0,
    "nextSeq" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
CREATE INDEX "ContactList_name_idx" ON "ContactList"("name");

-- (listId, seq) keeps file order and is the send cursor; (listId, phone) dedupes a list at insert time.
CREATE TABLE "Contact" (
    "listId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "phone" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "variables" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Contact_pkey" PRIMARY KEY ("listId", "seq"),
    CONSTRAINT "Contact_listId_fkey" FOREIGN KEY ("listId") REFERENCES "ContactList" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Contact_listId_phone_key" ON "Contact"("listId", "phone");

CREATE TABLE "DncEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "phone" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "expiresAt" DATETIME,
    "createdById" TEXT,
    "createdByEmail" TEXT NOT NULL DEFAULT 'system',
    "source" TEXT NOT NULL DEFAULT 'manual',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "DncEntry_phone_scope_key" ON "DncEntry"("phone", "scope");
CREATE INDEX "DncEntry_scope_createdAt_idx" ON "DncEntry"("scope", "createdAt");

-- The ledger: (taskId, phone) for the numbers tab, phone alone for "what happened to this number".
CREATE TABLE "TaskNumber" (
    "taskId" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastOutcome" TEXT,
    "lastCallAt" DATETIME,
    "orderId" TEXT,
    "reason" TEXT,
    "sendJobId" TEXT,
    "batchNo" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TaskNumber_pkey" PRIMARY KEY ("taskId", "phone"),
    CONSTRAINT "TaskNumber_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "TaskNumber_phone_idx" ON "TaskNumber"("phone");
CREATE INDEX "TaskNumber_taskId_state_phone_idx" ON "TaskNumber"("taskId", "state", "phone");
CREATE INDEX "TaskNumber_sendJobId_batchNo_idx" ON "TaskNumber"("sendJobId", "batchNo");

CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "params" TEXT NOT NULL,
    "cursor" TEXT NOT NULL DEFAULT '{}',
    "listId" TEXT,
    "taskId" TEXT,
    "unitsDone" REAL NOT NULL DEFAULT 0,
    "unitsTotal" REAL NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "stored" INTEGER NOT NULL DEFAULT 0,
    "problems" INTEGER NOT NULL DEFAULT 0,
    "problemCounts" TEXT NOT NULL DEFAULT '{}',
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "error" TEXT,
    "createdById" TEXT,
    "createdByEmail" TEXT NOT NULL DEFAULT 'system',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    "runMs" REAL NOT NULL DEFAULT 0
);
CREATE INDEX "Job_state_createdAt_idx" ON "Job"("state", "createdAt");
CREATE INDEX "Job_listId_createdAt_idx" ON "Job"("listId", "createdAt");
CREATE INDEX "Job_taskId_createdAt_idx" ON "Job"("taskId", "createdAt");

CREATE TABLE "JobProblem" (
    "jobId" TEXT NOT NULL,
    "row" INTEGER NOT NULL,
    "phone" TEXT,
    "reason" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}',
    "raw" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "JobProblem_pkey" PRIMARY KEY ("jobId", "row"),
    CONSTRAINT "JobProblem_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "JobProblem_jobId_reason_idx" ON "JobProblem"("jobId", "reason");

CREATE TABLE "OrgSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
