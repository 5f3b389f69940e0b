import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "../db";
import { freshDatabase } from "../testing/db";
import { addDncEntry, GLOBAL_SCOPE } from "./dnc";
import { saveUpload } from "./files";
import { runJob } from "./jobs";
import { createContactList, previewUpload, startImport } from "./lists";
import { writeCnList } from "./testing";
import { exportJobProblems, getJobView } from "./views";

const ACTOR = { id: null, email: "manager@example.com" };
const dir = mkdtempSync(path.join(os.tmpdir(), "numbers-import-"));
process.env.DIALBOARD_DATA_DIR ??= dir;

async function upload(file: string) {
  const { createReadStream } = await import("node:fs");
  return saveUpload(Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>);
}

async function importFile(file: string, name = "List") {
  const { id: listId } = await createContactList({ actor: ACTOR, name, defaultCountry: "CN" });
  const up = await upload(file);
  const preview = await previewUpload({ uploadId: up.uploadId, listId, country: "CN" });
  const { jobId } = await startImport({ actor: ACTOR, uploadId: up.uploadId, fileName: path.basename(file), target: { kind: "list", listId }, mapping: preview.mapping, country: "CN" });
  await runJob(jobId);
  return { listId, jobId, preview };
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("contact list import", () => {
  beforeEach(async () => {
    await freshDatabase();
  });

  it("stores every valid row once and reports every other row with its reason, in the problems file too", async () => {
    await addDncEntry({ actor: ACTOR, phone: "13900139005", scope: GLOBAL_SCOPE, reason: "asked", expiresAt: null });
    const file = path.join(dir, "mixed.csv");
    writeFileSync(
      file,
      [
        "\uFEFF手机,姓名,金额",
        "13800138001,张三,1",
        "+86 138-0013-8002,李四,2",
        "12345,王五,3", // invalid
        "13800138001,张三again,4", // duplicate of row 2
        ",nobody,5", // empty phone
        "",
        "13900139005,on dnc,6",
        '"13800138009,unterminated quote',
      ].join("\r\n"),
    );
    const { listId, jobId, preview } = await importFile(file);
    expect(preview.mapping).toEqual({ hasHeader: true, phone: 0, name: 1, variables: [] });
    const job = await getJobView(jobId);
    expect(job.state).toBe("done");
    expect(job.stored).toBe(3);
    expect(job.problemCounts).toEqual({ "invalid-phone": 1, duplicate: 1, "empty-phone": 1, "on-dnc": 1, unreadable: 1 });
    expect(job.fraction).toBe(1);
    const contacts = await getDb().contact.findMany({ where: { listId }, orderBy: { seq: "asc" }, select: { phone: true, name: true } });
    expect(contacts).toEqual([
      { phone: "+8613800138001", name: "张三" },
      { phone: "+8613800138002", name: "李四" },
      { phone: "+8613900139005", name: "on dnc" },
    ]);
    expect((await getDb().contactList.findUniqueOrThrow({ where: { id: listId } })).size).toBe(3);

    const csv = await text(await exportJobProblems({ jobId, locale: "en", wholeNumbers: true, actor: ACTOR }));
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("row,number,reason_code,reason,row_as_read");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 3).join(","))).toEqual([
      "4,,invalid-phone",
      "5,13800138001,duplicate",
      "6,,empty-phone",
      "8,13900139005,on-dnc",
      "9,,unreadable",
    ]);
    expect(lines[2]).toContain("Duplicate of row 2");
    const zh = await text(await exportJobProblems({ jobId, locale: "zh-CN", wholeNumbers: false, actor: ACTOR }));
    expect(zh).toContain("与第 2 行重复");
    expect(zh).toContain("138****8001");
    expect(zh).not.toContain("13800138001");
  });

  it("a second file into the same list keeps file order after the first and dedupes against it", async () => {
    const a = path.join(dir, "a.csv");
    const b = path.join(dir, "b.csv");
    writeFileSync(a, "phone\n13800138001\n13800138002\n");
    writeFileSync(b, "phone\n13800138003\n13800138001\n");
    const first = await importFile(a);
    const up = await upload(b);
    const preview = await previewUpload({ uploadId: up.uploadId, listId: first.listId, country: "CN" });
    const { jobId } = await startImport({ actor: ACTOR, uploadId: up.uploadId, fileName: "b.csv", target: { kind: "list", listId: first.listId }, mapping: preview.mapping, country: "CN" });
    await runJob(jobId);
    const phones = (await getDb().contact.findMany({ where: { listId: first.listId }, orderBy: { seq: "asc" }, select: { phone: true } })).map((c) => c.phone);
    expect(phones).toEqual(["+8613800138001", "+8613800138002", "+8613800138003"]);
    expect((await getJobView(jobId)).problemCounts).toEqual({ duplicate: 1 });
    const csv = await text(await exportJobProblems({ jobId, locale: "en", wholeNumbers: true, actor: ACTOR }));
    expect(csv).toContain("Already in this list");
  });

  it("reads XLSX (the first sheet, numbers typed as numbers) and GB18030 CSV", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("名单");
    ws.addRow(["姓名", "电话"]);
    ws.addRow(["张三", 13800138001]);
    ws.addRow(["李四", "13800138002"]);
    ws.addRow(["王五", "bad"]);
    const xlsx = path.join(dir, "list.xlsx");
    await wb.xlsx.writeFile(xlsx);
    const x = await importFile(xlsx);
    expect(x.preview.format).toBe("xlsx");
    expect(x.preview.mapping).toMatchObject({ hasHeader: true, phone: 1, name: 0 });
    expect(await getJobView(x.jobId)).toMatchObject({ state: "done", stored: 2, problemCounts: { "invalid-phone": 1 } });

    // "姓名,手机\n张三,13800138003\n" in GB18030, as Excel in China saves CSV.
    const gb = path.join(dir, "gb.csv");
    writeFileSync(gb, Buffer.concat([Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]), Buffer.from(","), Buffer.from([0xca, 0xd6, 0xbb, 0xfa]), Buffer.from("\n"), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from(",13800138003\n")]));
    const g = await importFile(gb);
    expect(g.preview.rows[0]).toEqual(["姓名", "手机"]);
    const contacts = await getDb().contact.findMany({ where: { listId: g.listId }, select: { phone: true, name: true } });
    expect(contacts).toEqual([{ phone: "+8613800138003", name: "张三" }]);
  });

  it("counts exactly on a generated list (5 % invalid, 5 % duplicates) across many batches", async () => {
    const file = path.join(dir, "gen.csv");
    const gen = await writeCnList(file, 23_456);
    const { listId, jobId } = await importFile(file);
    const job = await getJobView(jobId);
    expect(job.stored).toBe(gen.expected);
    expect(job.problemCounts).toEqual({ "invalid-phone": gen.invalid, duplicate: gen.duplicates });
    expect(await getDb().contact.count({ where: { listId } })).toBe(gen.expected);
  });
});
