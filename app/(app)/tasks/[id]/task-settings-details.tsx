"use client";
// "Edit settings": the task settings form behind its <details>. The form (with the parameter editors) is
// downloaded when the details are first opened, not with the task page (issue 14 goal 4: first-load JS
// ≤ 180 kB); once opened it stays mounted, so what was typed survives closing and reopening.
import dynamic from "next/dynamic";
import { useState, type ComponentProps } from "react";
import type { TaskSettingsForm as Form } from "./task-settings-form";

const TaskSettingsForm = dynamic(() => import("./task-settings-form").then((m) => m.TaskSettingsForm));

export function TaskSettingsDetails({ summary, ...props }: { summary: string } & ComponentProps<typeof Form>) {
  const [opened, setOpened] = useState(false);
  return (
    <details
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary className="cursor-pointer text-sm font-medium text-brand-700">{summary}</summary>
      <div className="mt-4">{opened ? <TaskSettingsForm {...props} /> : null}</div>
    </details>
  );
}
