/**
 * `--concurrency`: linting files in worker threads. The workers read and lint files with the same
 * configuration (each builds its own resolver from the loaded configuration); the main thread keeps
 * discovery, the cache, suppressions, project rules and output, and takes the results back in file
 * order, so the output is the same bytes whatever the number of threads.
 */
import os from "node:os";
import { Worker } from "node:worker_threads";
import type { FlowTypeName, LoadedConfig, RuleSetting } from "@connect-lint/core";
import type { FileOutcome } from "./lint-file.js";

/** `auto` uses at most this many threads: past it, reading files and merging results dominate. */
export const AUTO_MAX_THREADS = 4;
/** `auto` uses threads only from this many files on: below it, starting a worker (loading the rules, warming up the JIT, the project pass re-reading its files) costs more than it saves (see BENCHMARKS.md). */
export const AUTO_MIN_FILES = 200;
/** Jobs sent to one worker and not yet answered: enough to keep it busy, few enough to bound memory. */
const IN_FLIGHT_PER_WORKER = 8;

/** What a worker needs to resolve the same configuration as the main thread. */
export interface WorkerSetup {
  readonly loaded: LoadedConfig;
  readonly cliRules: Readonly<Record<string, RuleSetting>>;
  readonly cliFlowType: FlowTypeName | undefined;
}

export interface Job {
  readonly id: number;
  readonly path: string;
  readonly explicit: boolean;
  /** The content, when the main thread has read it already (for the cache). */
  readonly bytes?: Uint8Array | undefined;
}

export type Reply = { readonly id: number; readonly outcome: FileOutcome } | { readonly id: number; readonly error: string };

/**
 * `auto` uses threads only with at least this many CPUs. With two, the second thread's overhead (a
 * worker loads the rules and warms up its JIT, and the project pass reads and parses again every file
 * a worker linted, since parsed flows cannot cross threads cheaply) cost more than it saved: 0.87x
 * of one thread on a 2-CPU machine (see BENCHMARKS.md).
 */
export const AUTO_MIN_CPUS = 3;

/** What `auto` knows of the machine: CPUs available to this process, and the 1-minute load average. */
export interface MachineLoad {
  readonly cpus: number;
  readonly load: number;
}

function currentMachine(): MachineLoad {
  return { cpus: os.availableParallelism(), load: os.loadavg()[0] ?? 0 };
}

/**
 * The number of threads to lint `files` files with (1: in this thread, no worker). `auto` takes one
 * per CPU that is idle (CPUs less the load average), at most `AUTO_MAX_THREADS`, and only when the
 * machine has `AUTO_MIN_CPUS` and there are `AUTO_MIN_FILES`: where threads cannot win, it is one.
 */
export function threadCount(concurrency: number | "auto", files: number, machine: MachineLoad = currentMachine()): number {
  // Never more than the CPUs: each thread loads its own copy of the linter, so threads beyond the
  // CPUs only cost memory and time (`--concurrency 1000` on 2 CPUs took 91 s and 4.4 GB).
  if (concurrency !== "auto") return Math.max(1, Math.min(concurrency, files, machine.cpus));
  if (files < AUTO_MIN_FILES || machine.cpus < AUTO_MIN_CPUS) return 1;
  const idle = Math.floor(machine.cpus - machine.load + 0.5);
  return Math.max(1, Math.min(idle, machine.cpus, AUTO_MAX_THREADS));
}

/** What to tell the user when `--concurrency N` asks for more threads than there are CPUs (and files to use them). */
export function concurrencyCapNote(concurrency: number | "auto", files: number, cpus: number = os.availableParallelism()): string | undefined {
  if (concurrency === "auto" || concurrency <= cpus || files <= cpus) return undefined;
  return `--concurrency ${String(concurrency)}: using ${String(cpus)} threads, one per CPU (more would only cost memory and time).`;
}

interface Slot {
  readonly worker: Worker;
  inFlight: number;
}

/**
 * Worker threads that lint files beside the main thread: the main thread hands a file to a worker
 * when one has room and lints it itself otherwise, so `--concurrency N` is N threads in all (N - 1
 * workers) and no thread waits while a worker starts.
 */
export class LintPool {
  readonly #slots: Slot[];
  readonly #waiting = new Map<number, { resolve: (o: FileOutcome) => void; reject: (e: Error) => void }>();
  #nextId = 0;
  #failure: Error | undefined;

  /**
   * Starts the workers for `threads` threads in all (none for 1), or gives undefined when there are
   * none or the configuration cannot be sent to one (a JavaScript configuration holding functions).
   */
  static start(threads: number, setup: WorkerSetup): LintPool | undefined {
    if (threads <= 1) return undefined;
    try {
      structuredClone(setup);
    } catch {
      return undefined;
    }
    return new LintPool(threads - 1, setup);
  }

  private constructor(workers: number, setup: WorkerSetup) {
    this.#slots = Array.from({ length: workers }, () => {
      const worker = new Worker(new URL("./worker.js", import.meta.url), { workerData: setup });
      const slot: Slot = { worker, inFlight: 0 };
      worker.on("message", (reply: Reply) => {
        slot.inFlight--;
        const waiting = this.#waiting.get(reply.id);
        this.#waiting.delete(reply.id);
        if ("error" in reply) waiting?.reject(new Error(reply.error));
        else waiting?.resolve(reply.outcome);
      });
      worker.on("error", (error) => {
        this.#fail(error);
      });
      worker.on("exit", (code) => {
        if (this.#waiting.size > 0) this.#fail(new Error(`a lint worker stopped (exit code ${String(code)}) with files still to lint`));
      });
      return slot;
    });
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const waiting of this.#waiting.values()) waiting.reject(error);
    this.#waiting.clear();
  }

  /**
   * Sends a file to the least busy worker when one has room, and gives the promise of its outcome;
   * gives undefined when every worker has its fill (the caller then lints the file itself).
   */
  trySubmit(path: string, explicit: boolean, bytes?: Uint8Array): Promise<FileOutcome> | undefined {
    if (this.#failure) throw this.#failure;
    const slot = this.#slots.reduce((best, s) => (s.inFlight < best.inFlight ? s : best));
    if (slot.inFlight >= IN_FLIGHT_PER_WORKER) return undefined;
    const id = this.#nextId++;
    const outcome = new Promise<FileOutcome>((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
    // Awaited later, in file order; until then a failure must not count as unhandled.
    outcome.catch(() => undefined);
    slot.inFlight++;
    const job: Job = { id, path, explicit, bytes };
    slot.worker.postMessage(job);
    return outcome;
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}
