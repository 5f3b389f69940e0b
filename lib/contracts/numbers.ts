// Inputs and views of the numbers features (contact lists, DNC, sends, the ledger), shared by the server
// (actions, route handlers, services) and the UI. Imports only lib/domain.
import { z } from "zod";
import { MAX_COLUMNS, MAX_VARIABLES } from "../domain/numbers/columns";
import { LIST_NAME_MAX } from "../domain/numbers/limits";
import type { ProblemReason } from "../domain/numbers/rows";
import type { LocalizedText } from "../domain/text";

export const ZId = z.string().min(1).max(64);
export const ZUploadId = z.string().uuid();

export const ZColumnMapping = z.object({
  hasHeader: z.boolean(),
  phone: z.number().int().min(0).max(MAX_COLUMNS - 1),
  name: z.number().int().min(0).max(MAX_COLUMNS - 1).nullable(),
  variables: z
    .array(z.object({ name: z.string().trim().min(1).max(64), column: z.number().int().min(0).max(MAX_COLUMNS - 1) }))
    .max(MAX_VARIABLES),
});
export type TColumnMapping = z.infer<typeof ZColumnMapping>;

export const ZCreateList = z.object({ name: z.string().trim().min(1).max(LIST_NAME_MAX), defaultCountry: z.string().regex(/^[A-Z]{2}$/).default("CN") });
export const ZPreviewUpload = z.object({ uploadId: ZUploadId, listId: ZId.nullable() });
export const ZStartImport = z.object({ uploadId: ZUploadId, fileName: z.string().max(255), listId: ZId, mapping: ZColumnMapping });

/** "global" or a provider account id. */
export const ZDncScope = z.string().min(1).max(64);
const ZExpiry = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable();
export const ZAddDnc = z.object({ phone: z.string().trim().min(1).max(40), scope: ZDncScope, reason: z.string().trim().max(200), expiresOn: ZExpiry });
export const ZRemoveDnc = z.object({ phone: z.string().trim().min(1).max(40), scope: ZDncScope });
export const ZStartDncImport = z.object({ uploadId: ZUploadId, fileName: z.string().max(255), scope: ZDncScope, reason: z.string().trim().max(200), expiresOn: ZExpiry, mapping: ZColumnMapping });

export const ZCaps = z.object({ enabled: z.boolean(), perDay: z.number().int().min(1).max(1000), perWeek: z.number().int().min(1).max(1000) });
export const ZSendList = z.object({ taskId: ZId, listId: ZId });

export interface UploadResult {
  uploadId: string;
  bytes: number;
  format: "csv" | "xlsx";
}

export interface UploadPreviewView {
  uploadId: string;
  format: "csv" | "xlsx";
  rows: string[][];
  mapping: TColumnMapping;
}

export interface JobProgressView {
  id: string;
  kind: string;
  state: string;
  fileName: string | null;
  processed: number;
  stored: number;
  problems: number;
  problemCounts: Partial<Record<ProblemReason, number>>;
  fraction: number | null;
  rowsPerSec: number | null;
  etaSec: number | null;
  error: LocalizedText | null;
  cancelRequested: boolean;
}

export interface SendSummaryView {
  total: number;
  willSend: number;
  dnc: number;
  cap: number;
  inTask: number;
}

export interface ContactListOption {
  id: string;
  name: string;
  size: number;
}

export interface StopReportView {
  taskId: string;
  taskName: string;
  outcome: "stopped" | "not-stopped" | "unsupported";
  numbers: number;
  message: LocalizedText;
}
