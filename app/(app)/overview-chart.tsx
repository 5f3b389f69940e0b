"use client";
// The overview's recharts chart, in a module of its own so the page loads it lazily (overview-dashboard.tsx).
import { useFormatter, useTranslations } from "next-intl";
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { COLORS } from "@/components/stats/chart";
import type { HourPoint } from "@/lib/contracts/stats";

export function HourlyChart({ points, tick, full }: { points: (HourPoint & { t: number })[]; tick: (value: number) => string; full: (value: number) => string }) {
  const t = useTranslations("stats.overview");
  const format = useFormatter();
  return (
    <ResponsiveContainer width="100%" height="100%">
      <AreaChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={tick} fontSize={11} minTickGap={24} />
        <YAxis allowDecimals={false} fontSize={11} width={44} />
        <Tooltip labelFormatter={(v) => full(Number(v))} formatter={(value) => format.number(Number(value))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Area type="monotone" dataKey="calls" name={t("hourly.calls")} stroke={COLORS.calls} fill={COLORS.calls} fillOpacity={0.15} isAnimationActive={false} />
        <Area type="monotone" dataKey="answered" name={t("hourly.answered")} stroke={COLORS.answered} fill={COLORS.answered} fillOpacity={0.25} isAnimationActive={false} />
      </AreaChart>
    </ResponsiveContainer>
  );
}
