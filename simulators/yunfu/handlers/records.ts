// Call records (docs/providers/yunfu.md §8): the list (通话列表) and one call's detail (通话详情).
import type { SimRequest, SimResponse } from "../../core/http";
import { chinaMs, notFound, ok, paginate } from "../protocol";
import type { SimRecord, YunfuSim } from "../state";

/**
 * A row as the list answers it: the CRM fields of the documented example (name, company, tags, components…,
 * with the number in `phone`) and the call fields of the call callback (callid = record_id, calldate,
 * answerdate, bill in seconds, number_data.number), plus the 13-code status. Newest first.
 */
function recordRow(r: SimRecord) {
  return {
    callid: r.callid,
    record_id: r.callid,
    phone: r.number,
    name: r.name,
    company: null,
    tags: [],
    tag_groups: [],
    operator_name: "移动",
    extra: null,
    send_wechat_data: [],
    components: [],
    status: r.status,
    calldate: r.calldate,
    answerdate: r.answerdate,
    hangupdate: r.hangupdate,
    bill: r.bill,
    duration: r.bill,
    number_data: { number: r.number, hangupdate: r.hangupdate, province: "江苏", city: "南京", operator: "移动" },
  };
}

export function listRecords(sim: YunfuSim, req: SimRequest, uuid: string): SimResponse {
  if (!sim.findTask(uuid)) return notFound("任务");
  const keyword = req.query.get("keyword");
  const from = req.query.get("start_at") ? chinaMs(req.query.get("start_at")!) : null;
  const to = req.query.get("end_at") ? chinaMs(req.query.get("end_at")!) : null;
  const rows = sim.store.state.records.filter((r) => {
    if (r.task_uuid !== uuid || (keyword && !r.number.includes(keyword))) return false;
    const at = chinaMs(r.calldate) ?? 0;
    return (from === null || at >= from) && (to === null || at <= to);
  });
  const { page, meta } = paginate([...rows].reverse(), req.query);
  return ok("查看通话记录列表成功", page.map(recordRow), meta);
}

/** 通话详情: one entry per sentence; the simulator has none to tell, so the greeting and the hang-up. */
export function recordDetail(sim: YunfuSim, _req: SimRequest, uuid: string, recordId: string): SimResponse {
  const r = sim.store.state.records.find((x) => x.task_uuid === uuid && x.callid === recordId);
  if (!r) return notFound("通话记录");
  const sentence = (sequence: number, notify: string, text: string) => ({
    id: sequence,
    record_id: r.callid,
    task_id: uuid,
    notify,
    callid: r.callid,
    error_code: 0,
    callee: r.number,
    question: text,
    answer_id: null,
    answer_text: text,
    answer_content: text,
    speak_ms: 0,
    play_ms: 2000,
    score: 0,
    sequence,
    created_at: r.calldate,
  });
  return ok("查看通话详情成功", { records: [sentence(1, "enter", "您好"), sentence(2, "hangup", "再见")] });
}
