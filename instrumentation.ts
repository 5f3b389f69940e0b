// Next.js calls register() once when a server instance starts. The mirror's scheduler runs in the Node.js
// runtime only (Prisma and the provider clients need it); the edge runtime has nothing to schedule.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { embeddedMode } = await import("./lib/server/config");
  if (embeddedMode()) {
    // The embedded demo: example call-time groups and retry strategies on a fresh install, so the wizard
    // has something to pick the minute the product starts (each seeds only while none ever existed).
    const { logger } = await import("./lib/server/logger");
    try {
      const { ensureDemoCallTimeGroups } = await import("./lib/server/services/call-time-groups");
      const { ensureDemoRetryStrategies } = await import("./lib/server/services/retry-strategies");
      await ensureDemoCallTimeGroups();
      await ensureDemoRetryStrategies();
    } catch (e) {
      logger.error({ err: (e as Error).message }, "demo seed failed");
    }
  }
  // One-time data step (issue 12): secrets an older version kept among plain account settings move into
  // the encrypted credentials before any page can show them.
  try {
    const { moveSecretsOutOfSettings } = await import("./lib/server/services/provider-accounts");
    await moveSecretsOutOfSettings();
    // Webhook requests kept because an older parser could not read them are read again after an upgrade.
    const { replayUnparsed } = await import("./lib/server/mirror/webhooks");
    await replayUnparsed();
  } catch (e) {
    const { logger } = await import("./lib/server/logger");
    logger.error({ err: (e as Error).message }, "start-up data steps failed");
  }
  const { startMirrorScheduler } = await import("./lib/server/mirror/scheduler");
  startMirrorScheduler();
  // Durable jobs (imports, sends): this instance claims and resumes them, including ones a crash interrupted.
  const { startJobRunner } = await import("./lib/server/numbers/jobs");
  startJobRunner();
}
