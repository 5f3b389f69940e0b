// A simulator's state in one JSON file, so a restarted simulator still knows its tasks.
// Keep the state JSON-safe (dates as ISO strings or epoch ms): it goes through JSON.stringify.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const SAVE_DEBOUNCE_MS = 200;

export class JsonStore<T> {
  state: T;
  private timer: NodeJS.Timeout | null = null;

  /** file undefined = in memory only. Loads the file if it exists. */
  constructor(
    private readonly file: string | undefined,
    private readonly initial: () => T,
  ) {
    this.state = initial();
    this.load();
  }

  /** Replaces the state with the file's content; a missing file leaves it untouched, an unreadable one is reported. */
  load(): void {
    if (!this.file || !existsSync(this.file)) return;
    try {
      this.state = JSON.parse(readFileSync(this.file, "utf8")) as T;
    } catch (err) {
      console.error(`[sim] cannot read ${this.file}, starting empty: ${err instanceof Error ? err.message : String(err)}`);
      this.state = this.initial();
    }
  }

  /** Debounced write: a burst of changes costs one write. */
  save(): void {
    if (!this.file || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.saveNow();
    }, SAVE_DEBOUNCE_MS);
    this.timer.unref();
  }

  /** Writes now, atomically (temp file + rename), so a crash never leaves half a file. */
  saveNow(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, this.file);
  }

  reset(): void {
    this.state = this.initial();
    this.saveNow();
  }
}
