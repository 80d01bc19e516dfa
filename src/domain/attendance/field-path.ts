/** A zod issue path as the field name users see: `marks[3].code`. */
export function fieldPath(path: readonly PropertyKey[], whole: string): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? whole : out;
}
