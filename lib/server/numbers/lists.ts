// Contact lists (issue 13 point 1): create a list, preview an uploaded file for the column-mapping step,
// start the import job, read a list back (numbers masked for viewers).
import "server-only";
import type { CountryCode } from "libphonenumber-js";
import { guessMapping, type ColumnMapping, type RememberedMapping } from "../../domain/numbers/columns";
import { phoneFor } from "../../domain/numbers/phone";
import { recordAudit, type AuditActor } from "../audit";
import { getDb } from "../db";
import { AppError } from "../errors";
import { fileSize, sniff, uploadPath } from "./files";
import type { ImportParams } from "./import-job";
import { ACTIVE_STATES, kickJobs } from "./jobs";
import { sampleRows } from "./reader";
import { numbersText } from "./text";

export interface ContactListSummary {
  id: string;
  name: string;
  size: number;
  defaultCountry: string;
  variables: string[];
  updatedAt: Date;
  /** The latest import, when one exists. */
  lastImport: { id: string; state: string; processed: number; stored: number; problems: number } | null;
}

export async function createContactList({ actor, name, defaultCountry }: { actor: AuditActor; name: string; defaultCountry: string }): Promise<{ id: string }> {
  const list = await getDb().contactList.create({ data: { name, defaultCountry, createdById: actor.id }, select: { id: true } });
  recordAudit({ actor, action: "contacts.createList", targetType: "contactList", targetId: list.id, after: { name, defaultCountry } });
  return list;
}

export async function deleteContactList({ actor, listId }: { actor: AuditActor; listId: string }): Promise<void> {
  const db = getDb();
  const list = await db.contactList.findUnique({ where: { id: listId }, select: { name: true, size: true } });
  if (!list) throw new AppError("NOT_FOUND", numbersText("errors.listNotFound"));
  const active = await db.job.count({ where: { listId, state: { in: ACTIVE_STATES } } });
  if (active > 0) throw new AppError("CONFLICT", numbersText("errors.importRunning"));
  await db.contactList.delete({ where: { id: listId } });
  recordAudit({ actor, action: "contacts.deleteList", targetType: "contactList", targetId: listId, before: list });
}

export async function listContactLists(): Promise<ContactListSummary[]> {
  const db = getDb();
  const lists = await db.contactList.findMany({
    orderBy: { updatedAt: "desc" },
    take: 500,
    select: { id: true, name: true, size: true, defaultCountry: true, variables: true, updatedAt: true },
  });
  const jobs = await db.job.findMany({
    where: { kind: "import", listId: { in: lists.map((l) => l.id) } },
    orderBy: { createdAt: "desc" },
    select: { id: true, listId: true, state: true, processed: true, stored: true, problems: true },
  });
  const lastByList = new Map<string, (typeof jobs)[number]>();
  for (const j of jobs) if (j.listId && !lastByList.has(j.listId)) lastByList.set(j.listId, j);
  return lists.map((l) => {
    const j = lastByList.get(l.id);
    return {
      ...l,
      variables: JSON.parse(l.variables) as string[],
      lastImport: j ? { id: j.id, state: j.state, processed: j.processed, stored: j.stored, problems: j.problems } : null,
    };
  });
}

export interface ContactListDetail {
  id: string;
  name: string;
  size: number;
  defaultCountry: string;
  variables: string[];
  remembered: RememberedMapping;
  imports: { id: string; state: string; createdAt: Date; fileName: string; processed: number; stored: number; problems: number }[];
  /** A page of the list, numbers as the reader may see them. */
  contacts: { seq: number; phone: string; name: string }[];
  nextSeq: number | null;
}

const PAGE = 50;

export async function getContactList({ listId, wholeNumbers, afterSeq }: { listId: string; wholeNumbers: boolean; afterSeq?: number }): Promise<ContactListDetail> {
  const db = getDb();
  const list = await db.contactList.findUnique({ where: { id: listId }, select: { id: true, name: true, size: true, defaultCountry: true, variables: true, mapping: true } });
  if (!list) throw new AppError("NOT_FOUND", numbersText("errors.listNotFound"));
  const [jobs, contacts] = await Promise.all([
    db.job.findMany({ where: { listId, kind: "import" }, orderBy: { createdAt: "desc" }, take: 20, select: { id: true, state: true, createdAt: true, params: true, processed: true, stored: true, problems: true } }),
    db.contact.findMany({ where: { listId, seq: { gt: afterSeq ?? 0 } }, orderBy: { seq: "asc" }, take: PAGE + 1, select: { seq: true, phone: true, name: true } }),
  ]);
  return {
    id: list.id,
    name: list.name,
    size: list.size,
    defaultCountry: list.defaultCountry,
    variables: JSON.parse(list.variables) as string[],
    remembered: JSON.parse(list.mapping) as RememberedMapping,
    imports: jobs.map(({ params, ...j }) => ({ ...j, fileName: (JSON.parse(params) as ImportParams).fileName })),
    contacts: contacts.slice(0, PAGE).map((c) => ({ seq: c.seq, phone: phoneFor(c.phone, wholeNumbers), name: c.name })),
    nextSeq: contacts.length > PAGE ? contacts[PAGE - 1].seq : null,
  };
}

export interface UploadPreview {
  uploadId: string;
  format: "csv" | "xlsx";
  delimiter: string;
  rows: string[][];
  mapping: ColumnMapping;
}

/** The first rows of an upload and the mapping offered for them (the list's remembered one where it fits). */
export async function previewUpload({ uploadId, listId, country }: { uploadId: string; listId: string | null; country: CountryCode }): Promise<UploadPreview> {
  const path = uploadPath(uploadId);
  const { format, encoding } = sniff(path);
  const { rows, delimiter } = await sampleRows({ path, format, encoding });
  let remembered: RememberedMapping | undefined;
  let variables: string[] | undefined;
  if (listId) {
    const list = await getDb().contactList.findUnique({ where: { id: listId }, select: { mapping: true, variables: true } });
    if (!list) throw new AppError("NOT_FOUND", numbersText("errors.listNotFound"));
    remembered = JSON.parse(list.mapping) as RememberedMapping;
    const known = JSON.parse(list.variables) as string[];
    variables = known.length ? known : undefined;
  }
  return { uploadId, format, delimiter, rows, mapping: guessMapping(rows, { country, remembered, variables }) };
}

export type ImportTarget = { kind: "list"; listId: string } | { kind: "dnc"; scope: string; reason: string; expiresAt: Date | null };

/**
 * Starts the import of an upload into a list (or a DNC scope). One import per list at a time: the list row
 * is locked while the check runs, so two instances cannot both start one and reserve the same seq range.
 */
export async function startImport({
  actor,
  uploadId,
  fileName,
  target,
  mapping,
  country,
}: {
  actor: AuditActor;
  uploadId: string;
  fileName: string;
  target: ImportTarget;
  mapping: ColumnMapping;
  /** For a list, its own default country is used. */
  country?: CountryCode;
}): Promise<{ jobId: string }> {
  const db = getDb();
  const path = uploadPath(uploadId);
  const { format, encoding } = sniff(path);
  const { rows, delimiter } = await sampleRows({ path, format, encoding });
  const width = Math.max(1, ...rows.map((r) => r.length));
  for (const column of [mapping.phone, mapping.name, ...mapping.variables.map((v) => v.column)]) {
    if (column !== null && column >= width) throw new AppError("INVALID", numbersText("errors.columnOutOfRange", { column: column + 1 }), "mapping");
  }
  const header = mapping.hasHeader ? (rows[0] ?? null) : null;
  const bytes = fileSize(path);
  let jobCountry: CountryCode = country ?? "CN";
  const jobId = await db.$transaction(async (tx) => {
    let jobTarget: ImportParams["target"];
    if (target.kind === "list") {
      const list = await tx.contactList.findUnique({ where: { id: target.listId }, select: { nextSeq: true, defaultCountry: true } });
      if (!list) throw new AppError("NOT_FOUND", numbersText("errors.listNotFound"));
      // Locks the list row (PostgreSQL) until this transaction ends.
      await tx.contactList.update({ where: { id: target.listId }, data: { variables: JSON.stringify(mapping.variables.map((v) => v.name)) } });
      const active = await tx.job.count({ where: { listId: target.listId, kind: "import", state: { in: ACTIVE_STATES } } });
      if (active > 0) throw new AppError("CONFLICT", numbersText("errors.importRunning"));
      jobTarget = { kind: "list", listId: target.listId, baseSeq: list.nextSeq };
      jobCountry = list.defaultCountry as CountryCode;
    } else {
      jobTarget = { kind: "dnc", scope: target.scope, reason: target.reason, expiresAt: target.expiresAt?.toISOString() ?? null };
    }
    const params: ImportParams = { uploadId, fileName, format, encoding, delimiter, mapping, country: jobCountry, header, target: jobTarget };
    const job = await tx.job.create({
      data: {
        kind: "import",
        params: JSON.stringify(params),
        listId: target.kind === "list" ? target.listId : null,
        unitsTotal: format === "csv" && encoding === "utf8" ? bytes : 0,
        createdById: actor.id,
        createdByEmail: actor.email,
      },
      select: { id: true },
    });
    return job.id;
  });
  recordAudit({
    actor,
    action: target.kind === "list" ? "contacts.import" : "dnc.import",
    targetType: target.kind === "list" ? "contactList" : "dnc",
    targetId: target.kind === "list" ? target.listId : target.scope,
    after: { jobId, fileName, bytes },
  });
  kickJobs();
  return { jobId };
}
