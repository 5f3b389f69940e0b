import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { readBatches, START, type ReadBatch, type ReadCursor, type SourceFile } from "./reader";
import { maskDigits } from "./views";

const dir = mkdtempSync(path.join(os.tmpdir(), "numbers-reader-"));

async function readAll(file: SourceFile, from: ReadCursor, size: number): Promise<ReadBatch[]> {
  const out: ReadBatch[] = [];
  for await (const b of readBatches(file, from, size)) out.push(b);
  return out;
}

const flat = (batches: ReadBatch[]) => batches.flatMap((b) => [...b.records.map((r) => `${r.row}:${r.cells.join("|")}`), ...b.unreadable.map((u) => `${u.row}:!`)]).sort((a, b) => parseInt(a) - parseInt(b));

describe("reading a list from where a job stopped", () => {
  // A BOM, CRLF and LF mixed, a quoted field over two lines, Chinese text (multi-byte), an empty line.
  const text = '\uFEFFphone,name\r\n13800138001,张三\n"13800138002","two\nlines"\r\n\n13800138003,李四\n13800138004,"quoted, comma"\n';
  const file: SourceFile = { path: path.join(dir, "mixed.csv"), format: "csv", encoding: "utf8", delimiter: "," };
  writeFileSync(file.path, text);

  it("resuming from any batch's cursor yields exactly the rows after it, numbered as in a full read", async () => {
    const whole = flat(await readAll(file, START, 1000));
    expect(whole).toEqual(["1:phone|name", "2:13800138001|张三", "3:13800138002|two\nlines", "4:", "5:13800138003|李四", "6:13800138004|quoted, comma"]);
    const batches = await readAll(file, START, 1);
    for (const [i, b] of batches.entries()) {
      const rest = flat(await readAll(file, b.cursor, 1));
      expect(rest, `after batch ${i}`).toEqual(whole.filter((r) => parseInt(r) > b.cursor.row));
    }
    expect(batches.at(-1)!.cursor).toEqual({ row: 6, byte: Buffer.byteLength(text) });
  });

  it("an unreadable record keeps its row; after it, resuming re-reads rows instead of trusting a byte offset", async () => {
    const broken: SourceFile = { ...file, path: path.join(dir, "broken.csv") };
    writeFileSync(broken.path, 'phone\n13800138001\n13800138002\n"13800138003\n');
    const batches = await readAll(broken, START, 2);
    expect(flat(batches)).toEqual(["1:phone", "2:13800138001", "3:13800138002", "4:!"]);
    expect(flat(await readAll(broken, { row: 2, byte: -1 }, 2))).toEqual(["3:13800138002", "4:!"]);
  });

  it("a file mixing CRLF and lone CR line ends still resumes exactly (by rows where offsets cannot be trusted)", async () => {
    const mixed: SourceFile = { ...file, path: path.join(dir, "cr.csv") };
    writeFileSync(mixed.path, "phone\r13800138001\r\n13800138002\r13800138003\n");
    const whole = flat(await readAll(mixed, START, 100));
    expect(whole).toEqual(["1:phone", "2:13800138001", "3:13800138002", "4:13800138003"]);
    for (const b of await readAll(mixed, START, 1)) expect(flat(await readAll(mixed, b.cursor, 1))).toEqual(whole.filter((r) => parseInt(r) > b.cursor.row));
  });

  it("GB18030 text resumes by row", async () => {
    const gb: SourceFile = { path: path.join(dir, "gb.csv"), format: "csv", encoding: "gb18030", delimiter: "," };
    writeFileSync(gb.path, Buffer.concat([Buffer.from("13800138001,"), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from("\n13800138002,x\n")]));
    expect(flat(await readAll(gb, START, 10))).toEqual(["1:13800138001|张三", "2:13800138002|x"]);
    const first = (await readAll(gb, START, 1))[0];
    expect(first.cursor.byte).toBe(-1);
    expect(flat(await readAll(gb, first.cursor, 10))).toEqual(["2:13800138002|x"]);
  });
});

describe("a row as read, for a viewer", () => {
  it("masks anything that looks like a phone number, in any form", () => {
    expect(maskDigits("13800138000,张三,100")).toBe("138****8000,张三,100");
    expect(maskDigits("+86 138-0013-8000,x")).toBe("861******8000,x");
    expect(maskDigits("1380013,x")).toBe("*****13,x");
    expect(maskDigits("amount 12345")).toBe("amount 12345");
  });
});

describe("XLSX entry order", () => {
  it("reads a workbook whose worksheet is stored before workbook.xml but after the shared strings and relations", async () => {
    // Zip writers do not all store entries in one order; exceljs's streaming reader parses a worksheet at once
    // when the shared strings and the workbook's relations came first, and then needs workbook.xml's model.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("名单").addRows([["姓名", "电话"], ["张三", "13800138001"]]);
    const written = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    const first = ["xl/sharedStrings.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/workbook.xml"];
    const names = Object.keys(written.files).filter((n) => !written.files[n].dir);
    const reordered = new JSZip();
    for (const name of [...first, ...names.filter((n) => !first.includes(n))]) reordered.file(name, await written.files[name].async("uint8array"));
    const dir = mkdtempSync(path.join(os.tmpdir(), "dialboard-xlsx-"));
    const file = path.join(dir, "order.xlsx");
    writeFileSync(file, await reordered.generateAsync({ type: "nodebuffer" }));
    const rows: string[][] = [];
    for await (const batch of readBatches({ path: file, format: "xlsx" } as SourceFile, START, 100)) rows.push(...batch.records.map((r) => r.cells));
    expect(rows).toEqual([["姓名", "电话"], ["张三", "13800138001"]]);
  });
});
