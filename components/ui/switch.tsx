"use client";

/**
 * An on/off switch: a button with the switch role (Space and Enter toggle it, a <label htmlFor> names it and
 * clicks it). `data-state` on the button and its thumb is "checked" or "unchecked" for styling. Written here
 * rather than taken from a component library, whose shared code was a large part of the editor pages' first
 * load (issue 14 goal 4).
 */
export function Switch({
  id,
  checked,
  disabled,
  onCheckedChange,
  className = "",
  thumbClassName = "",
}: {
  id?: string;
  checked: boolean;
  disabled?: boolean;
  onCheckedChange: (checked: boolean) => void;
  className?: string;
  thumbClassName?: string;
}) {
  const state = checked ? "checked" : "unchecked";
  return (
    <button
      type="button"
      role="switch"
      id={id}
      aria-checked={checked}
      data-state={state}
      disabled={disabled}
      onClick={() => onCheckedChange(!checked)}
      className={className}
    >
      <span data-state={state} className={thumbClassName} />
    </button>
  );
}
