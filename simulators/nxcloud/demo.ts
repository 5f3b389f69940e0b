// Demo account of the embedded NXCloud simulator. Obviously fake values; the simulator accepts only these.
export const DEMO_CREDENTIALS: Record<string, string> = {
  uuid: "demo-nxcloud-uuid-0000000000000001",
  secretKey: "demo-nxcloud-secret-not-a-real-key",
  algorithm: "MD5",
};

export const DEMO_SETTINGS: Record<string, string> = {
  sceneID: "scene-demo-huifang",
  routeID: "route-demo-01",
};
