-- task_status_changed_at: when a task's status last became what it is (issue 15 point 3). "statusAt" stays the
-- out-of-order guard that every confirming report moves forward; the page's "status since" reads this column.
ALTER TABLE "Task" ADD COLUMN "statusChangedAt" DATETIME;
-- Existing rows: the best we know is the guard's stamp.
UPDATE "Task" SET "statusChangedAt" = "statusAt";
