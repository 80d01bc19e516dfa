/**
 * What a change of marks did to the Today list: the list the page held before it
 * loaded again, against the one it has now, said in a sentence ("3 new absences
 * on the list since 09:10, after 12 marks new or corrected from an upload at
 * 09:42."). Pure, so it is tested without a browser.
 */

/** What the comparison reads of a day's list (the Today view has more). */
export interface ListShape {
  households: { pupils: { pupil: { id: string }; actions: { action: string }[] }[] }[];
}

/** The `marks` event of GET /api/today/stream. */
export interface MarksEvent {
  at: string;
  marksChanged: number;
  source: "mis" | "upload";
}

export interface ListChange {
  /** Children on the list now who had nothing on it before. */
  newAbsences: number;
  /** Actions added for children who were on the list already. */
  moreActions: number;
  /** Actions on the list before that are not on it now (answered, or no longer due). */
  answered: number;
}

const SOURCE_WORDS: Record<MarksEvent["source"], string> = { mis: "from the MIS", upload: "from an upload" };

function actionsByPupil(list: ListShape): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const h of list.households) {
    for (const p of h.pupils) {
      if (p.actions.length === 0) continue;
      const have = out.get(p.pupil.id) ?? new Set<string>();
      for (const a of p.actions) have.add(a.action);
      out.set(p.pupil.id, have);
    }
  }
  return out;
}

export function compareLists(before: ListShape, after: ListShape): ListChange {
  const was = actionsByPupil(before);
  const now = actionsByPupil(after);
  const change: ListChange = { newAbsences: 0, moreActions: 0, answered: 0 };
  for (const [pupil, actions] of now) {
    const had = was.get(pupil);
    if (!had) change.newAbsences++;
    else for (const a of actions) if (!had.has(a)) change.moreActions++;
  }
  for (const [pupil, actions] of was) {
    const has = now.get(pupil);
    for (const a of actions) if (!has?.has(a)) change.answered++;
  }
  return change;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "09:42", school time. */
export const clockTime = (at: Date | string) => new Date(at).toLocaleTimeString("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" });

function listed(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** The note Today shows after a change of marks loaded its list again; `since` is when the list it held before was loaded. */
export function changeNote(change: ListChange, event: MarksEvent, since: Date): string {
  const parts = [
    ...(change.newAbsences ? [`${plural(change.newAbsences, "new absence", "new absences")} on the list`] : []),
    ...(change.moreActions ? [`${plural(change.moreActions, "more action", "more actions")} for children on it`] : []),
    ...(change.answered ? [`${plural(change.answered, "action", "actions")} answered`] : []),
  ];
  const what = parts.length ? listed(parts) : "No change to the list";
  return `${what} since ${clockTime(since)}, after ${plural(event.marksChanged, "mark", "marks")} new or corrected ${SOURCE_WORDS[event.source]} at ${clockTime(event.at)}.`;
}
