/**
 * The figures as sections of tables (and the trend chart), in words: the
 * one layout the web page shows and the PDF prints, so the page and the
 * document cannot disagree. Governors' sections are built from
 * GovernorFigures, which holds no child.
 */
import type { FiguresSection } from "../../rendering/figures-report";
import type { SuppressedCount } from "../../domain/attendance/small-numbers";
import { longDate } from "../documents/format";
import type { GovernorFigures } from "./governors-figures";
import { RETURN_LABEL } from "../../domain/attendance/statutory";
import { complianceTrendSvg } from "./trend-chart";
import { ACTION_WORDS, actionName, CLOSURE_WORDS } from "../../domain/words";
import type { ClosureReason } from "../../domain/oversight/closure-reasons";

const KINDS = Object.keys(ACTION_WORDS);


const words = (s: string) => s.replaceAll("_", " ").replace(/^./, (c) => c.toUpperCase());
const n = (v: SuppressedCount | number | null, unit = "") => (v === null ? "–" : typeof v === "number" ? `${v}${unit}` : v);

export function governorSections(f: GovernorFigures): FiguresSection[] {
  const kinds = Object.keys(f.compliance.summary).sort((a, b) => KINDS.indexOf(a) - KINDS.indexOf(b));
  return [
    {
      heading: "Were the policy's actions taken on time?",
      definition: "Doorstep replays its morning list for each school day; a child listed for an action on consecutive mornings is one episode, closed on its first day, later, or still open.",
      table: {
        head: ["Action", "Episodes", "Closed on first day", "Closed later", "Median days late", "Worst days late", "Still open"],
        rows: kinds.map((k) => {
          const s = f.compliance.summary[k]!;
          return [actionName(k), n(s.episodes), n(s.closedOnFirstDay), n(s.closedLater), n(s.medianDaysLate), n(s.worstDaysLate), n(s.open)];
        }),
      },
    },
    {
      heading: "Week by week",
      definition: "Episodes by the week they began (counts of fewer than 5 are not drawn; the table gives them).",
      chartSvg: complianceTrendSvg(f.compliance.weekly),
      table: {
        head: ["Week of", "Episodes", "Closed on first day", "Closed later", "Still open"],
        rows: f.compliance.weekly.map((w) => [longDate(w.weekOf), n(w.episodes), n(w.closedOnFirstDay), n(w.closedLater), n(w.open)]),
      },
    },
    {
      heading: "Why episodes closed",
      definition: "What was recorded on an episode's last listed day, the most direct answer counted once.",
      table: { head: ["Reason", "Episodes"], rows: Object.entries(f.compliance.closedBecause).map(([r, c]) => [CLOSURE_WORDS[r as ClosureReason] ?? words(r), n(c)]) },
    },
    {
      heading: "Children unseen longer than the policy allows",
      definition: "Children listed for an eyes-on visit in the range (Burgh 6.3: not seen for more than 5 school days).",
      table: { head: ["Figure", "Children"], rows: [["Unseen longer than the policy allows", n(f.compliance.unseenChildren)]] },
    },
    {
      heading: "Attendance",
      definition: "As the DfE counts it: attended over possible sessions; persistent absence is 10% or more of possible sessions missed, severe 50% or more (severe are counted in persistent too).",
      table: {
        head: ["Year group", "Pupils", "Attendance", "Persistently absent", "Severely absent"],
        rows: [...f.attendance.byYearGroup, f.attendance.whole].map((g) => [g.yearGroup, n(g.pupils), n(g.attendancePercent, "%"), n(g.persistentlyAbsent), n(g.severelyAbsent)]),
      },
      note: `Newly persistently absent since the half-term began (${longDate(f.attendance.halfTermFrom)}), over the school year: ${n(f.attendance.newlyPersistentlyAbsent)}. A year group of fewer than 5 pupils shows no percentage.`,
    },
    {
      heading: "Visits",
      definition: "Visits with a day in the range, by purpose and by each child's outcome (or the visit's state while it is not over).",
      table: { head: ["Purpose", "Outcome", "Visits"], rows: f.visits.byPurposeAndOutcome.map((v) => [words(v.purpose), words(v.outcome), n(v.count)]) },
    },
    {
      heading: "Cancellations",
      definition: "Cancelled visits by the kind of reason given (waiting limit, late, animals, unsafe, other).",
      table: { head: ["Reason", "Visits"], rows: f.visits.cancellations.map((c) => [words(c.reason), n(c.count)]) },
    },
    {
      heading: "Returns to the local authority",
      definition:
        "Returns the law requires (PRR 2024 reg 13: 10-day, 15-day sickness, new pupil, deletion) that fell due in the range, up to today; overdue is not submitted by the due date, whether sent late or not yet sent. A return due today and not yet sent is not overdue.",
      table: {
        head: ["Return", "Due", "Submitted on time", "Submitted late", "Not submitted", "Overdue"],
        rows: f.returns.map((r) => [RETURN_LABEL[r.duty], n(r.due), n(r.submittedOnTime), n(r.submittedLate), n(r.notSubmitted), n(r.overdue)]),
      },
    },
    {
      heading: "Safety on visits",
      definition: "Alerts raised in the range: a check-in missed raises an overdue alert; an alarm is raised by the visitor; acknowledgement is the first person at school to say they have seen it.",
      table: {
        head: ["Figure", "Value"],
        rows: [
          ["Check-ins missed", n(f.safety.checkInsMissed)],
          ["Alarms", n(f.safety.alarms)],
          ...f.safety.alertsByLevel.map((a) => [`Alerts reaching ${a.level}`, n(a.count)]),
          ["Median minutes to acknowledge", n(f.safety.medianMinutesToAcknowledge)],
          ["Longest minutes to acknowledge", n(f.safety.worstMinutesToAcknowledge)],
          ...f.safety.incidentsByKind.map((i) => [`Incidents: ${words(i.kind)}`, n(i.count)]),
        ],
      },
    },
    {
      heading: "Case sampling",
      definition: "Visits with a day in the range drawn at random by the head or DSL and reviewed against the policy (Burgh 13): report complete, clause followed, check-ins kept.",
      table: {
        head: ["Figure", "Visits"],
        rows: [
          ["Samples drawn", n(f.caseSampling.samples)],
          ["Visits sampled", n(f.caseSampling.sampled)],
          ["Visits reviewed", n(f.caseSampling.reviewed)],
          ["Report complete", n(f.caseSampling.reportComplete)],
          ["Policy clause followed", n(f.caseSampling.clauseFollowed)],
          ["Check-ins kept", n(f.caseSampling.checkInsKept)],
          ["Met the policy on all three", n(f.caseSampling.metPolicy)],
        ],
      },
    },
  ];
}
