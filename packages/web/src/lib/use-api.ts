/**
 * Loading data for a page: `useApiGet('/api/cases/{caseId}', { params: {
 * path: { caseId } } })` gives `{ data, error, loading, reload }` typed from
 * the API's document, aborts when the page goes away or the parameters
 * change, and keeps the last data while reloading (no flicker after an
 * action). `null` for the parameters loads nothing (yet).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem, client, type InitOf, type PathOf, type ResultOf } from './api';

export interface Loaded<T> {
  data: T | null;
  error: ApiProblem | null;
  loading: boolean;
  reload: () => void;
}

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type GetInit<P extends PathOf<'get'>> = Omit<InitOf<P, 'get'>, 'signal'>;
/** The parameters: optional when the route needs none; `null` loads nothing. */
export type GetArg<P extends PathOf<'get'>> =
  RequiredKeys<GetInit<P>> extends never ? [init?: GetInit<P> | null] : [init: GetInit<P> | null];

export function toProblem(e: unknown): ApiProblem {
  return e instanceof ApiProblem ? e : new ApiProblem(0, 'NETWORK', { th: 'เชื่อมต่อเซิร์ฟเวอร์ไม่ได้', en: 'Cannot reach the server' }, String(e));
}

/** A stable key for a GET: its path and parameters (`null` when nothing is to load). */
export function requestKey(path: string, init: object | null | undefined): string | null {
  return init === null ? null : `${path} ${JSON.stringify(init ?? {})}`;
}

export function useApiGet<P extends PathOf<'get'>>(path: P, ...arg: GetArg<P>): Loaded<ResultOf<P, 'get'>> {
  type T = ResultOf<P, 'get'>;
  const init = arg[0];
  const key = requestKey(path, init);
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiProblem | null>(null);
  const [loading, setLoading] = useState(key !== null);
  const [tick, setTick] = useState(0);
  const current = useRef(key);
  current.current = key;
  const latest = useRef(init);
  latest.current = init;
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setLoading(true);
    const get = client.GET as (path: string, init: object) => Promise<T>;
    get(path, { ...(latest.current ?? {}), signal: controller.signal })
      .then((d) => {
        if (current.current !== key) return;
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setError(toProblem(e));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [path, key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
