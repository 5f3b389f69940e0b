-- provider_account_warning: a condition on a provider account worth a manager's attention that did not fail
-- the operation (e.g. NXCloud answers not signed as its documents describe), shown on the Providers page.
ALTER TABLE "ProviderAccount" ADD COLUMN "warningCode" TEXT;
ALTER TABLE "ProviderAccount" ADD COLUMN "warningMessage" TEXT;
ALTER TABLE "ProviderAccount" ADD COLUMN "warningAt" TIMESTAMP(3);
