// Next.js calls register() once when a server instance starts. The mirror's scheduler runs in the Node.js
// runtime only (Prisma and the provider clients need it); the edge runtime has nothing to schedule.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startMirrorScheduler } = await import("./lib/server/mirror/scheduler");
    startMirrorScheduler();
  }
}
