/**
 * Loading data for a page: `useApi(path)` gives `{ data, error, loading,
 * reload }`, aborts when the page goes away or the path changes, and keeps
 * the last data while reloading (no flicker after an action).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiProblem } from './api';

export interface Loaded<T> {
  data: T | null;
  error: ApiProblem | null;
  loading: boolean;
  reload: () => void;
}

export function useApi<T>(path: string | null): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiProblem | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const current = useRef(path);
  current.current = path;
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setLoading(true);
    api<T>('GET', path, undefined, { signal: controller.signal })
      .then((d) => {
        if (current.current !== path) return;
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setError(
          e instanceof ApiProblem
            ? e
            : new ApiProblem(0, 'NETWORK', { th: 'เชื่อมต่อเซิร์ฟเวอร์ไม่ได้', en: 'Cannot reach the server' }, String(e)),
        );
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
