// Creating a task from the wizard (/tasks/new): everything the browser checked is checked again here
// (limits, the provider's parameter ranges and rules, loss acceptance), then the provider creates the
// task, the mirror records it and its numbers go out in the provider's batch size.
import "server-only";
import { z } from "zod";
import { boundedRecord, ZId } from "../../../domain/bounds";
import { weekSummary, type CallTimeGroup, type LocalizedText } from "../../../domain/call-time-group";
import { formatInterval } from "../../../domain/retry";
import type { RetryStrategy } from "../../../domain/retry-strategy";
import { ProviderError } from "../../../providers/errors";
import { checkParams, paramsForTaskType, paramValuesFrom, type ParamValues } from "../../../providers/param-values";
import { adapterFor } from "../../../providers/registry";
import type { Contact, ParamIssue, ParamSpec, ProviderAdapter, ProviderContext, ProviderKind, TaskDraft } from "../../../providers/types";
import { recordAudit, type AuditActor } from "../../audit";
import { getDb } from "../../db";
import { catalogText } from "../../../domain/text";
import wizardEn from "../../../../messages/en/wizard.json";
import wizardZh from "../../../../messages/zh-CN/wizard.json";
import { AppError, isUniqueViolation } from "../../errors";
import { upsertRemoteTask } from "../../mirror/upsert";
import { getCallTimeGroup, listCallTimeGroups } from "../call-time-groups";
import { listAccounts, providerContextFor } from "../provider-accounts";
import { getRetryStrategy, listRetryStrategies } from "../retry-strategies";
import { sendContactsInBatches, type SendContactsResult } from "./contacts";
import { refreshMirror } from "./lifecycle";

/** MAX_CONTACT_ROWS of lib/domain/contacts-import.ts: one wizard import. */
const MAX_CONTACTS = 10_000;
const E164 = /^\+[1-9]\d{6,14}$/;
/** Bounds (issue 12 point 3): every provider documents fewer parameters, and a CSV row has few columns. */
const MAX_PARAMS = 100;
const MAX_CONTACT_VARIABLES = 50;

const ZParamValue = z.union([z.string().max(5000), z.number(), z.boolean(), z.null()]);

export const ZTaskPreviewInput = z.object({
  accountId: ZId,
  taskType: z.string().min(1).max(32),
  callTimeGroupId: ZId,
  retryStrategyId: ZId.nullable(),
  params: boundedRecord(ZParamValue, MAX_PARAMS),
});
export type TTaskPreviewInput = z.infer<typeof ZTaskPreviewInput>;

export const ZContact = z.object({
  phone: z.string().regex(E164),
  name: z.string().max(200),
  variables: boundedRecord(z.string().max(1000), MAX_CONTACT_VARIABLES),
});

export const ZTaskWizardInput = ZTaskPreviewInput.extend({
  name: z.string().max(500),
  description: z.string().max(5000),
  acceptLosses: z.boolean(),
  contacts: z.array(ZContact).max(MAX_CONTACTS),
  /**
   * How many rows the user gave on the numbers step (0: none, the task is created empty on purpose). A list
   * whose rows all failed must not silently become an empty task (issue 15 point 13).
   */
  contactRows: z.number().int().min(0).max(100_000_000).default(0),
  // Made in the browser before the first submit and sent again on every retry of the same task.
  idempotencyKey: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
});
export type TTaskWizardInput = z.infer<typeof ZTaskWizardInput>;

// ---------------------------------------------------------------------------------------------
// What the wizard offers

export interface WizardAccount {
  id: string;
  name: string;
  kind: ProviderKind;
  providerLabel: LocalizedText;
  isDemo: boolean;
  taskTypes: { value: string; label: LocalizedText }[];
  limits: { nameMaxLength: number; descriptionMaxLength: number; contactsBatchSize: number };
  params: ParamSpec[];
}

export interface WizardRule {
  id: string;
  name: string;
  summary: LocalizedText;
  /** accountId → what that account's provider cannot express. */
  losses: Record<string, LocalizedText[]>;
}

export interface WizardOptions {
  accounts: WizardAccount[];
  /** Enabled accounts whose provider is read-only here (WShoto) and disabled accounts, for the empty state. */
  unavailableAccounts: number;
  groups: (WizardRule & { isDefault: boolean; timeZone: string })[];
  strategies: WizardRule[];
}

const canCreate = (adapter: ProviderAdapter) => adapter.capabilities.operations.create && typeof adapter.createTask === "function";

function strategySummary(strategy: RetryStrategy): LocalizedText {
  if (strategy.rounds.length === 0) return { en: "No retries", zh: "不重试" };
  const each = (locale: "en" | "zh") => strategy.rounds.map((round) => formatInterval(round.after, locale)).join(locale === "zh" ? "、" : ", ");
  return { en: `${strategy.rounds.length} retries: ${each("en")}`, zh: `重试 ${strategy.rounds.length} 次：${each("zh")}` };
}

/** Accounts, groups and strategies with each provider's loss report, for the wizard's steps. */
export async function wizardOptions(): Promise<WizardOptions> {
  const [accounts, groups, strategies] = await Promise.all([listAccounts(), listCallTimeGroups(), listRetryStrategies()]);
  const usable = accounts.filter((account) => account.enabled && canCreate(adapterFor(account.kind)));
  const lossesFor = (encode: (adapter: ProviderAdapter, settings: Record<string, string>) => LocalizedText[]) =>
    Object.fromEntries(usable.map((account) => [account.id, encode(adapterFor(account.kind), account.settings)]));
  return {
    accounts: usable.map((account) => {
      const caps = adapterFor(account.kind).capabilities;
      return {
        id: account.id,
        name: account.name,
        kind: account.kind,
        providerLabel: caps.label,
        isDemo: account.isDemo,
        taskTypes: caps.taskTypes,
        limits: {
          nameMaxLength: caps.limits.nameMaxLength,
          descriptionMaxLength: caps.limits.descriptionMaxLength,
          contactsBatchSize: caps.limits.contactsBatchSize,
        },
        params: caps.params,
      };
    }),
    unavailableAccounts: accounts.length - usable.length,
    groups: groups.map((group) => ({
      id: group.id,
      name: group.name,
      isDefault: group.isDefault,
      timeZone: group.timeZone,
      summary: { en: weekSummary(group, "en"), zh: weekSummary(group, "zh") },
      losses: lossesFor((adapter, settings) => adapter.encodeCallTimeGroup(group, { settings }).losses),
    })),
    strategies: strategies.map((strategy) => ({
      id: strategy.id,
      name: strategy.name,
      summary: strategySummary(strategy),
      losses: lossesFor((adapter) => adapter.encodeRetryStrategy(strategy).losses),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Preview: exactly what would be sent

export interface TaskPreview {
  callTimeGroup: { id: string; name: string; value: unknown; losses: LocalizedText[] };
  retryStrategy: { id: string; name: string; value: unknown; losses: LocalizedText[] } | null;
  /** Typed parameters as they go to the adapter (only when there are no issues). */
  params: ParamValues;
  paramIssues: ParamIssue[];
}

interface Resolved {
  adapter: ProviderAdapter;
  ctx: ProviderContext;
  group: CallTimeGroup & { id: string };
  strategy: (RetryStrategy & { id: string }) | null;
  preview: TaskPreview;
}

/** Loads the account (must be enabled and able to create this task type), the group and the strategy. */
async function resolve(input: TTaskPreviewInput): Promise<Resolved> {
  const { adapter, ctx, account } = await providerContextFor(input.accountId).catch((e: unknown) => {
    throw e instanceof AppError && e.code === "NOT_FOUND"
      ? new AppError("NOT_FOUND", { en: "This provider account no longer exists.", zh: "该服务商账号已不存在。" }, "accountId")
      : e;
  });
  if (!account.enabled) {
    throw new AppError("INVALID", { en: "This provider account is disabled.", zh: "该服务商账号已停用。" }, "accountId");
  }
  if (!canCreate(adapter)) {
    throw new AppError("INVALID", { en: "Tasks of this provider are read-only here.", zh: "该服务商的任务在此仅可查看。" }, "accountId");
  }
  if (!adapter.capabilities.taskTypes.some((type) => type.value === input.taskType)) {
    throw new AppError("INVALID", { en: "This provider has no such task type.", zh: "该服务商没有此任务类型。" }, "taskType");
  }
  const group = await getCallTimeGroup(input.callTimeGroupId).catch((e: unknown) => {
    throw e instanceof AppError ? new AppError(e.code, e.userMessage, "callTimeGroupId") : e;
  });
  const strategy = input.retryStrategyId
    ? await getRetryStrategy(input.retryStrategyId).catch((e: unknown) => {
        throw e instanceof AppError ? new AppError(e.code, e.userMessage, "retryStrategyId") : e;
      })
    : null;
  const encodedGroup = adapter.encodeCallTimeGroup(group, ctx);
  const encodedStrategy = strategy ? adapter.encodeRetryStrategy(strategy) : null;
  const paramIssues = checkParams(adapter.capabilities, input.taskType, input.params);
  const specs = paramsForTaskType(adapter.capabilities.params, input.taskType);
  return {
    adapter,
    ctx,
    group,
    strategy,
    preview: {
      callTimeGroup: { id: group.id, name: group.name, value: encodedGroup.value, losses: encodedGroup.losses },
      retryStrategy:
        strategy && encodedStrategy ? { id: strategy.id, name: strategy.name, value: encodedStrategy.value, losses: encodedStrategy.losses } : null,
      params: paramIssues.length === 0 ? paramValuesFrom(specs, input.params) : {},
      paramIssues,
    },
  };
}

export async function previewTaskCreation(input: TTaskPreviewInput): Promise<TaskPreview> {
  return (await resolve(input)).preview;
}

// ---------------------------------------------------------------------------------------------
// Idempotency: one claim row per idempotency key.
//
// The schema has no column for the key, so a JobLease row named after it is the claim (its primary
// key makes two concurrent submits of the same key collide in the database, not in a race), and its
// owner column holds the state as JSON. A failed attempt releases the claim so a corrected resubmit
// with the same key goes through.

export interface TaskCreationResult {
  taskId: string;
  contacts: SendContactsResult;
}

type ClaimState = { state: "creating" } | { state: "created"; taskId: string } | { state: "done"; result: TaskCreationResult };

/** Long enough for a create plus 10 000 numbers in batches; an older unfinished claim is a crashed attempt. */
const CLAIM_MS = 10 * 60_000;
/** How long a finished key answers with its task: far beyond any retry or double click. */
const DONE_MS = 7 * 24 * 3600_000;
const WAIT_FOR_OTHER_MS = 30_000;
const POLL_MS = 250;

const claimName = (key: string) => `task-create:${key}`;

async function writeClaim(key: string, state: ClaimState, ttlMs: number): Promise<void> {
  await getDb().jobLease.update({
    where: { name: claimName(key) },
    data: { owner: JSON.stringify(state), expiresAt: new Date(Date.now() + ttlMs) },
  });
}

async function releaseClaim(key: string): Promise<void> {
  await getDb().jobLease.deleteMany({ where: { name: claimName(key) } });
}

const STILL_RUNNING = new AppError("CONFLICT", {
  en: "This task is still being created from an earlier click; wait a moment and open the tasks list.",
  zh: "该任务仍在按之前的提交创建中，请稍候并查看任务列表。",
});

/** Claims the key, or answers with what an earlier submit of the same key produced. */
async function claim(key: string): Promise<TaskCreationResult | null> {
  const db = getDb();
  const deadline = Date.now() + WAIT_FOR_OTHER_MS;
  for (;;) {
    try {
      await db.jobLease.create({
        data: { name: claimName(key), owner: JSON.stringify({ state: "creating" } satisfies ClaimState), expiresAt: new Date(Date.now() + CLAIM_MS) },
      });
      return null;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    const row = await db.jobLease.findUnique({ where: { name: claimName(key) }, select: { owner: true, expiresAt: true } });
    if (!row) continue;
    const state = JSON.parse(row.owner) as ClaimState;
    if (state.state === "done") return state.result;
    if (row.expiresAt.getTime() < Date.now()) {
      if (state.state === "created") {
        throw new AppError(
          "CONFLICT",
          {
            en: "The task was created but sending its numbers was interrupted; add the numbers on the task page.",
            zh: "任务已创建，但号码发送中断，请在任务页面添加号码。",
          },
          "contacts",
        );
      }
      // The earlier attempt died before creating anything: take the key over.
      const taken = await db.jobLease.updateMany({
        where: { name: claimName(key), expiresAt: row.expiresAt },
        data: { owner: JSON.stringify({ state: "creating" } satisfies ClaimState), expiresAt: new Date(Date.now() + CLAIM_MS) },
      });
      if (taken.count === 1) return null;
      continue;
    }
    // A double click: the first submit is running; answer with its result when it has one.
    if (Date.now() > deadline) throw STILL_RUNNING;
    await new Promise((resolveWait) => setTimeout(resolveWait, POLL_MS));
  }
}

// ---------------------------------------------------------------------------------------------
// Create

const PARAM_FIELD = (key: string) => `params.${key}`;

/** The wizard step a provider's refusal belongs to, from what its message names. */
export function fieldForProviderError(error: ProviderError, paramKeys: string[]): string | undefined {
  const text = `${error.code} ${error.providerMessage}`;
  const param = paramKeys.find((key) => new RegExp(`\\b${key}\\b`).test(text));
  if (param) return PARAM_FIELD(param);
  if (/\b(Name|name|task_name)\b|名称/.test(text)) return "name";
  if (/\b(Description|description)\b|描述/.test(text)) return "description";
  if (/dial_time|TimeStrategy|AutoTriggerTimeStrategy|dialAt|时间组|时间条件/.test(text)) return "callTimeGroupId";
  if (/Retry|redial|recycle|roundRedial|重呼|重试/.test(text)) return "retryStrategyId";
  return undefined;
}

function providerFailure(error: ProviderError, field: string | undefined): AppError {
  return new AppError(
    "PROVIDER",
    { en: `${error.userMessage.en} (${error.provider} ${error.code})`, zh: `${error.userMessage.zh}（${error.provider} ${error.code}）` },
    field,
  );
}

function checkBasics(input: TTaskWizardInput, limits: { nameMaxLength: number; descriptionMaxLength: number }): { name: string; description: string } {
  const name = input.name.trim();
  const description = input.description.trim();
  if (name === "") throw new AppError("INVALID", { en: "Enter a task name.", zh: "请填写任务名称。" }, "name");
  if (name.length > limits.nameMaxLength) {
    throw new AppError(
      "INVALID",
      { en: `At most ${limits.nameMaxLength} characters for this provider.`, zh: `该服务商最多 ${limits.nameMaxLength} 个字符。` },
      "name",
    );
  }
  if (description.length > limits.descriptionMaxLength) {
    throw new AppError(
      "INVALID",
      { en: `At most ${limits.descriptionMaxLength} characters for this provider.`, zh: `该服务商最多 ${limits.descriptionMaxLength} 个字符。` },
      "description",
    );
  }
  return { name, description };
}

const wizardText = catalogText(wizardEn, wizardZh);

function checkContacts(contacts: Contact[], rowsGiven: number): void {
  if (contacts.length === 0 && rowsGiven > 0) {
    throw new AppError("INVALID", wizardText("numbers.noValidNumbers", { rows: rowsGiven }), "contacts");
  }
  const seen = new Set<string>();
  for (const contact of contacts) {
    if (seen.has(contact.phone)) {
      throw new AppError("INVALID", { en: `${contact.phone} is listed twice.`, zh: `${contact.phone} 重复出现。` }, "contacts");
    }
    seen.add(contact.phone);
  }
}

/**
 * Re-validates the wizard's input, creates the task at the provider (once per idempotency key),
 * mirrors it with its local links and sends the numbers in the provider's batch size.
 */
export async function createTaskFromWizard({ actor, input }: { actor: AuditActor; input: TTaskWizardInput }): Promise<TaskCreationResult> {
  const parsed = ZTaskWizardInput.parse(input);
  const earlier = await claim(parsed.idempotencyKey);
  if (earlier) return earlier;

  let taskId: string | null = null;
  try {
    const { adapter, ctx, group, strategy, preview } = await resolve(parsed);
    const basics = checkBasics(parsed, adapter.capabilities.limits);
    // Issue 5: a lossy call-time group needs an explicit confirmation; a retry strategy's losses are
    // shown but do not block (most strategies lose something on every provider).
    const losses = preview.callTimeGroup.losses;
    if (losses.length > 0 && !parsed.acceptLosses) {
      throw new AppError(
        "INVALID",
        {
          en: "This provider cannot keep every rule of the call-time group; confirm the differences to continue.",
          zh: "该服务商无法完整保留呼叫时间组的全部规则，请确认这些差异后继续。",
        },
        "acceptLosses",
      );
    }
    const [issue] = preview.paramIssues;
    if (issue) throw new AppError("INVALID", issue.message, PARAM_FIELD(issue.key));
    checkContacts(parsed.contacts, parsed.contactRows);

    const draft: TaskDraft = {
      name: basics.name,
      description: basics.description,
      taskType: parsed.taskType,
      callTimeGroup: group,
      retryStrategy: strategy,
      params: preview.params,
      idempotencyKey: parsed.idempotencyKey,
    };
    const createTask = adapter.createTask?.bind(adapter);
    if (!createTask) throw new AppError("INVALID", undefined, "accountId");
    const remote = await createTask(ctx, draft).catch((e: unknown) => {
      throw e instanceof ProviderError ? providerFailure(e, fieldForProviderError(e, Object.keys(preview.params))) : e;
    });
    const mirrored = await upsertRemoteTask(parsed.accountId, remote, {
      link: { callTimeGroupId: group.id, retryStrategyId: strategy?.id ?? null, params: preview.params, description: basics.description },
    });
    taskId = mirrored.id;
    await writeClaim(parsed.idempotencyKey, { state: "created", taskId }, CLAIM_MS);

    const sent: SendContactsResult = { accepted: 0, rejected: [], failedBatches: [] };
    if (parsed.contacts.length > 0) {
      Object.assign(sent, await sendContactsInBatches({ adapter, ctx, remoteId: remote.remoteId, contacts: parsed.contacts }));
      // The provider now counts the numbers; its answer, not our arithmetic, updates the mirror.
      await refreshMirror({ adapter, ctx, accountId: parsed.accountId, taskId, remoteId: remote.remoteId });
    }
    const result: TaskCreationResult = { taskId, contacts: sent };
    await writeClaim(parsed.idempotencyKey, { state: "done", result }, DONE_MS);
    recordAudit({
      actor,
      action: "task.create",
      targetType: "task",
      targetId: taskId,
      after: {
        accountId: parsed.accountId,
        remoteId: remote.remoteId,
        name: basics.name,
        taskType: parsed.taskType,
        callTimeGroupId: group.id,
        retryStrategyId: strategy?.id ?? null,
        acceptedLosses: losses.map((loss) => loss.en),
        retryLosses: preview.retryStrategy?.losses.map((loss) => loss.en) ?? [],
        params: preview.params,
        contacts: { sent: parsed.contacts.length, accepted: sent.accepted, rejected: sent.rejected.length, failedBatches: sent.failedBatches.length },
      },
    });
    return result;
  } catch (e) {
    // Nothing was created: free the key so the corrected form can be sent again with it. Created but
    // the numbers failed: a resubmit must not create again, it is told to add the numbers instead.
    if (taskId === null) await releaseClaim(parsed.idempotencyKey);
    else await writeClaim(parsed.idempotencyKey, { state: "created", taskId }, 0);
    throw e;
  }
}
