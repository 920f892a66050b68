// A bounded pool: at most `concurrency` tasks at once, and at most `groupLimits[group]` of one group
// (an old Trivy must scan one image at a time, while Grype may still run beside it). Tasks start in the
// order given whenever a slot is free, so the images first in the list are reported first.

export interface PoolTask<R> {
  readonly group?: string;
  run(): Promise<R>;
}

export async function runPool<R>(
  tasks: readonly PoolTask<R>[],
  concurrency: number,
  groupLimits: ReadonlyMap<string, number> = new Map(),
): Promise<R[]> {
  const limit = Math.max(1, Math.floor(concurrency));
  const results = new Array<R>(tasks.length);
  const waiting = tasks.map((_, index) => index);
  const runningByGroup = new Map<string, number>();
  let running = 0;

  return new Promise<R[]>((resolve, reject) => {
    let failed = false;
    const fits = (index: number): boolean => {
      const group = tasks[index]?.group;
      if (group === undefined) return true;
      return (runningByGroup.get(group) ?? 0) < (groupLimits.get(group) ?? Infinity);
    };
    const pump = (): void => {
      if (failed) return;
      if (waiting.length === 0 && running === 0) {
        resolve(results);
        return;
      }
      while (running < limit) {
        const position = waiting.findIndex(fits);
        if (position === -1) return;
        const [index] = waiting.splice(position, 1);
        if (index === undefined) return;
        start(index);
      }
    };
    const start = (index: number): void => {
      const task = tasks[index];
      if (task === undefined) return;
      running += 1;
      if (task.group !== undefined) runningByGroup.set(task.group, (runningByGroup.get(task.group) ?? 0) + 1);
      task.run().then(
        (value) => {
          results[index] = value;
          running -= 1;
          if (task.group !== undefined) runningByGroup.set(task.group, (runningByGroup.get(task.group) ?? 1) - 1);
          pump();
        },
        (error: unknown) => {
          // A task that throws is a bug in aks-gate, not a scanner failure: stop handing out work.
          failed = true;
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    };
    pump();
  });
}
