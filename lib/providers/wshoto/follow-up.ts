// The follow-up view of a WShoto task (query_task_detail_info, seed 003): what employees are asked to do
// (explain, verbal wrap, materials), whom (filter range), and each employee's execution.
import { parse as parseLossless, stringify as stringifyLossless } from "lossless-json";
import { z } from "zod";
import type { EmployeeExecution, FollowUpDetail, RemoteTask } from "../types";

// The parts of the detail record the view reads; anything else in it is left alone.
const ZMaterialView = z.object({ id: z.string().nullish(), type: z.number().nullish(), send_type: z.number().nullish() }).passthrough();
const ZFollowUpRaw = z.object({
  template_id: z.string().nullish(),
  explain: z.object({ content: z.string().nullish(), materials: z.array(ZMaterialView).nullish() }).nullish(),
  verbal_wrap: z
    .object({ verbal_title: z.string().nullish(), verbal_type: z.number().nullish(), materials: z.array(ZMaterialView).nullish() })
    .nullish(),
  filter_range_info: z.string().nullish(),
});

/** filter_range_info is JSON in a string, with ids too big for a double: printed as written, never rounded. */
function prettyJson(text: string): string {
  try {
    return stringifyLossless(parseLossless(text), null, 2) ?? text;
  } catch {
    return text;
  }
}

export function followUpDetailFrom(task: RemoteTask, execution: EmployeeExecution[]): FollowUpDetail {
  const raw = ZFollowUpRaw.safeParse(task.raw);
  const data = raw.success ? raw.data : {};
  const explainMaterials = data.explain?.materials ?? [];
  const verbalMaterials = data.verbal_wrap?.materials ?? [];
  return {
    templateId: data.template_id ?? task.remoteId,
    explain: data.explain?.content ?? null,
    explainMaterials: explainMaterials.length,
    verbalTitle: data.verbal_wrap?.verbal_title ?? null,
    verbalMaterials: verbalMaterials.length,
    materials: [...explainMaterials, ...verbalMaterials].map((m) => ({ id: m.id ?? null, type: m.type ?? null, sendType: m.send_type ?? null })),
    filterRange: data.filter_range_info ? prettyJson(data.filter_range_info) : null,
    execution,
  };
}
