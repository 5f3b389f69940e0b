// A WShoto follow-up or mass-send task as WShoto has it now (read-only): what employees are asked to
// do (explain, verbal wrap, materials), whom (filter range), and how far each employee got.
import { getLocale, getTranslations } from "next-intl/server";
import { Card, Notice } from "@/components/ui/card";
import { localize } from "@/i18n/locales";
import type { LocalizedText } from "@/lib/domain/call-time-group";
import type { FollowUpDetail } from "@/lib/providers/types";

export async function FollowUpSection({ remoteId, data }: { remoteId: string; data: { detail: FollowUpDetail | null; error: LocalizedText | null } }) {
  const t = await getTranslations("tasks.followUp");
  const locale = await getLocale();
  const { detail, error } = data;
  return (
    <Card>
      <h2 className="mb-1 text-base font-semibold text-slate-900">{t("title")}</h2>
      <p className="mb-4 text-sm text-slate-600">{t("readOnly")}</p>
      {error ? <Notice tone="error">{t("unavailable", { reason: localize(error, locale) })}</Notice> : null}
      {detail ? (
        <div className="space-y-6">
          <dl className="grid gap-4 text-sm sm:grid-cols-2">
            <div className="min-w-0">
              <dt className="text-xs text-slate-500">{t("templateId")}</dt>
              <dd className="break-all font-mono text-slate-900" data-testid="template-id">
                {detail.templateId}
              </dd>
              {detail.templateId !== remoteId ? <dd className="text-xs text-red-700">{t("idMismatch", { id: remoteId })}</dd> : null}
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("filterRange")}</dt>
              <dd className="whitespace-pre-wrap break-all font-mono text-xs text-slate-900">{detail.filterRange || t("none")}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("explain")}</dt>
              <dd className="whitespace-pre-wrap text-slate-900">{detail.explain || t("none")}</dd>
              <dd className="text-xs text-slate-500">{t("materialCount", { count: detail.explainMaterials })}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("verbal")}</dt>
              <dd className="whitespace-pre-wrap text-slate-900">{detail.verbalTitle || t("none")}</dd>
              <dd className="text-xs text-slate-500">{t("materialCount", { count: detail.verbalMaterials })}</dd>
            </div>
          </dl>
          {detail.materials.length > 0 ? (
            <div>
              <h3 className="text-sm font-semibold text-slate-800">{t("materials")}</h3>
              <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
                {detail.materials.map((m, i) => (
                  <li key={`${m.id ?? "m"}-${i}`}>
                    <span className="font-mono">{m.id ?? "—"}</span>
                    {m.type !== null ? <span className="text-slate-500"> · {t("materialType", { type: m.type })}</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div>
            <h3 className="text-sm font-semibold text-slate-800">{t("execution")}</h3>
            {detail.execution.length === 0 ? (
              <p className="mt-1 text-sm text-slate-500">{t("noExecution")}</p>
            ) : (
              <div className="mt-2 overflow-x-auto">
                <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="execution-table">
                  <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                    <tr>
                      <th scope="col" className="py-2 pr-4">{t("employee")}</th>
                      <th scope="col" className="py-2 pr-4">{t("state")}</th>
                      <th scope="col" className="py-2 pr-4 text-right">{t("planned")}</th>
                      <th scope="col" className="py-2 pr-4 text-right">{t("followed")}</th>
                      <th scope="col" className="py-2 text-right">{t("completeRate")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {detail.execution.map((e) => (
                      <tr key={e.userId}>
                        <td className="py-2 pr-4 font-mono">{e.userId}</td>
                        <td className="py-2 pr-4">{t(`states.${e.status}`)}</td>
                        <td className="py-2 pr-4 text-right tabular-nums">{e.planTargetQty}</td>
                        <td className="py-2 pr-4 text-right tabular-nums">{e.followedTargetQty}</td>
                        <td className="py-2 text-right tabular-nums">{e.completeRate.toFixed(2)}%</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        </div>
      ) : null}
    </Card>
  );
}
