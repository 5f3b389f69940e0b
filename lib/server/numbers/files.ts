// Uploaded lists on disk (docs/design.md "Numbers": streamed to disk, never held whole in memory, never through a
// server-action body). A file is named by an unguessable id under <data dir>/uploads; with several instances
// on PostgreSQL that directory must be shared for any instance to resume an import (README "Contact lists").
import "server-only";
import { randomUUID } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, openSync, readSync, closeSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DATA_DIR } from "../config";
import { AppError } from "../errors";
import { numbersText } from "./text";

/** Largest upload accepted (10 million rows of a few columns fit well under it). */
export const MAX_UPLOAD_BYTES = Number(process.env.DIALBOARD_MAX_UPLOAD_MB ?? 1024) * 1024 * 1024;

export type FileFormat = "csv" | "xlsx";
export type FileEncoding = "utf8" | "gb18030";

export interface StoredUpload {
  uploadId: string;
  bytes: number;
  format: FileFormat;
  encoding: FileEncoding;
}

const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function uploadsDir(): string {
  return path.join(DATA_DIR, "uploads");
}

/** The file of an upload; NOT_FOUND for an id that is not one of ours (no path ever comes from the client). */
export function uploadPath(uploadId: string): string {
  if (!UPLOAD_ID.test(uploadId)) throw new AppError("NOT_FOUND");
  const file = path.join(uploadsDir(), uploadId);
  if (!existsSync(/*turbopackIgnore: true*/ file)) throw new AppError("NOT_FOUND", numbersText("errors.uploadGone"));
  return file;
}

/** Streams a request body to disk, refusing it past maxBytes (the partial file is removed). */
export async function saveUpload(body: ReadableStream<Uint8Array> | null, maxBytes = MAX_UPLOAD_BYTES): Promise<StoredUpload> {
  if (!body) throw new AppError("INVALID", numbersText("errors.emptyFile"), "file");
  const dir = uploadsDir();
  mkdirSync(/*turbopackIgnore: true*/ dir, { recursive: true });
  const uploadId = randomUUID();
  const final = path.join(dir, uploadId);
  const partial = `${final}.part`;
  let bytes = 0;
  const counted = Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>).map(
    (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) throw new AppError("INVALID", numbersText("errors.fileTooLarge", { max: Math.round(maxBytes / 1024 / 1024) }), "file");
      return chunk;
    },
    { concurrency: 1 },
  );
  try {
    await pipeline(counted, createWriteStream(/*turbopackIgnore: true*/ partial));
  } catch (e) {
    rmSync(/*turbopackIgnore: true*/ partial, { force: true });
    throw e;
  }
  if (bytes === 0) {
    rmSync(/*turbopackIgnore: true*/ partial, { force: true });
    throw new AppError("INVALID", numbersText("errors.emptyFile"), "file");
  }
  renameSync(/*turbopackIgnore: true*/ partial, final);
  const { format, encoding } = sniff(final);
  return { uploadId, bytes, format, encoding };
}

/** XLSX is a zip ("PK\3\4"); a text file that is not UTF-8 is read as GB18030 (what Excel in China writes). */
export function sniff(file: string): { format: FileFormat; encoding: FileEncoding } {
  const fd = openSync(/*turbopackIgnore: true*/ file, "r");
  const head = Buffer.alloc(64 * 1024);
  const n = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const bytes = head.subarray(0, n);
  if (n >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return { format: "xlsx", encoding: "utf8" };
  try {
    // stream: true tolerates a character cut at the end of the sample.
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return { format: "csv", encoding: "utf8" };
  } catch {
    return { format: "csv", encoding: "gb18030" };
  }
}

export function fileSize(file: string): number {
  return statSync(/*turbopackIgnore: true*/ file).size;
}

export function removeUpload(uploadId: string): void {
  if (UPLOAD_ID.test(uploadId)) rmSync(/*turbopackIgnore: true*/ path.join(uploadsDir(), uploadId), { force: true });
}
