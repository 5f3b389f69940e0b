// The embedded mode: built-in simulators on loopback and one demo provider account per kind.
export async function prepareEmbedded(): Promise<() => Promise<void>> {
  return async () => {};
}
