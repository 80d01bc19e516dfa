import { useCallback, useEffect, useState } from "react";
import { api, errorText } from "./api";

/** Loads a GET endpoint; `reload` fetches it again after a change. */
export function useApi<T>(path: string | null) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    if (!path) return;
    try {
      setError(null);
      setData(await api<T>("GET", path));
    } catch (e) {
      setError(errorText(e));
    }
  }, [path]);
  useEffect(() => {
    void load();
  }, [load]);
  return { data, error, reload: load };
}
