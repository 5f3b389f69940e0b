// Demo credentials the embedded WShoto simulator accepts. Obviously fake; fine to commit.
export const DEMO_CREDENTIALS: Record<string, string> = {
  appid: "ww-demo-dialboard",
  appSecret: "demo-wshoto-app-secret-not-real",
};

export const DEMO_SETTINGS: Record<string, string> = {};
