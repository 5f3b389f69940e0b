// Numbers of a task: import (CloudImportTaskTel) and the number forms the call centre dials
// (docs/providers/aliyun-vms.md §Numbers).
import type { Contact, ContactsResult, ProviderContext } from "../types";
import { callAction, enterpriseId } from "./client";
import { formatAliyunDateTime } from "./mapping";
import { ZImportTaskTelData, type TTaskTel } from "./wire";

/** E.164 → the number as a Chinese call centre dials it: national form for +86, "00" prefix otherwise (INFERENCE). */
export function telFromE164(phone: string): string | null {
  const match = /^\+(\d{6,15})$/.exec(phone.trim());
  if (!match) return null;
  const digits = match[1];
  if (!digits.startsWith("86")) return `00${digits}`;
  const national = digits.slice(2);
  // Mobile numbers are dialled as they are; landlines (Beijing's area code 10 too) get the trunk 0.
  return /^1[3-9]\d{9}$/.test(national) ? national : `0${national}`;
}

export async function addContacts(ctx: ProviderContext, remoteId: string, contacts: Contact[]): Promise<ContactsResult> {
  const rejected: ContactsResult["rejected"] = [];
  const seen = new Set<string>();
  const tels: TTaskTel[] = [];
  for (const contact of contacts) {
    const tel = telFromE164(contact.phone);
    if (tel === null) {
      rejected.push({ phone: contact.phone, reason: { en: "Not a valid phone number.", zh: "号码格式无效。" } });
    } else if (seen.has(tel)) {
      rejected.push({ phone: contact.phone, reason: { en: "Listed twice in this batch.", zh: "本批次中重复。" } });
    } else {
      seen.add(tel);
      tels.push({ Tel: tel, Property: JSON.stringify({ name: contact.name, ...contact.variables }) });
    }
  }
  if (tels.length === 0) return { accepted: 0, rejected };
  const data = await callAction(
    ctx,
    "CloudImportTaskTel",
    {
      EnterpriseId: enterpriseId(ctx),
      TaskId: remoteId,
      // SDK model: the batch name is required; a new batch per request, named for when it was sent.
      Name: `Dialboard ${formatAliyunDateTime(ctx.now?.() ?? new Date())}`,
      TaskTelList: JSON.stringify(tels),
      // IsRepeat 1 (documented default): numbers already in the task are skipped, not dialled twice.
      IsRepeat: 1,
    },
    ZImportTaskTelData,
    { safe: false },
  );
  const accepted = Number(data.SuccessTotal ?? 0);
  const skipped = Number(data.ImportTotal ?? tels.length) - accepted;
  if (skipped > 0) {
    rejected.push({
      phone: "",
      reason: {
        en: `${skipped} number(s) were not imported: already in the task or invalid (Alibaba Cloud does not say which).`,
        zh: `${skipped} 个号码未导入：任务中已存在或号码无效（阿里云未说明具体号码）。`,
      },
    });
  }
  return { accepted, rejected };
}
