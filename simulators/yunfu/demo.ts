// Demo account of the embedded Yunfu simulator. Obviously fake values: they open nothing but the
// local simulator.

export const DEMO_CREDENTIALS: Record<string, string> = {
  token: "yunfu-demo-token-for-the-local-simulator",
  // The callback token: the demo callback URL carries it as ?token=, so demo callbacks verify like real ones.
  callbackSecret: "yunfu-demo-callback-token",
};

export const DEMO_SETTINGS: Record<string, string> = {
  userId: "d1a1b0a2-0000-4000-8000-00000000de30",
  weekBase: "monday",
};
