// CloudQueryPredictiveCallCdr: call records of predictive outbound (预测式外呼) tasks (SDK model,
// docs/providers/aliyun-vms.md §Call records). StartTime/EndTime are epoch seconds that may not cross a month
// ("不允许跨月"), defaulting to the current month; Limit ≤ 1000 (default 10), Start ≥ 0.
import { invalid, optionalInt, type Params } from "../rpc";
import type { SimContext, SimEnterprise, SimTask, SimTaskCall } from "../state";
import { shanghaiParts } from "../time";

/** CloudQueryPredictiveCallCdrRequest (SDK model). */
export const CDR_PARAMS = [
  "EnterpriseId", "TaskId", "TaskFileId", "AgentName", "City", "Clid", "Cno", "CustomerNumber", "DisplayNumber", "DownGrade", "EndTime",
  "Gno", "IsRealAnswer", "Limit", "Province", "RequestUniqueId", "Start", "StartTime", "Status", "TimeRangeType", "UniqueId",
  "UserFieldValue", "UserFieldkey",
];

const SHANGHAI = 8 * 3_600_000;

/** [first ms, next month's first ms) of the Beijing-time month holding `ms`. */
function monthOf(ms: number): [number, number] {
  const d = new Date(ms + SHANGHAI);
  return [Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - SHANGHAI, Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - SHANGHAI];
}

// Status codes of the SDK model: 40 customer did not answer, 41 customer answered, 42 called, 43 both answered.
const statusCode = (c: SimTaskCall) => (c.outcome === "answered" ? "43" : "40");
const STATUS_TEXT: Record<string, string> = { "40": "客户未接听", "43": "双方接听" };
const SIP_CAUSE: Record<string, [string, string]> = {
  answered: ["200", "接通"],
  "no-answer": ["480", "无人接听"],
  busy: ["486", "用户忙"],
  unreachable: ["404", "空号"],
  rejected: ["603", "拒接"],
  failed: ["500", "呼叫失败"],
};

function record(task: SimTask, c: SimTaskCall): Record<string, string> {
  const secs = (ms: number | null) => (ms === null ? "0" : String(Math.floor(ms / 1000)));
  const code = statusCode(c);
  const [sipCause, sipCauseStr] = SIP_CAUSE[c.outcome] ?? SIP_CAUSE.failed;
  return {
    Id: c.callId,
    CallId: c.callId,
    UniqueId: `uniq_${c.callId}`,
    CallType: "predictive",
    CustomerNumber: c.phone,
    StartTime: secs(c.startedAt),
    CalleeRingingTime: secs(c.startedAt),
    AnswerTime: secs(c.answeredAt),
    BridgeTime: secs(c.answeredAt),
    EndTime: secs(c.endedAt),
    TotalDuration: String(Math.round((c.endedAt - c.startedAt) / 1000)),
    BridgeDuration: String(c.durationSec),
    Status: STATUS_TEXT[code],
    StatusCode: code,
    SipCause: sipCause,
    SipCauseStr: sipCauseStr,
    TaskId: String(task.props.Id),
    TaskName: String(task.props.Name),
    TaskFileId: String(c.fileId),
  };
}

export function queryPredictiveCdr(ctx: SimContext, ent: SimEnterprise, p: Params): unknown {
  const start = optionalInt(p, "Start") ?? 0;
  const limit = optionalInt(p, "Limit") ?? 10;
  if (start < 0) throw invalid("Start", "must be 0 or more");
  if (limit < 1 || limit > 1000) throw invalid("Limit", "must be between 1 and 1000");
  const fromSec = optionalInt(p, "StartTime");
  const toSec = optionalInt(p, "EndTime");
  const [monthStart, monthEnd] = monthOf(fromSec !== undefined ? fromSec * 1000 : toSec !== undefined ? toSec * 1000 : ctx.clock.nowMs());
  const from = fromSec !== undefined ? fromSec * 1000 : monthStart;
  const to = toSec !== undefined ? toSec * 1000 : monthEnd - 1000;
  if (to < from) throw invalid("EndTime", "must not be before StartTime");
  if (shanghaiParts(from).month !== shanghaiParts(to).month) throw invalid("EndTime", "StartTime and EndTime must be in the same month");
  const taskId = optionalInt(p, "TaskId");
  const fileId = optionalInt(p, "TaskFileId");
  const number = p.get("CustomerNumber");
  const status = p.get("Status");
  // Predictive outbound only: automatic (Type 2) tasks have no records here.
  const rows = ent.tasks
    .filter((t) => Number(t.props.Type) === 1 && (taskId === undefined || Number(t.props.Id) === taskId))
    .flatMap((t) => t.calls.map((c) => ({ t, c })))
    .filter(({ c }) => c.startedAt >= from && c.startedAt <= to + 999)
    .filter(({ c }) => (fileId === undefined || c.fileId === fileId) && (!number || c.phone === number) && (!status || statusCode(c) === status))
    .sort((a, b) => a.c.startedAt - b.c.startedAt || a.c.callId.localeCompare(b.c.callId));
  return { List: rows.slice(start, start + limit).map(({ t, c }) => record(t, c)) };
}
