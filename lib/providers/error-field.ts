// Which form field a provider's refusal is about (ProviderError.field), from the request key the provider
// names in it. Each adapter says which of its own wire keys carry which form field; the services never read
// provider text (the task-write pipeline shows the refusal on ProviderError.field).

/** Form fields of a task write, each with the wire keys that carry it at one provider. */
export type WireFields = Partial<Record<"name" | "description" | "callTimeGroupId" | "retryStrategyId" | "contacts", readonly string[]>>;

/**
 * The field of the first key `text` names: a dialing parameter by its own key ("params.<key>"), or the form
 * field a wire key carries. Keys are matched as whole words, also inside dotted paths ("taskCreateSetting.maxCall").
 */
export function fieldNamedIn(text: string, wire: WireFields, paramKeys: readonly string[]): string | undefined {
  for (const word of text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
    if (paramKeys.includes(word)) return `params.${word}`;
    const field = Object.entries(wire).find(([, keys]) => keys?.includes(word))?.[0];
    if (field) return field;
  }
  return undefined;
}
