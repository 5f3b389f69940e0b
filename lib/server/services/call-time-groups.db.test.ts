import { beforeEach, describe, expect, it } from "vitest";
import { defaultCallTimeGroup, emptyWeek, type CallTimeGroup } from "../../domain/call-time-group";
import { flushAudit } from "../audit";
import { getDb } from "../db";
import { freshDatabase } from "../testing/db";
import { listAudit } from "./audit-log";
import {
  createCallTimeGroup,
  deleteCallTimeGroup,
  duplicateCallTimeGroup,
  encodeForProviders,
  ensureDemoCallTimeGroups,
  getCallTimeGroup,
  getDefaultCallTimeGroup,
  listCallTimeGroups,
  setDefaultCallTimeGroup,
  updateCallTimeGroup,
  upsertImportedCallTimeGroup,
} from "./call-time-groups";

const actor = { id: null, email: "manager@example.com" };

async function taskUsing(groupId: string) {
  const db = getDb();
  const account = await db.providerAccount.create({
    data: { kind: "yunfu", name: "Yunfu", baseUrl: "http://127.0.0.1:1", credentialsEnc: "x", settings: "{}" },
    select: { id: true },
  });
  return db.task.create({
    data: { accountId: account.id, remoteId: "1", name: "Renewals", status: "running", callTimeGroupId: groupId },
    select: { id: true },
  });
}

describe("call-time groups", () => {
  beforeEach(async () => {
    await freshDatabase();
  });

  it("stores a group and reads it back as the same domain value; the first group becomes the default", async () => {
    const group: CallTimeGroup = {
      ...defaultCallTimeGroup("Weekdays"),
      weekly: { ...emptyWeek(), 1: [{ start: 540, end: 720 }], 6: [{ start: 615, end: 705 }] },
      makeUpDayAs: 1,
      overrides: [{ date: "2026-12-24", ranges: [] }],
    };
    const { id } = await createCallTimeGroup({ actor, data: group });
    expect(await getCallTimeGroup(id)).toEqual({ ...group, id, isDefault: true });
    const [row] = await listCallTimeGroups();
    expect(row).toMatchObject({ id, taskCount: 0, isDefault: true });
  });

  it("refuses an overlapping range with a message naming the day, in both languages", async () => {
    const data = { ...defaultCallTimeGroup("Bad"), weekly: { ...emptyWeek(), 2: [{ start: 540, end: 720 }, { start: 660, end: 780 }] } };
    await expect(createCallTimeGroup({ actor, data })).rejects.toMatchObject({
      code: "INVALID",
      field: "weekly.2",
      userMessage: { en: "Tuesday: 09:00–12:00 overlaps 11:00–13:00", zh: "周二：09:00–12:00 与 11:00–13:00 重叠" },
    });
    expect(await listCallTimeGroups()).toEqual([]);
  });

  it("keeps exactly one default, switched in one step, and an update cannot leave none", async () => {
    const a = await createCallTimeGroup({ actor, data: defaultCallTimeGroup("A") });
    const b = await createCallTimeGroup({ actor, data: { ...defaultCallTimeGroup("B"), isDefault: true } });
    expect((await getDefaultCallTimeGroup())?.id).toBe(b.id);
    await setDefaultCallTimeGroup({ actor, id: a.id });
    const defaults = (await listCallTimeGroups()).filter((g) => g.isDefault);
    expect(defaults.map((g) => g.id)).toEqual([a.id]);
    await updateCallTimeGroup({ actor, id: a.id, data: { ...defaultCallTimeGroup("A2"), isDefault: false } });
    expect((await getDefaultCallTimeGroup())?.id).toBe(a.id);
    await updateCallTimeGroup({ actor, id: b.id, data: { ...defaultCallTimeGroup("B"), isDefault: true } });
    expect((await listCallTimeGroups()).filter((g) => g.isDefault).map((g) => g.id)).toEqual([b.id]);
  });

  it("refuses to delete a group while a task uses it, then deletes it once free", async () => {
    await createCallTimeGroup({ actor, data: defaultCallTimeGroup("Default") });
    const { id } = await createCallTimeGroup({ actor, data: defaultCallTimeGroup("Busy") });
    const task = await taskUsing(id);
    expect((await listCallTimeGroups()).find((g) => g.id === id)?.taskCount).toBe(1);
    await expect(deleteCallTimeGroup({ actor, id })).rejects.toMatchObject({
      code: "CONFLICT",
      userMessage: {
        en: "“Busy” is used by 1 task; choose another group for it before deleting.",
        zh: "“Busy”正被 1 个任务使用，请先为这些任务选择其他时间组再删除。",
      },
    });
    await getDb().task.update({ where: { id: task.id }, data: { status: "deleted" } });
    await deleteCallTimeGroup({ actor, id });
    await expect(getCallTimeGroup(id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses to delete the default while other groups exist", async () => {
    const { id } = await createCallTimeGroup({ actor, data: defaultCallTimeGroup("Default") });
    await createCallTimeGroup({ actor, data: defaultCallTimeGroup("Other") });
    await expect(deleteCallTimeGroup({ actor, id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("duplicates a group as a non-default copy with the same rules", async () => {
    const { id } = await createCallTimeGroup({ actor, data: { ...defaultCallTimeGroup("Office"), timeZone: "Europe/London" } });
    const copy = await duplicateCallTimeGroup({ actor, id });
    const stored = await getCallTimeGroup(copy.id);
    expect(stored).toMatchObject({ name: "Office (copy)", timeZone: "Europe/London", isDefault: false });
    expect(stored.weekly).toEqual((await getCallTimeGroup(id)).weekly);
  });

  it("seeds demo groups once, with one default, and not again after a manager deleted every group", async () => {
    await ensureDemoCallTimeGroups();
    await ensureDemoCallTimeGroups();
    const groups = await listCallTimeGroups();
    expect(groups.length).toBe(3);
    expect(groups.filter((g) => g.isDefault).map((g) => g.name)).toEqual(["工作日 Weekdays 09:00–12:00, 13:00–18:00"]);
    expect(groups[0]).toMatchObject({ timeZone: "Asia/Shanghai", skipHolidays: true });
    for (const g of groups.filter((g) => !g.isDefault)) await deleteCallTimeGroup({ actor, id: g.id });
    await deleteCallTimeGroup({ actor, id: groups[0].id });
    await flushAudit();
    await ensureDemoCallTimeGroups();
    expect(await listCallTimeGroups()).toEqual([]);
  });

  it("reuses a stored group with the same rules for an imported group instead of duplicating it", async () => {
    const { id } = await createCallTimeGroup({ actor, data: defaultCallTimeGroup("Office") });
    const imported = { ...defaultCallTimeGroup("远程时间组"), isDefault: true };
    expect(await upsertImportedCallTimeGroup(imported, "yunfu:acc:7")).toBe(id);
    const other = { ...imported, skipHolidays: false };
    const newId = await upsertImportedCallTimeGroup(other, "yunfu:acc:8");
    expect(newId).not.toBe(id);
    expect(await getCallTimeGroup(newId)).toMatchObject({ name: "远程时间组", isDefault: false, skipHolidays: false });
    expect(await upsertImportedCallTimeGroup(other, "yunfu:acc:8")).toBe(newId);
  });

  it("writes an audit entry for each change", async () => {
    const { id } = await createCallTimeGroup({ actor, data: defaultCallTimeGroup("Office") });
    await updateCallTimeGroup({ actor, id, data: { ...defaultCallTimeGroup("Office"), timeZone: "Asia/Tokyo" } });
    const copy = await duplicateCallTimeGroup({ actor, id });
    await setDefaultCallTimeGroup({ actor, id: copy.id });
    await deleteCallTimeGroup({ actor, id });
    await flushAudit();
    const { rows } = await listAudit({ page: 1 });
    expect(rows.map((r) => r.action)).toEqual([
      "callTimeGroup.delete",
      "callTimeGroup.setDefault",
      "callTimeGroup.duplicate",
      "callTimeGroup.update",
      "callTimeGroup.create",
    ]);
  });

  it("tells per provider whether the group is expressed exactly", () => {
    const group = {
      ...defaultCallTimeGroup("Office"),
      skipHolidays: false,
      weekly: { ...defaultCallTimeGroup("x").weekly, 6: [{ start: 615, end: 705 }] },
    };
    const byKind = Object.fromEntries(encodeForProviders(group).map((e) => [e.kind, e]));
    expect(byKind.yunfu.losses).toEqual([]);
    expect(byKind.wshoto).toMatchObject({ applicable: false, losses: [] });
    const nx = byKind.nxcloud.losses.map((l) => l.en).join("\n");
    expect(nx).toContain("10:15");
    expect(nx).toContain("Saturday");
  });
});
