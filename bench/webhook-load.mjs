// The load side of bench/webhooks.bench.ts, in its own process (the server under test gets no CPU from it
// beyond what the machine shares): autocannon posts every delivery of a JSON file once, in order, over
// `connections` kept-alive connections, and prints what it measured as one JSON line.
//   node bench/webhook-load.mjs <base url> <deliveries.json> <connections>
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";

const [base, file, connections] = process.argv.slice(2);
const deliveries = JSON.parse(readFileSync(file, "utf8"));
let next = 0;
const statuses = {};
// The run's own span, first request prepared to last answer read: autocannon checks for the end of an
// `amount` run only when it takes a sample (every `sampleInt`, 1 s by default), so its start–finish is the
// true span rounded up to the next whole second (11,000 requests in 1.2 s or in 1.9 s both read as 2.0 s).
let firstAt = 0;
let lastAt = 0;
const result = await autocannon({
  url: base,
  connections: Number(connections),
  amount: deliveries.length,
  timeout: 30,
  requests: [
    {
      method: "POST",
      setupRequest: (req) => {
        if (firstAt === 0) firstAt = performance.now();
        const d = deliveries[next++ % deliveries.length];
        return { ...req, path: d.path, body: d.body, headers: d.headers };
      },
      onResponse: (status) => {
        lastAt = performance.now();
        statuses[status] = (statuses[status] ?? 0) + 1;
      },
    },
  ],
});
process.stdout.write(
  JSON.stringify({
    sent: result.requests.total,
    seconds: (lastAt - firstAt) / 1000,
    autocannonSeconds: (new Date(result.finish).getTime() - new Date(result.start).getTime()) / 1000,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
  }) + "\n",
);
