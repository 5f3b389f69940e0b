-- call_record_task_phone_index: the ledger reads a batch's numbers' calls within one task (numbers/ledger.ts
-- recordLedgerCalls, on every webhook apply and ledger page of a sync). With only (taskId, startedAt) and
-- (phone, startedAt), SQLite's planner (no statistics) took the first and read every call of the task for each
-- batch: a cost that grew with the task. (taskId, phone) answers it with one lookup per number.
CREATE INDEX "CallRecord_taskId_phone_idx" ON "CallRecord"("taskId", "phone");
