-- overview_indexes: the overview reads every live task's counters and the latest tasks of a status (issue 14
-- goal 3). The counters index holds every column that pass reads (services/stats/overview.ts taskCounters), so
-- SQLite answers it from the index alone instead of decoding every task row; status + statusAt gives the
-- attention lists their latest 50 in index order instead of sorting all running tasks. The second replaces the
-- status-only index, which is its prefix.
CREATE INDEX "Task_overview_counters_idx" ON "Task"("goneAt", "status", "accountId", "callTimeGroupId", "lastSyncAt", "createdAt", "totalCalls", "answeredCalls", "totalOrders", "finishedOrders");
DROP INDEX "Task_status_idx";
CREATE INDEX "Task_status_statusAt_idx" ON "Task"("status", "statusAt");
