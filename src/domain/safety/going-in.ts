/**
 * Whether staff at the door may report "went in", from the policy's questions,
 * the answers given on the phone and what the record knows (an appointment).
 * Pure, and free of imports but types, so the phone asks and decides with this
 * same code before the server checks it again.
 */
import type { GoingInQuestion, VisitConduct } from "../policy/template";

export type DoorAnswer = "yes" | "no";
export type DoorAnswers = Readonly<Record<string, DoorAnswer>>;

export interface GoingInFacts {
  /** An appointment is recorded for the visit. */
  appointmentRecorded: boolean;
}

/** An answer that lets staff go in only with a recorded reason. */
export interface GoingInException {
  questionId: string;
  clause: string;
  message: string;
}

export type GoingInDecision =
  | { verdict: "allowed" }
  /** Not until every question is answered: `field` names the first unanswered one. */
  | { verdict: "unanswered"; field: string; clause: string; message: string }
  | { verdict: "refused"; field: string; clause: string; message: string }
  | { verdict: "reason_required"; field: "reason"; clause: string; message: string; exceptions: GoingInException[] };

type DoorConduct = Pick<VisitConduct, "goingIn" | "appointmentRequiredToEnter">;

export function goingInQuestions(conduct: DoorConduct): readonly GoingInQuestion[] {
  return conduct.goingIn?.value.questions ?? [];
}

export function decideGoingIn(conduct: DoorConduct, answers: DoorAnswers, facts: GoingInFacts): GoingInDecision {
  // The record decides before any answer can: "appointment kept: yes" on a visit with none is still no appointment.
  const appointment = conduct.appointmentRequiredToEnter;
  if (appointment?.value && !facts.appointmentRecorded) {
    return { verdict: "refused", field: "appointment", clause: appointment.clause, message: "Do not go in: no appointment is recorded for this visit, and the policy allows entry only by appointment." };
  }
  const questions = goingInQuestions(conduct);
  const unanswered = questions.find((q) => answers[q.id] !== "yes" && answers[q.id] !== "no");
  if (unanswered) return { verdict: "unanswered", field: `answers.${unanswered.id}`, clause: unanswered.clause, message: `Answer first: ${unanswered.text}` };
  const forbidding = questions.filter((q) => answers[q.id] === q.forbidsEntry);
  const refused = forbidding.find((q) => q.whenForbidden === "refuse");
  if (refused) return { verdict: "refused", field: `answers.${refused.id}`, clause: refused.clause, message: refused.refusal };
  if (forbidding.length > 0) {
    const exceptions = forbidding.map((q) => ({ questionId: q.id, clause: q.clause, message: q.refusal }));
    return { verdict: "reason_required", field: "reason", clause: [...new Set(exceptions.map((e) => e.clause))].join(", "), message: exceptions.map((e) => e.message).join(" "), exceptions };
  }
  return { verdict: "allowed" };
}

/** Before "departed": the ID card the policy asks for is confirmed worn. null when it is, or the policy asks nothing. */
export function idCardRefusal(conduct: Pick<VisitConduct, "idCard">, idCardWorn: boolean | undefined): { field: "idCardWorn"; clause: string; message: string } | null {
  if (!conduct.idCard || idCardWorn === true) return null;
  return { field: "idCardWorn", clause: conduct.idCard.clause, message: `Confirm your ID card is worn before you set off: ${conduct.idCard.value.text}` };
}
