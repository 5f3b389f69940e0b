"use client";
// The overview's calls-per-hour chart: two areas (calls, answered) over time, drawn here as plain SVG. It was a
// charting library loaded after the page, which alone tripled the overview's JavaScript (issue 14 goal 4:
// first-load JS ≤ 180 kB); one chart of two series needs axes, a grid, a legend and a hover read-out only.
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { COLORS } from "@/components/stats/chart";
import type { HourPoint } from "@/lib/contracts/stats";

const MARGIN = { top: 8, right: 12, bottom: 22, left: 44 };
const LEGEND_HEIGHT = 24;
/** Least room between two time labels on the x axis. */
const TICK_SPACING = 72;

/** 0 … a round maximum in about four steps of whole numbers (calls are counted). */
function yTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power);
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(v);
  return ticks;
}

function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function HourlyChart({ points, tick, full }: { points: (HourPoint & { t: number })[]; tick: (value: number) => string; full: (value: number) => string }) {
  const t = useTranslations("stats.overview");
  const format = useFormatter();
  const [box, width] = useWidth<HTMLDivElement>();
  const [height, setHeight] = useState(0);
  const [hover, setHover] = useState<number | null>(null);
  useEffect(() => setHeight(box.current?.clientHeight ?? 0), [box, width]);

  const series = [
    { key: "calls" as const, name: t("hourly.calls"), color: COLORS.calls, opacity: 0.15 },
    { key: "answered" as const, name: t("hourly.answered"), color: COLORS.answered, opacity: 0.25 },
  ];
  const plotW = Math.max(0, width - MARGIN.left - MARGIN.right);
  const plotH = Math.max(0, height - LEGEND_HEIGHT - MARGIN.top - MARGIN.bottom);
  const t0 = points[0]?.t ?? 0;
  const t1 = points[points.length - 1]?.t ?? t0;
  const ticksY = yTicks(Math.max(0, ...points.map((p) => p.calls)));
  const yMax = ticksY[ticksY.length - 1];
  const x = (time: number) => MARGIN.left + (t1 === t0 ? plotW / 2 : ((time - t0) / (t1 - t0)) * plotW);
  const y = (value: number) => MARGIN.top + plotH - (value / yMax) * plotH;
  const every = Math.max(1, Math.ceil(points.length / Math.max(1, Math.floor(plotW / TICK_SPACING))));
  const ticksX = points.filter((_, i) => i % every === 0);
  const area = (key: "calls" | "answered") => {
    const line = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(p.t).toFixed(1)},${y(p[key]).toFixed(1)}`).join("");
    return { line, fill: `${line}L${x(t1).toFixed(1)},${y(0)}L${x(t0).toFixed(1)},${y(0)}Z` };
  };
  const hovered = hover === null ? null : points[hover];

  function onMove(e: React.PointerEvent<SVGRectElement>) {
    const left = e.currentTarget.getBoundingClientRect().left;
    const time = t0 + ((e.clientX - left) / Math.max(1, plotW)) * (t1 - t0);
    let nearest = 0;
    points.forEach((p, i) => {
      if (Math.abs(p.t - time) < Math.abs(points[nearest].t - time)) nearest = i;
    });
    setHover(nearest);
  }

  return (
    <div ref={box} className="relative h-full w-full">
      {width > 0 && height > 0 ? (
        <>
          <svg width={width} height={height - LEGEND_HEIGHT} role="img" aria-label={t("hourly.title")} className="block">
            {ticksY.map((v) => (
              <g key={v}>
                <line x1={MARGIN.left} x2={MARGIN.left + plotW} y1={y(v)} y2={y(v)} stroke="#e2e8f0" strokeDasharray="3 3" />
                <text x={MARGIN.left - 6} y={y(v)} dy="0.32em" textAnchor="end" fontSize={11} fill="#64748b">
                  {format.number(v)}
                </text>
              </g>
            ))}
            <line x1={MARGIN.left} x2={MARGIN.left + plotW} y1={y(0)} y2={y(0)} stroke="#94a3b8" />
            {ticksX.map((p) => (
              <text key={p.t} x={x(p.t)} y={MARGIN.top + plotH + 16} textAnchor="middle" fontSize={11} fill="#64748b">
                {tick(p.t)}
              </text>
            ))}
            {series.map((s) => {
              const { line, fill } = area(s.key);
              return (
                <g key={s.key}>
                  <path d={fill} fill={s.color} fillOpacity={s.opacity} />
                  <path d={line} fill="none" stroke={s.color} strokeWidth={1.5} />
                </g>
              );
            })}
            {hovered ? (
              <g>
                <line x1={x(hovered.t)} x2={x(hovered.t)} y1={MARGIN.top} y2={MARGIN.top + plotH} stroke="#94a3b8" />
                {series.map((s) => (
                  <circle key={s.key} cx={x(hovered.t)} cy={y(hovered[s.key])} r={3} fill={s.color} />
                ))}
              </g>
            ) : null}
            <rect x={MARGIN.left} y={MARGIN.top} width={plotW} height={plotH} fill="transparent" onPointerMove={onMove} onPointerLeave={() => setHover(null)} />
          </svg>
          {hovered ? (
            <div
              className="pointer-events-none absolute top-2 rounded-md bg-white px-3 py-2 text-xs shadow ring-1 ring-slate-200"
              style={x(hovered.t) > width / 2 ? { right: width - x(hovered.t) + 8 } : { left: x(hovered.t) + 8 }}
            >
              <div className="mb-1 font-medium text-slate-800">{full(hovered.t)}</div>
              {series.map((s) => (
                <div key={s.key} style={{ color: s.color }}>
                  {s.name}: {format.number(hovered[s.key])}
                </div>
              ))}
            </div>
          ) : null}
          <ul className="flex h-6 items-center justify-center gap-4 text-xs" style={{ height: LEGEND_HEIGHT }}>
            {series.map((s) => (
              <li key={s.key} className="inline-flex items-center gap-1.5" style={{ color: s.color }}>
                <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: s.color }} />
                {s.name}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
