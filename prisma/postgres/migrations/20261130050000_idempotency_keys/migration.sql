-- idempotency_keys: one row per submit of a write that must happen once (today the task wizard's create),
-- replacing the JSON claims that were stored in "JobLease"."owner". The primary key makes two concurrent
-- submits of one key collide in the database.
CREATE TABLE "IdempotencyKey" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "result" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("scope", "key")
);
CREATE INDEX "IdempotencyKey_expiresAt_idx" ON "IdempotencyKey"("expiresAt");

-- Claims left by the old scheme are short-lived bookkeeping, not data: a key still in use is claimed anew.
DELETE FROM "JobLease" WHERE "name" LIKE 'task-create:%';
