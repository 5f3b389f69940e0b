// The one interface every provider folder implements (docs/design.md "Provider adapter").
// Nothing outside lib/providers/<key>/ knows a provider's wire format: services and pages
// talk to ProviderAdapter and read ProviderCapabilities.
import type { CallTimeGroup, Encoded, LocalizedText } from "../domain/call-time-group";
import type { CallOutcome, RetryStrategy } from "../domain/retry-strategy";
import type { TaskKind, TaskOperation, TaskStatus } from "../domain/task";
import type { TaskFigure } from "../domain/stats";
import type { TaskStats } from "../domain/stats-types";

/**
 * A provider's key ("yunfu", "aliyun-vms", …). Open on purpose: the registry (registry.ts) is the one list of
 * providers and validates a kind read from outside (isProviderKind), so adding one edits no type here.
 */
export type ProviderKind = string;

/** Everything a client needs to talk to one provider account. Secrets are decrypted only server-side. */
export interface ProviderContext {
  baseUrl: string;
  /** Per-kind credential fields, see capabilities.credentialFields (e.g. nxcloud: uuid, secretKey, algorithm). */
  credentials: Record<string, string>;
  /** Per-kind non-secret settings, see capabilities.settingFields (e.g. yunfu: userId, weekBase). */
  settings: Record<string, string>;
  /** Overridable for tests. */
  fetch?: typeof fetch;
  /** Per-request timeout, default 10 000 ms. */
  timeoutMs?: number;
  /** Max attempts for safe (read) calls, default 4. Creates are never retried blindly. */
  maxAttempts?: number;
  /** Base backoff in ms, default 200 (tests use small values). */
  backoffMs?: number;
  /** Our public webhook URL for this account, sent to providers that take callback URLs per task. */
  webhookUrl?: string;
  /**
   * Where requests may go (outbound.ts). lib/server always sets it from the account: private and loopback
   * addresses only for demo accounts or when an administrator allowed them. Absent: only link-local and
   * metadata addresses are refused (a provider's tests against a local simulator).
   */
  network?: { privateHosts: "allow" | "refuse" };
  now?: () => Date;
  /**
   * Where an adapter reports what no user sees but an operator should: provider rows it could not read, a
   * best-effort call that failed. Fields never carry phone numbers or secrets. Absent: nothing is logged.
   */
  log?: ProviderLog;
  /**
   * Something about the account the manager should see although the operation went through (e.g. NXCloud's
   * answers not signed as documented). The server records it on the account and the Providers page shows it.
   */
  reportWarning?: (warning: ProviderWarning) => void | Promise<void>;
}

/** A condition worth a manager's attention that did not fail the operation. */
export interface ProviderWarning {
  /** Stable code, e.g. "RESPONSE_SIGN". */
  code: string;
  message: LocalizedText;
}

export type ProviderLog = (level: "info" | "warn", msg: string, fields: Record<string, string | number | boolean | null>) => void;

/** A remote task, normalised. Ids are strings end to end (19-digit ids exist). */
export interface RemoteTask {
  remoteId: string;
  name: string;
  kind: TaskKind;
  /** Provider task type value (e.g. aliyun "1" predictive), as a string. */
  taskType: string;
  status: TaskStatus;
  /** Provider's own status value as a string (e.g. nxcloud "5"). */
  rawStatus: string;
  createdAt: Date | null;
  stats: TaskStats | null;
  /** Concurrency / lines, when known (for forecasts). */
  concurrency: number | null;
  /** The provider record, JSON-safe (big ids already strings). Shown as "raw provider record". */
  raw: unknown;
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page, null at the end. */
  nextCursor: string | null;
  total: number | null;
}

export interface TaskDraft {
  name: string;
  description: string;
  taskType: string;
  callTimeGroup: CallTimeGroup;
  retryStrategy: RetryStrategy | null;
  /** Values of capabilities.params, already validated. */
  params: Record<string, string | number | boolean | null>;
  /** Generated before sending; used as NXCloud userTaskID and to reconcile timed-out creates by listing. */
  idempotencyKey: string;
}

export interface Contact {
  /** E.164, e.g. +8613800138000. */
  phone: string;
  name: string;
  variables: Record<string, string>;
}

export interface ContactsResult {
  accepted: number;
  rejected: { phone: string; reason: LocalizedText }[];
}

export interface CallRecordEvent {
  callId: string;
  orderId: string | null;
  phone: string | null;
  outcome: CallOutcome;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  durationSec: number;
  /** Whether the order (number) is finished after this call. */
  orderFinished: boolean | null;
}

export type WebhookEvent =
  | { type: "task-status"; dedupeKey: string; remoteTaskId: string; occurredAt: Date; status: TaskStatus; rawStatus: string; stats: TaskStats | null }
  | { type: "call"; dedupeKey: string; remoteTaskId: string; occurredAt: Date; call: CallRecordEvent }
  | { type: "task-created"; dedupeKey: string; remoteTaskId: string; occurredAt: Date; task: RemoteTask; timeGroups: CallTimeGroup[] }
  | { type: "task-deleted"; dedupeKey: string; remoteTaskId: string; occurredAt: Date };

export interface InboundWebhook {
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** The query string of the webhook URL (Yunfu's callbacks are unsigned: our URL carries a token). */
  query: Record<string, string | undefined>;
  /** Exact bytes received (signatures cover them). */
  rawBody: string;
}

// ---------------------------------------------------------------------------------------------
// Number-level operations (optional; declared in capabilities.numberOps). The mirror's per-number ledger
// (TaskNumber) is filled from them during sync, so a call webhook the provider gave up on is recovered.

/** What happened to one number of a task, as far as the provider tells. */
export type RemoteNumberState = "queued" | "dialling" | "answered" | "not-answered" | "busy" | "failed" | "finished" | "removed";

export interface RemoteNumber {
  /** E.164 where the provider's form can be read as such (+8613800138000), else as the provider sent it. */
  phone: string;
  /** The provider's id for this number in this task (NXCloud orderID, Yunfu number id…), when it has one. */
  orderId: string | null;
  state: RemoteNumberState;
  /** Calls made to this number so far, when the provider reports it. */
  attempts: number | null;
  lastOutcome: CallOutcome | null;
  lastCallAt: Date | null;
  /** The provider record, JSON-safe. */
  raw: unknown;
}

export interface NumberOpsCapabilities {
  /** listNumbers: the task's numbers with their last state. */
  list: boolean;
  /** listCalls: the task's call records. */
  calls: boolean;
  /** removeNumbers: stop calling numbers of a running task (DNC). */
  remove: boolean;
  /** Largest batch removeNumbers / listNumbers filters accept, when documented. */
  batchSize: number | null;
  /** addContactsAsync: numbers per request of an import the provider runs later (Yunfu: 200). */
  asyncImportBatchSize?: number;
}

export interface RemoveNumbersResult {
  removed: string[];
  /** Numbers the provider could not stop, each with the reason in plain words. */
  notRemoved: { phone: string; reason: LocalizedText }[];
}

// ---------------------------------------------------------------------------------------------
// Follow-up tasks (optional getFollowUpDetail): tasks that staff carry out (following up customers, mass
// sends) rather than a dialler. The task page shows what they are asked to do and how far each got.

/** One staff member's part of a follow-up task. */
export interface EmployeeExecution {
  userId: string;
  status: "not-executed" | "executing" | "done";
  /** The provider's own status value. */
  rawStatus: string;
  planTargetQty: number;
  followedTargetQty: number;
  noFollowTargetQty: number;
  /** 0–100, as the provider reports it. */
  completeRate: number;
}

export interface FollowUpDetail {
  /** The task's id as the provider answered it, exactly as a string. */
  templateId: string;
  /** What staff are told to do, and how many materials come with it. */
  explain: string | null;
  explainMaterials: number;
  /** The script staff follow, and its materials. */
  verbalTitle: string | null;
  verbalMaterials: number;
  materials: { id: string | null; type: number | null; sendType: number | null }[];
  /** Whom the task targets, as the provider describes it (pretty-printed, big ids exact). */
  filterRange: string | null;
  execution: EmployeeExecution[];
}

/**
 * Where the parameters form shows a parameter. Sections appear in this order; "advanced" starts collapsed.
 * A parameter without a group is essential.
 */
export const PARAM_GROUPS = ["essential", "pacing", "callerId", "agents", "advanced"] as const;
export type ParamGroup = (typeof PARAM_GROUPS)[number];

/** One field of a JSON parameter edited as a structure (see ParamFormat). */
export interface ParamJsonField {
  /** The JSON key. */
  key: string;
  label: LocalizedText;
  /**
   * text: a string; list: an array of strings, typed comma-separated; flag: "1" when ticked, "0" when not
   * (the provider's own string flags).
   */
  type: "text" | "list" | "flag";
  /** Characters of one value (the whole JSON string is bounded by ParamSpec.maxLength). */
  maxLength?: number;
}

/**
 * How a string parameter is typed, so the form offers a matching control while the value keeps the exact
 * text the provider expects:
 * - date: a calendar day "yyyy-MM-dd" (a date picker);
 * - time: a time of day "HH:mm:ss" (a time picker);
 * - list: values separated by commas (choices, when offered, are added to it);
 * - pairs: a JSON array of one-key objects, [{"key":"value"}, …] (a key/value list);
 * - records: a JSON array of objects with these fields, [{…}, …] (a row per object);
 * - object: one JSON object with these fields (a small sub-form).
 */
export type ParamFormat =
  | { kind: "date" }
  | { kind: "time" }
  | { kind: "list" }
  | { kind: "pairs"; maxItems?: number; keyLabel: LocalizedText; valueLabel: LocalizedText }
  | { kind: "records"; maxItems?: number; fields: ParamJsonField[] }
  | { kind: "object"; fields: ParamJsonField[] };

/** A value the adapter offers for a parameter (ProviderAdapter.paramChoices), e.g. one of the account's agents. */
export interface ParamChoice {
  value: string;
  /** Shown beside the value when the provider names it. */
  label?: string;
}

/** A parameter of the dialing-parameters form, generated from capabilities. */
export interface ParamSpec {
  key: string;
  label: LocalizedText;
  help?: LocalizedText;
  type: "int" | "decimal" | "enum" | "string" | "boolean" | "datetime";
  /**
   * For a datetime the provider reads as wall time in one zone (Yunfu: China time): the form's value is sent
   * as typed ("2026-12-01T08:00"), never converted from the browser's zone. Absent = an instant.
   */
  timeZone?: string;
  min?: number;
  /** Exclusive lower bound (Aliyun Quotiety (0,20]). */
  minExclusive?: boolean;
  max?: number;
  decimals?: number;
  maxLength?: number;
  default?: string | number | boolean | null;
  options?: { value: string; label: LocalizedText }[];
  required?: boolean;
  /** Only for these task types (undefined = all). */
  taskTypes?: string[];
  /** The form's section; absent = essential. */
  group?: ParamGroup;
  /** How a string is typed (a picker, a list, a structured JSON editor); absent = free text. */
  format?: ParamFormat;
  /** The adapter offers values for it (ProviderAdapter.paramChoices); the manager may still type another. */
  choices?: boolean;
}

export interface ParamIssue {
  key: string;
  message: LocalizedText;
}

export interface CredentialField {
  key: string;
  label: LocalizedText;
  /** Write-only: encrypted at rest, never sent to a browser, never in an audit entry. Only credentialFields may be secret. */
  secret: boolean;
  /** A secret or setting the account works without (Yunfu's callback token: without it callbacks are refused). */
  optional?: boolean;
  options?: { value: string; label: LocalizedText }[];
  default?: string;
}

export interface ProviderCapabilities {
  kind: ProviderKind;
  label: LocalizedText;
  /** What the account form tells the manager before they save (e.g. the webhook URL the provider must reach). */
  accountHint?: LocalizedText;
  operations: Record<TaskOperation, boolean> & {
    timeGroups: boolean;
    webhooks: boolean;
    /** The provider pushes one event per call (the mirror's per-hour figures then come from call records). */
    callEvents: boolean;
  };
  taskKinds: TaskKind[];
  taskTypes: { value: string; label: LocalizedText }[];
  credentialFields: CredentialField[];
  settingFields: CredentialField[];
  params: ParamSpec[];
  limits: {
    nameMaxLength: number;
    descriptionMaxLength: number;
    /** Numbers per add-contacts request. */
    contactsBatchSize: number;
    /** Tasks per account, when documented. */
    maxTasks: number | null;
    /** Largest page for list calls. */
    listPageSize: number;
  };
  /** Number-level operations this provider offers (see RemoteNumber). */
  numberOps: NumberOpsCapabilities;
  /**
   * Operations that call an endpoint the provider does not document, each with what the user should know;
   * the task page says so beside the control (Yunfu's start).
   */
  unverified?: Partial<Record<TaskOperation, LocalizedText>>;
  /**
   * Task figures this provider does not report (NXCloud: numbers dialled; WShoto follow-ups: calls). Pages
   * show them as "—" with the reason, never a number derived from the others. Absent = all reported.
   */
  unreportedFigures?: readonly TaskFigure[];
  /** At most this many redials per number whatever the strategy asks (NXCloud: once); absent = as the strategy says. */
  maxRedials?: number;
  /** In which mirrored statuses each operation is allowed (documented state rules). */
  allowedIn: Record<TaskOperation, TaskStatus[]>;
  /** Cross-field rules the range checks cannot express (Aliyun AutoStart=1 needs day or time, …). */
  validateParams(taskType: string, params: Record<string, unknown>): ParamIssue[];
}

export interface ProviderAdapter {
  kind: ProviderKind;
  capabilities: ProviderCapabilities;
  /** Check credentials and reachability. Throws ProviderError. */
  ping(ctx: ProviderContext): Promise<void>;
  listTasks(ctx: ProviderContext, cursor: string | null): Promise<Page<RemoteTask>>;
  getTask(ctx: ProviderContext, remoteId: string): Promise<RemoteTask>;
  getStats(ctx: ProviderContext, remoteId: string): Promise<TaskStats>;
  /** Must be idempotent on draft.idempotencyKey: a timed-out create is reconciled by listing before any retry. */
  createTask?(ctx: ProviderContext, draft: TaskDraft): Promise<RemoteTask>;
  updateTask?(ctx: ProviderContext, remoteId: string, draft: TaskDraft): Promise<void>;
  startTask?(ctx: ProviderContext, remoteId: string): Promise<void>;
  pauseTask?(ctx: ProviderContext, remoteId: string): Promise<void>;
  completeTask?(ctx: ProviderContext, remoteId: string): Promise<void>;
  deleteTask?(ctx: ProviderContext, remoteId: string): Promise<void>;
  /** Sends one batch (≤ capabilities.limits.contactsBatchSize). */
  addContacts?(ctx: ProviderContext, remoteId: string, contacts: Contact[]): Promise<ContactsResult>;
  /**
   * Hands one batch (≤ capabilities.numberOps.asyncImportBatchSize) to an import the provider runs later.
   * `accepted` counts the numbers handed over; what the provider then refuses (a duplicate) shows only in
   * listNumbers.
   */
  addContactsAsync?(ctx: ProviderContext, remoteId: string, contacts: Contact[]): Promise<ContactsResult>;
  listTimeGroups?(ctx: ProviderContext): Promise<(CallTimeGroup & { remoteId: string })[]>;
  /** The task's numbers, page by page (capabilities.numberOps.list). */
  listNumbers?(ctx: ProviderContext, remoteId: string, cursor: string | null): Promise<Page<RemoteNumber>>;
  /** The task's call records, page by page, oldest first where the provider allows (capabilities.numberOps.calls). */
  listCalls?(ctx: ProviderContext, remoteId: string, cursor: string | null): Promise<Page<CallRecordEvent>>;
  /** Stops calling these numbers (E.164) in the task (capabilities.numberOps.remove). */
  removeNumbers?(ctx: ProviderContext, remoteId: string, phones: string[]): Promise<RemoveNumbersResult>;
  /**
   * Values to offer for a parameter whose spec says `choices` (the account's agents, its IVRs…), from a
   * provider call or the account's settings. Best effort: the wizard shows none when it fails.
   */
  paramChoices?(ctx: ProviderContext, key: string): Promise<ParamChoice[]>;
  /** A follow-up task as the provider has it now: what staff are asked to do and each one's progress. */
  getFollowUpDetail?(ctx: ProviderContext, remoteId: string): Promise<FollowUpDetail>;
  /** Encode a group for this provider, naming every loss. */
  encodeCallTimeGroup(group: CallTimeGroup, ctx?: Pick<ProviderContext, "settings">): Encoded<unknown>;
  encodeRetryStrategy(strategy: RetryStrategy): Encoded<unknown>;
  /**
   * How this provider really spaces the redials of `strategy`, read from what encodeRetryStrategy sends and the
   * provider's document; `collapsed` are the retries (1 = the first retry) that the retry preview places at the same
   * window opening as the attempt before them, and the text says what the provider does with those (or that its
   * document does not say). Shown by the retry strategy builder beside the losses.
   */
  describeRetrySpacing?(strategy: RetryStrategy, collapsed: readonly number[]): LocalizedText;
  /** Verify an inbound webhook (signature, token…). false → 401, nothing applied. */
  verifyWebhook(ctx: ProviderContext, req: InboundWebhook): boolean;
  /** Parse a verified webhook body. Throws on malformed input (→ 400, kept raw in the inbox). */
  parseWebhook(ctx: ProviderContext, req: InboundWebhook): WebhookEvent[];
  /**
   * The identity of a verified delivery, for providers whose signed callbacks carry one: the sender's request
   * id and when it signed it. The server refuses a delivery signed more than 10 minutes from its clock and
   * an id seen again with a different body (lib/server/mirror/webhook-replay.ts). null: the request names
   * no usable id or time (refused). Providers without it are not checked.
   */
  webhookDelivery?(req: InboundWebhook): WebhookDelivery | null;
}

export interface WebhookDelivery {
  /** Unique per delivery attempt as the sender chose it (NXCloud requestID). */
  id: string;
  /** When the sender signed the request, by its clock. */
  sentAt: Date;
}
