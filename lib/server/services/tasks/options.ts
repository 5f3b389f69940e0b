// What the task-write forms offer: accounts that can create tasks (the wizard), and the call-time groups and
// retry strategies with what each provider cannot keep of them, so a form can show the loss report and ask
// for the confirmation before anything is sent. The pipeline (write.ts) checks the same losses again.
import "server-only";
import type { TaskEditOptions, WizardOptions } from "../../../contracts/task-write";
import { weekSummaryText } from "../../../domain/call-time-group";
import { roundsSummaryText } from "../../../domain/retry";
import type { RetryStrategy } from "../../../domain/retry-strategy";
import type { LocalizedText } from "../../../domain/text";
import { adapterFor } from "../../../providers/registry";
import type { ParamChoice, ProviderAdapter } from "../../../providers/types";
import { logger } from "../../logger";
import { listCallTimeGroups } from "../call-time-groups";
import { listAccounts, providerContextFor } from "../provider-accounts";
import { listRetryStrategies } from "../retry-strategies";
import { tasksText } from "./texts";
import { canCreate, loadTask } from "./write";

function strategySummary(strategy: RetryStrategy): LocalizedText {
  if (strategy.rounds.length === 0) return tasksText("options.noRetries");
  return tasksText("options.retries", { count: strategy.rounds.length, intervals: roundsSummaryText(strategy) });
}

/** A bound on the values offered for one parameter. */
const MAX_CHOICES = 200;

/**
 * What the account offers for each parameter that has choices (ProviderAdapter.paramChoices). Best effort: a
 * provider that fails to answer leaves the field to be typed, and the failure is logged, not shown.
 */
async function paramChoicesOf(accountId: string, adapter: ProviderAdapter): Promise<Record<string, ParamChoice[]>> {
  const keys = adapter.capabilities.params.filter((spec) => spec.choices).map((spec) => spec.key);
  const offer = adapter.paramChoices;
  if (!offer || keys.length === 0) return {};
  try {
    const { ctx } = await providerContextFor(accountId);
    const entries = await Promise.all(
      keys.map(async (key): Promise<[string, ParamChoice[]]> => [key, (await offer.call(adapter, ctx, key)).slice(0, MAX_CHOICES)]),
    );
    return Object.fromEntries(entries.filter(([, choices]) => choices.length > 0));
  } catch (err) {
    logger.warn({ accountId, err: err instanceof Error ? err.message : String(err) }, "param choices failed");
    return {};
  }
}

/** Accounts, groups and strategies with each provider's loss report, for the wizard's steps. */
export async function wizardOptions(): Promise<WizardOptions> {
  const [accounts, groups, strategies] = await Promise.all([listAccounts(), listCallTimeGroups(), listRetryStrategies()]);
  const usable = accounts.filter((account) => account.enabled && canCreate(adapterFor(account.kind)));
  const choices = await Promise.all(usable.map((account) => paramChoicesOf(account.id, adapterFor(account.kind))));
  const lossesFor = (encode: (adapter: ProviderAdapter, settings: Record<string, string>) => LocalizedText[]) =>
    Object.fromEntries(usable.map((account) => [account.id, encode(adapterFor(account.kind), account.settings)]));
  return {
    accounts: usable.map((account, i) => {
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
        paramChoices: choices[i],
      };
    }),
    unavailableAccounts: accounts.length - usable.length,
    groups: groups.map((group) => ({
      id: group.id,
      name: group.name,
      isDefault: group.isDefault,
      timeZone: group.timeZone,
      summary: weekSummaryText(group),
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

/** The settings form's groups and strategies, each with what this task's provider loses of it. */
export async function taskEditOptions(taskId: string): Promise<TaskEditOptions> {
  const task = await loadTask(taskId);
  const [{ adapter, ctx }, groups, strategies] = await Promise.all([providerContextFor(task.accountId), listCallTimeGroups(), listRetryStrategies()]);
  return {
    groups: groups.map((group) => ({ id: group.id, name: group.name, losses: adapter.encodeCallTimeGroup(group, ctx).losses })),
    strategies: strategies.map((strategy) => ({ id: strategy.id, name: strategy.name, losses: adapter.encodeRetryStrategy(strategy).losses })),
  };
}
