import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProviderError } from "./errors";
import { sendWithRetry } from "./http";
import { checkOutboundUrl, classifyAddress } from "./outbound";

describe("classifyAddress", () => {
  it("forbids link-local and metadata addresses, in every spelling", () => {
    for (const ip of ["169.254.169.254", "169.254.0.1", "100.100.100.200", "fe80::1", "FE80::abcd%eth0", "febf::1", "::ffff:169.254.169.254", "::ffff:a9fe:a9fe", "[fe80::1]", "224.0.0.1", "ff02::1", "not an ip"]) {
      expect(classifyAddress(ip), ip).toBe("forbidden");
    }
  });

  it("calls loopback and private ranges private, the rest public", () => {
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "0.0.0.0", "::1", "::", "fd00:ec2::254", "::ffff:127.0.0.1", "[::1]"]) {
      expect(classifyAddress(ip), ip).toBe("private");
    }
    for (const ip of ["8.8.8.8", "172.32.0.1", "101.100.100.200", "47.96.0.1", "2408:4000::1", "::ffff:8.8.8.8"]) {
      expect(classifyAddress(ip), ip).toBe("public");
    }
  });
});

describe("checkOutboundUrl", () => {
  const resolvesTo = (address: string) => async () => [{ address }];
  const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof ProviderError ? e.code : String(e)));

  it("refuses metadata hosts and link-local targets whatever the account may do", async () => {
    expect(await refusal(checkOutboundUrl("nxcloud", "http://169.254.169.254/latest/meta-data", { privateHosts: "allow" }))).toBe("ADDRESS_FORBIDDEN");
    expect(await refusal(checkOutboundUrl("nxcloud", "http://metadata.google.internal/computeMetadata/v1/", { privateHosts: "allow" }))).toBe("ADDRESS_FORBIDDEN");
    expect(await refusal(checkOutboundUrl("aliyun-vms", "http://100.100.100.200/latest/meta-data", { privateHosts: "allow" }))).toBe("ADDRESS_FORBIDDEN");
    expect(await refusal(checkOutboundUrl("yunfu", "http://[fe80::1]:8080/", undefined))).toBe("ADDRESS_FORBIDDEN");
    // A public-looking name that resolves to the metadata address is refused too.
    expect(await refusal(checkOutboundUrl("wshoto", "https://api.example.com/", { privateHosts: "allow" }, resolvesTo("169.254.169.254")))).toBe("ADDRESS_FORBIDDEN");
  });

  it("allows private and loopback hosts only when the account may use them", async () => {
    expect(await refusal(checkOutboundUrl("nxcloud", "http://127.0.0.1:4103", { privateHosts: "refuse" }))).toBe("ADDRESS_PRIVATE");
    expect(await refusal(checkOutboundUrl("nxcloud", "http://intranet.corp/", { privateHosts: "refuse" }, resolvesTo("10.0.0.5")))).toBe("ADDRESS_PRIVATE");
    expect(await refusal(checkOutboundUrl("nxcloud", "http://127.0.0.1:4103", { privateHosts: "allow" }))).toBeNull();
    expect(await refusal(checkOutboundUrl("nxcloud", "https://api.nxcloud.com/", { privateHosts: "refuse" }, resolvesTo("47.96.0.1")))).toBeNull();
  });
});

describe("sendWithRetry", () => {
  let target: Server;
  let redirector: Server;
  let targetHits: { authorization?: string }[] = [];
  let redirectorUrl = "";

  beforeAll(async () => {
    target = createServer((req, res) => {
      targetHits.push({ authorization: req.headers.authorization });
      res.end("{}");
    });
    await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
    const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/steal`;
    redirector = createServer((_req, res) => {
      res.writeHead(302, { location: targetUrl });
      res.end();
    });
    await new Promise<void>((r) => redirector.listen(0, "127.0.0.1", r));
    redirectorUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/api`;
  });
  afterAll(async () => {
    await new Promise((r) => target.close(r));
    await new Promise((r) => redirector.close(r));
  });

  it("never follows a redirect with credentials: the Location never sees the request", async () => {
    targetHits = [];
    const ctx = { baseUrl: redirectorUrl, credentials: {}, settings: {}, network: { privateHosts: "allow" as const }, backoffMs: 1 };
    const error = await sendWithRetry("yunfu", ctx, () => ({ method: "GET", url: redirectorUrl, headers: { authorization: "Bearer stored-token" }, safe: true })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe("REDIRECT");
    expect((error as ProviderError).userMessage.en).toMatch(/redirect/);
    expect(targetHits).toEqual([]);
  });

  it("refuses a private address before sending anything when the account may not use one", async () => {
    targetHits = [];
    const ctx = { baseUrl: redirectorUrl, credentials: {}, settings: {}, network: { privateHosts: "refuse" as const } };
    const error = await sendWithRetry("yunfu", ctx, () => ({ method: "POST", url: redirectorUrl, headers: { authorization: "Bearer stored-token" }, body: "{}", safe: false })).catch((e: unknown) => e);
    expect((error as ProviderError).code).toBe("ADDRESS_PRIVATE");
    expect((error as ProviderError).mayHaveApplied).toBe(false);
  });
});
