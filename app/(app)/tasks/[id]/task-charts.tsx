"use client";
// The task page's recharts charts, in a module of their own so the page loads them lazily (task-stats-panel.tsx).
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { COLORS, OUTCOMES } from "@/components/stats/chart";
import { formatRate } from "@/lib/domain/stats";
import type { ActivityPoint, SeriesPoint } from "@/lib/contracts/stats";

export function SeriesChart({ points, mode, timeLabel }: { points: (SeriesPoint & { t: number })[]; mode: "rates" | "counts"; timeLabel: (value: number) => string }) {
  const t = useTranslations("stats");
  const locale = useLocale();
  const format = useFormatter();
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={timeLabel} fontSize={11} minTickGap={24} />
        {mode === "rates" ? (
          <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} fontSize={11} width={40} />
        ) : (
          <YAxis allowDecimals={false} fontSize={11} width={48} />
        )}
        <Tooltip
          labelFormatter={(v) => timeLabel(Number(v))}
          formatter={(value) => (mode === "rates" ? formatRate(Number(value), locale) : format.number(Number(value)))}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {mode === "rates" ? (
          <>
            <Line type="monotone" dataKey="answerRate" name={t("kpi.answerRate")} stroke={COLORS.answered} dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="finishRate" name={t("kpi.finishRate")} stroke={COLORS.finish} dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="penetrationRate" name={t("kpi.connectRate")} stroke={COLORS.connect} dot={false} isAnimationActive={false} />
          </>
        ) : (
          <>
            <Line type="monotone" dataKey="totalCalls" name={t("kpi.calls")} stroke={COLORS.calls} dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="answeredCalls" name={t("kpi.answeredCalls")} stroke={COLORS.answered} dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="finishedOrders" name={t("kpi.finishedOrders")} stroke={COLORS.finish} dot={false} isAnimationActive={false} />
          </>
        )}
      </LineChart>
    </ResponsiveContainer>
  );
}

export function ActivityChart({
  points,
  hourLabel,
  fullLabel,
}: {
  points: (ActivityPoint & { other: number; t: number })[];
  hourLabel: (value: number) => string;
  fullLabel: (value: number) => string;
}) {
  const t = useTranslations("stats");
  const format = useFormatter();
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="t" tickFormatter={hourLabel} fontSize={11} minTickGap={16} />
        <YAxis allowDecimals={false} fontSize={11} width={40} />
        <Tooltip labelFormatter={(v) => fullLabel(Number(v))} formatter={(value) => format.number(Number(value))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {OUTCOMES.map((key) => (
          <Bar key={key} dataKey={key} stackId="calls" name={t(`outcome.${key}`)} fill={COLORS[key]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
