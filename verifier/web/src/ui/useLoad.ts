import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { fallbackMessage } from '../api/errors.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  /** Loads again; the promise settles once the new answer (or its error) is on the page. */
  reload: () => Promise<void>;
}

/** Loads data for a page and reloads when `keys` change; a late answer for old keys is dropped. */
export function useLoad<T>(load: () => Promise<T>, keys: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  // Callers of reload() waiting for the round they started, so a message can follow the new data.
  const waiting = useRef<Array<() => void>>([]);

  useEffect(() => {
    let current = true;
    setLoading(true);
    load()
      .then((value) => {
        if (!current) return;
        setData(value);
        setError(null);
      })
      .catch((caught: unknown) => {
        if (current) setError(errorText(caught));
      })
      .finally(() => {
        if (!current) return;
        setLoading(false);
        for (const settle of waiting.current.splice(0)) settle();
      });
    return () => {
      current = false;
    };
  }, [...keys, round]);

  const reload = useCallback(
    () =>
      new Promise<void>((settle) => {
        waiting.current.push(settle);
        setRound((value) => value + 1);
      }),
    [],
  );
  return { data, error, loading, reload };
}

/** The words to show for anything a call threw. */
export function errorText(caught: unknown): string {
  return caught instanceof ApiError ? caught.message : fallbackMessage;
}
