// Call-time groups (docs/design.md "Domain model"): stored as rows whose weekly hours and date overrides
// are JSON, read and written here as domain CallTimeGroups. The mirror owns groups; tasks point at them.
import "server-only";
import en from "../../../messages/en/timeGroups.json" with { type: "json" };
import zh from "../../../messages/zh-CN/timeGroups.json" with { type: "json" };
import { emptyWeek, ISO_WEEKDAYS, normalizeRanges, type CallTimeGroup, type DateOverride, type IsoWeekday, type LocalizedText, type MinuteRange } from "../../domain/call-time-group";
import { validateCallTimeGroup } from "../../domain/call-time-group-validation";
import { allAdapters } from "../../providers/registry";
import type { ProviderKind } from "../../providers/types";
import { recordAudit, type AuditActor } from "../audit";
import { getDb } from "../db";
import { AppError } from "../errors";
import { catalogText } from "../../domain/text";

const text = catalogText(en, zh);

export type StoredCallTimeGroup = CallTimeGroup & { id: string };
export type CallTimeGroupListRow = StoredCallTimeGroup & { taskCount: number };

const GROUP_SELECT = {
  id: true,
  name: true,
  timeZone: true,
  weekly: true,
  skipHolidays: true,
  makeUpDayAs: true,
  overrides: true,
  isDefault: true,
} as const;

interface GroupRow {
  id: string;
  name: string;
  timeZone: string;
  weekly: string;
  skipHolidays: boolean;
  makeUpDayAs: number | null;
  overrides: string;
  isDefault: boolean;
}

// A task that the provider deleted no longer dials with its group, so it does not hold the group.
const TASKS_IN_USE = { status: { not: "deleted" } } as const;

function rangesFrom(value: unknown): MinuteRange[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((r): r is MinuteRange => typeof r?.start === "number" && typeof r?.end === "number")
    .map((r) => ({ start: r.start, end: r.end }));
}

function fromRow(row: GroupRow): StoredCallTimeGroup {
  const weeklyJson = JSON.parse(row.weekly) as Record<string, unknown>;
  const weekly = emptyWeek();
  for (const day of ISO_WEEKDAYS) weekly[day] = rangesFrom(weeklyJson[String(day)]);
  const overrides = (JSON.parse(row.overrides) as unknown[]).map((o) => {
    const item = o as { date?: unknown; ranges?: unknown };
    return { date: String(item.date), ranges: rangesFrom(item.ranges) };
  });
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    weekly,
    skipHolidays: row.skipHolidays,
    makeUpDayAs: (row.makeUpDayAs ?? null) as IsoWeekday | null,
    overrides,
    isDefault: row.isDefault,
  };
}

function toData(group: CallTimeGroup) {
  return {
    name: group.name,
    timeZone: group.timeZone,
    weekly: JSON.stringify(group.weekly),
    skipHolidays: group.skipHolidays,
    makeUpDayAs: group.makeUpDayAs,
    overrides: JSON.stringify(group.overrides),
  };
}

/** Validates with the domain rules; the first issue becomes a bilingual AppError on its field ("weekly.2"). */
function validated(input: unknown): CallTimeGroup {
  const result = validateCallTimeGroup(input);
  if (!result.ok) {
    const [first] = result.issues;
    throw new AppError("INVALID", first.message, first.path.join("."));
  }
  return result.group;
}

function notFound(): AppError {
  return new AppError("NOT_FOUND", text("errors.notFound"));
}

export async function listCallTimeGroups(): Promise<CallTimeGroupListRow[]> {
  const rows = await getDb().callTimeGroup.findMany({
    select: { ...GROUP_SELECT, _count: { select: { tasks: { where: TASKS_IN_USE } } } },
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
  });
  return rows.map((row) => ({ ...fromRow(row), taskCount: row._count.tasks }));
}

/** Every group's rules, without the task counts the list page shows: what "is it open now" needs. */
export async function allCallTimeGroups(): Promise<StoredCallTimeGroup[]> {
  return (await getDb().callTimeGroup.findMany({ select: GROUP_SELECT })).map(fromRow);
}

export async function getCallTimeGroup(id: string): Promise<StoredCallTimeGroup> {
  const row = await getDb().callTimeGroup.findUnique({ where: { id }, select: GROUP_SELECT });
  if (!row) throw notFound();
  return fromRow(row);
}

/** The default group, or null while no group exists. */
export async function getDefaultCallTimeGroup(): Promise<StoredCallTimeGroup | null> {
  const row = await getDb().callTimeGroup.findFirst({ where: { isDefault: true }, select: GROUP_SELECT });
  return row ? fromRow(row) : null;
}

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["$transaction"]>[0]>[0];

/** Makes `id` the only default; runs inside the caller's transaction so there is never zero or two. */
async function makeOnlyDefault(tx: Tx, id: string): Promise<void> {
  await tx.callTimeGroup.updateMany({ where: { isDefault: true, id: { not: id } }, data: { isDefault: false } });
  await tx.callTimeGroup.update({ where: { id }, data: { isDefault: true }, select: { id: true } });
}

export async function createCallTimeGroup({ actor, data }: { actor: AuditActor; data: unknown }): Promise<{ id: string }> {
  const group = validated(data);
  const id = await getDb().$transaction(async (tx) => {
    // The first group is the default: tasks always have a group to fall back on.
    const first = (await tx.callTimeGroup.count()) === 0;
    const created = await tx.callTimeGroup.create({ data: { ...toData(group), isDefault: false }, select: { id: true } });
    if (group.isDefault || first) await makeOnlyDefault(tx, created.id);
    return created.id;
  });
  recordAudit({ actor, action: "callTimeGroup.create", targetType: "callTimeGroup", targetId: id, after: { ...group, isDefault: group.isDefault } });
  return { id };
}

/**
 * Saves the editor's group. `isDefault: true` makes it the only default; `false` on the current
 * default is kept as default, because "exactly one default" is changed by making another group default.
 */
export async function updateCallTimeGroup({ actor, id, data }: { actor: AuditActor; id: string; data: unknown }): Promise<void> {
  const group = validated(data);
  const before = await getCallTimeGroup(id);
  await getDb().$transaction(async (tx) => {
    await tx.callTimeGroup.update({ where: { id }, data: toData(group), select: { id: true } });
    if (group.isDefault && !before.isDefault) await makeOnlyDefault(tx, id);
  });
  const { id: _id, ...beforeGroup } = before;
  recordAudit({
    actor,
    action: "callTimeGroup.update",
    targetType: "callTimeGroup",
    targetId: id,
    before: beforeGroup,
    after: { ...group, isDefault: before.isDefault || group.isDefault },
  });
}

export async function setDefaultCallTimeGroup({ actor, id }: { actor: AuditActor; id: string }): Promise<void> {
  const before = await getDefaultCallTimeGroup();
  await getCallTimeGroup(id);
  await getDb().$transaction((tx) => makeOnlyDefault(tx, id));
  recordAudit({
    actor,
    action: "callTimeGroup.setDefault",
    targetType: "callTimeGroup",
    targetId: id,
    before: { defaultGroupId: before?.id ?? null },
    after: { defaultGroupId: id },
  });
}

function copyName(name: string): string {
  const suffix = " (copy)";
  return `${name.slice(0, 80 - suffix.length)}${suffix}`;
}

export async function duplicateCallTimeGroup({ actor, id }: { actor: AuditActor; id: string }): Promise<{ id: string }> {
  const source = await getCallTimeGroup(id);
  const created = await getDb().callTimeGroup.create({
    data: { ...toData({ ...source, name: copyName(source.name) }), isDefault: false },
    select: { id: true },
  });
  recordAudit({
    actor,
    action: "callTimeGroup.duplicate",
    targetType: "callTimeGroup",
    targetId: created.id,
    after: { name: copyName(source.name), from: id },
  });
  return { id: created.id };
}

export async function deleteCallTimeGroup({ actor, id }: { actor: AuditActor; id: string }): Promise<void> {
  const db = getDb();
  const group = await getCallTimeGroup(id);
  await db.$transaction(async (tx) => {
    const tasks = await tx.task.count({ where: { callTimeGroupId: id, ...TASKS_IN_USE } });
    if (tasks > 0) {
      throw new AppError("CONFLICT", text("errors.inUse", { name: group.name, count: tasks }));
    }
    if (group.isDefault && (await tx.callTimeGroup.count({ where: { id: { not: id } } })) > 0) {
      throw new AppError("CONFLICT", text("errors.isDefault", { name: group.name }));
    }
    await tx.callTimeGroup.delete({ where: { id }, select: { id: true } });
  });
  const { id: _id, ...before } = group;
  recordAudit({ actor, action: "callTimeGroup.delete", targetType: "callTimeGroup", targetId: id, before });
}

function sameRanges(a: readonly MinuteRange[], b: readonly MinuteRange[]): boolean {
  const [x, y] = [normalizeRanges(a), normalizeRanges(b)];
  return x.length === y.length && x.every((r, i) => r.start === y[i].start && r.end === y[i].end);
}

function sameOverrides(a: readonly DateOverride[], b: readonly DateOverride[]): boolean {
  const byDate = (list: readonly DateOverride[]) => [...list].sort((p, q) => (p.date < q.date ? -1 : 1));
  const [x, y] = [byDate(a), byDate(b)];
  return x.length === y.length && x.every((o, i) => o.date === y[i].date && sameRanges(o.ranges, y[i].ranges));
}

/** Same dialling rules (zone, hours, holidays, overrides); the name and default flag do not count. */
function sameRules(a: CallTimeGroup, b: CallTimeGroup): boolean {
  return (
    a.timeZone === b.timeZone &&
    a.skipHolidays === b.skipHolidays &&
    a.makeUpDayAs === b.makeUpDayAs &&
    ISO_WEEKDAYS.every((day) => sameRanges(a.weekly[day], b.weekly[day])) &&
    sameOverrides(a.overrides, b.overrides)
  );
}

/**
 * A group a provider reported (a Yunfu callback, a sync): reuse a stored group with the same rules
 * instead of creating a duplicate, else create one remembering where it came from. Returns its id.
 */
export async function upsertImportedCallTimeGroup(group: CallTimeGroup, sourceRef: string): Promise<string> {
  const valid = validated({ ...group, isDefault: false });
  const existing = (await listCallTimeGroups()).find((stored) => sameRules(stored, valid));
  if (existing) return existing.id;
  const { id } = await getDb().$transaction(async (tx) => {
    const first = (await tx.callTimeGroup.count()) === 0;
    const created = await tx.callTimeGroup.create({ data: { ...toData(valid), sourceRef, isDefault: first }, select: { id: true } });
    return created;
  });
  recordAudit({
    actor: { id: null, email: "system" },
    action: "callTimeGroup.import",
    targetType: "callTimeGroup",
    targetId: id,
    after: { ...valid, sourceRef },
  });
  return id;
}

function week(ranges: Partial<Record<IsoWeekday, MinuteRange[]>>): Record<IsoWeekday, MinuteRange[]> {
  return { ...emptyWeek(), ...ranges };
}

const h = (hours: number, minutes = 0) => hours * 60 + minutes;

/** Realistic starting groups for a new install, so tasks and previews have something to use. */
function demoGroups(): CallTimeGroup[] {
  const officeHours = [
    { start: h(9), end: h(12) },
    { start: h(13), end: h(18) },
  ];
  const evening = [{ start: h(18, 30), end: h(21) }];
  const london = [
    { start: h(9, 30), end: h(12, 30) },
    { start: h(14), end: h(17, 30) },
  ];
  return [
    {
      name: "工作日 Weekdays 09:00–12:00, 13:00–18:00",
      timeZone: "Asia/Shanghai",
      weekly: week({ 1: officeHours, 2: officeHours, 3: officeHours, 4: officeHours, 5: officeHours }),
      skipHolidays: true,
      makeUpDayAs: null,
      overrides: [],
      isDefault: true,
    },
    {
      name: "晚间与周末 Evenings & Saturday",
      timeZone: "Asia/Shanghai",
      weekly: week({ 1: evening, 2: evening, 3: evening, 4: evening, 5: evening, 6: [{ start: h(10), end: h(16) }] }),
      skipHolidays: true,
      makeUpDayAs: null,
      overrides: [],
      isDefault: false,
    },
    {
      name: "London office hours",
      timeZone: "Europe/London",
      weekly: week({ 1: london, 2: london, 3: london, 4: london, 5: london }),
      skipHolidays: false,
      makeUpDayAs: null,
      overrides: [],
      isDefault: false,
    },
  ];
}

/**
 * Creates the demo groups when there is no group at all and nobody has ever deleted one (so a
 * manager who removed every group does not see them come back). Called once at start in the embedded
 * mode (instrumentation.ts); pages never write.
 */
export async function ensureDemoCallTimeGroups(): Promise<void> {
  const db = getDb();
  if ((await db.callTimeGroup.count()) > 0) return;
  if ((await db.auditEntry.count({ where: { action: "callTimeGroup.delete" } })) > 0) return;
  await db.$transaction(async (tx) => {
    // Re-checked inside the transaction so two first requests do not both seed.
    if ((await tx.callTimeGroup.count()) > 0) return;
    for (const group of demoGroups()) {
      await tx.callTimeGroup.create({ data: { ...toData(group), isDefault: group.isDefault, sourceRef: "demo" }, select: { id: true } });
    }
  });
}

export interface ProviderEncoding {
  kind: ProviderKind;
  label: LocalizedText;
  /** False for providers whose tasks have no call windows (WShoto follow-ups). */
  applicable: boolean;
  losses: LocalizedText[];
}

/** How each provider would receive the group: exactly, or with the named losses. */
export function encodeForProviders(input: unknown): ProviderEncoding[] {
  const group = validated(input);
  return allAdapters().map((adapter) => {
    const applicable = adapter.capabilities.taskKinds.includes("call");
    return {
      kind: adapter.kind,
      label: adapter.capabilities.label,
      applicable,
      losses: applicable ? adapter.encodeCallTimeGroup(group).losses : [],
    };
  });
}
