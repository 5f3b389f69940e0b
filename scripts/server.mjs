// The HTTP server in front of Next (started by scripts/start.ts). It does one thing `next start` cannot: it
// writes the TCP peer's address into x-dialboard-client-ip, replacing any copy a client sent, so sign-in
// throttling can key on the real client (lib/server/login-throttle.ts) rather than on a client-chosen
// X-Forwarded-For. Behind a reverse proxy you control, set DIALBOARD_TRUSTED_IP_HEADER instead.
//   node scripts/server.mjs [--dev]     PORT, HOST as for `next start`
import { createServer } from "node:http";
import path from "node:path";
import next from "next";

const CLIENT_IP_HEADER = "x-dialboard-client-ip";
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";

const app = next({ dev, hostname, port, dir: path.resolve(import.meta.dirname, "..") });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "";
  void handle(req, res);
});
if (dev) {
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (req, socket, head) => void upgrade(req, socket, head));
}
server.listen(port, hostname, () => console.log(`Next ${dev ? "dev" : "production"} server on http://${hostname}:${port}`));

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
