/**
 * Request parameters one per line, each value exactly as sent: a string parameter holding JSON
 * (Aliyun's RetryStrategy) is shown as that JSON, not re-escaped inside another JSON document.
 */
export function sentText(value: unknown): string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return JSON.stringify(value);
  return Object.entries(value)
    .map(([key, v]) => `${key} = ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join("\n");
}
