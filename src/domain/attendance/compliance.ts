import type { PolicyTemplate } from "../policy/template";
import { InvalidInput } from "../errors";
import { ACTION_KINDS, type Action, type ActionKind } from "./actions";
import { listFor } from "./evaluate";
import { prepareReplay } from "./evaluation-context";
import type { LedgerInput } from "./attendance-ledger";
import type { Mark } from "./evaluation-input";
import type { MarkSource } from "./mark-columns";
import { epochDayOf, toIsoDate, type IsoDate } from "./iso-date";

/**
 * Compliance by replaying the engine (shared/spec/compliance.md): for each
 * school day of a range, the morning list the engine would have made from what
 * was recorded before that day; an action listed on consecutive school days is
 * one episode, closed on its first day, closed later, or still open. Pure: the
 * range is the only clock.
 */

/**
 * An `evaluate` input with `today` replaced by a range of school days. The
 * replay also takes the marks as columns (`ReplayInput<MarkSource>`), as a
 * school's records are read for it.
 */
export interface ReplayInput<M extends MarkSource = readonly Mark[]> extends Omit<LedgerInput, "today" | "marks"> {
  marks: M;
  from: IsoDate;
  to: IsoDate;
}

export interface Episode {
  upn: string;
  action: ActionKind;
  firstListed: IsoDate;
  lastListed: IsoDate;
  schoolDays: number;
  /** The next school day after `lastListed` is in the range and the pupil is not listed for the action on it. */
  closed: boolean;
}

export interface KindSummary {
  episodes: number;
  /** Closed episodes of one school day: answered on the day the action first fell due. */
  closedOnFirstDay: number;
  /** Closed episodes of more than one school day. */
  closedLater: number;
  open: number;
}

export interface Compliance {
  from: IsoDate;
  to: IsoDate;
  episodes: Episode[];
  /** One entry per action kind with at least one episode. */
  summary: Partial<Record<ActionKind, KindSummary>>;
}

export interface ReplayOptions {
  /** The policy in force on each morning, for a school whose policy changed in the range (default: the one given). */
  policyOn?: (day: IsoDate) => PolicyTemplate;
  /**
   * Actions the school answered outside the engine's input before that morning
   * (a referral recorded, say): left off that morning's list, as the Today
   * list leaves them off.
   */
  answered?: (day: IsoDate, action: Action) => boolean;
}

export interface Morning {
  day: IsoDate;
  actions: Action[];
}

/**
 * The morning list of each school day from `from` to `to`, in order, passed
 * to `onMorning` one at a time so a term for a large school is never held
 * whole. The register is read once (see prepareReplay).
 */
export function replayMornings(policy: PolicyTemplate, input: ReplayInput<MarkSource>, onMorning: (m: Morning) => void, opts: ReplayOptions = {}): void {
  const from = epochDayOf(input.from);
  const to = epochDayOf(input.to);
  if (from > to) throw new InvalidInput("to", `${input.to} is before from (${input.from})`);
  const replay = prepareReplay(input, from, to);
  for (const field of ["from", "to"] as const) {
    if (!replay.calendar.isSchoolDay(input[field])) throw new InvalidInput(field, `${input[field]} is not a school day`);
  }
  for (let d = from; d <= to; d++) {
    if (!replay.calendar.isSchoolEpochDay(d)) continue;
    const day = toIsoDate(d);
    const listed = listFor(opts.policyOn?.(day) ?? policy, input.pupils, replay.pupilIndex, replay.contextOn(d));
    const answered = opts.answered;
    onMorning({ day, actions: answered ? listed.filter((a) => !answered(day, a)) : listed });
  }
}

/**
 * Folds the mornings, in order of school day, into episodes: an action listed
 * for a pupil on the morning after it was last listed continues its episode;
 * one not listed again is closed; those listed on the last morning are open.
 */
export class EpisodeTracker {
  private readonly done: Episode[] = [];
  private listedLast = new Map<string, Episode>();

  add(m: { day: IsoDate; actions: readonly Pick<Action, "upn" | "action">[] }): void {
    const listed = new Map<string, Episode>();
    for (const a of m.actions) {
      const key = `${a.upn}\u0000${a.action}`;
      if (listed.has(key)) continue;
      const ep = this.listedLast.get(key);
      if (ep) {
        ep.lastListed = m.day;
        ep.schoolDays++;
        this.listedLast.delete(key);
        listed.set(key, ep);
      } else {
        listed.set(key, { upn: a.upn, action: a.action, firstListed: m.day, lastListed: m.day, schoolDays: 1, closed: false });
      }
    }
    for (const ep of this.listedLast.values()) this.done.push({ ...ep, closed: true });
    this.listedLast = listed;
  }

  /** Every episode, those still listed on the last morning open. */
  episodes(): Episode[] {
    return [...this.done, ...this.listedLast.values()];
  }
}

export function summarise(episodes: readonly Episode[]): Compliance["summary"] {
  const byKind = new Map<ActionKind, KindSummary>();
  for (const ep of episodes) {
    let s = byKind.get(ep.action);
    if (!s) byKind.set(ep.action, (s = { episodes: 0, closedOnFirstDay: 0, closedLater: 0, open: 0 }));
    s.episodes++;
    if (!ep.closed) s.open++;
    else if (ep.schoolDays === 1) s.closedOnFirstDay++;
    else s.closedLater++;
  }
  const summary: Compliance["summary"] = {};
  // In the engine's order of kinds, so the same input prints the same object.
  for (const kind of ACTION_KINDS) {
    const s = byKind.get(kind);
    if (s) summary[kind] = s;
  }
  return summary;
}

/** The replay of `input.from`..`input.to` as compliance.md prints it. */
export function compliance(policy: PolicyTemplate, input: ReplayInput<MarkSource>, opts: ReplayOptions = {}): Compliance {
  const tracker = new EpisodeTracker();
  replayMornings(policy, input, (m) => tracker.add(m), opts);
  const episodes = tracker.episodes();
  return { from: input.from, to: input.to, episodes, summary: summarise(episodes) };
}
