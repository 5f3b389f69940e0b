-- security (issue 12): private-network opt-in per provider account, webhook delivery ids for replay refusal,
-- bounded apply attempts and unparsed (kept raw) events in the inbox.
ALTER TABLE "ProviderAccount" ADD COLUMN "allowPrivateNetwork" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "WebhookEvent" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "WebhookEvent" ADD COLUMN "failedAt" DATETIME;
ALTER TABLE "WebhookEvent" ADD COLUMN "unparsed" BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX "WebhookEvent_accountId_unparsed_appliedAt_idx" ON "WebhookEvent"("accountId", "unparsed", "appliedAt");

CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "bodyHash" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebhookDelivery_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ProviderAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "WebhookDelivery_accountId_deliveryId_key" ON "WebhookDelivery"("accountId", "deliveryId");
CREATE INDEX "WebhookDelivery_receivedAt_idx" ON "WebhookDelivery"("receivedAt");
