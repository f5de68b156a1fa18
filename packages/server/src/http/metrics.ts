/** Counts requests by method, route pattern and status for /metrics. In memory, per process. */
export class RequestCounter {
  readonly #counts = new Map<string, number>();

  add(method: string, route: string, status: number): void {
    const key = `${method}|${route}|${status}`;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  lines(name: string): string[] {
    return [...this.#counts].map(([key, n]) => {
      const [method, route, status] = key.split('|');
      return `${name}{method="${method}",route="${route}",status="${status}"} ${n}`;
    });
  }
}
