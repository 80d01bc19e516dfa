/**
 * The questions at the door that several policies share, worded once. Each
 * template picks those its document asks for and names its own clause.
 */
import type { GoingInQuestion } from "../template";

type Forbidden = GoingInQuestion["whenForbidden"];

export const appointmentKept = (clause: string): GoingInQuestion => ({
  id: "appointment_kept",
  text: "Is this the appointment made with the family, kept at the arranged time?",
  forbidsEntry: "no",
  whenForbidden: "refuse",
  refusal: "Do not go in: the policy allows entry only by appointment.",
  forFamilies: "Staff come into your home only for an appointment made with you, at the time arranged.",
  clause,
});

export const parentPresent = (clause: string): GoingInQuestion => ({
  id: "parent_present",
  text: "Is a parent or carer at home now?",
  forbidsEntry: "no",
  whenForbidden: "refuse",
  refusal: "Do not go in until a parent or carer is at home.",
  forFamilies: "Staff come in only when a parent or carer is at home.",
  clause,
});

export const animalsSecured = (clause: string, whenForbidden: Forbidden): GoingInQuestion => ({
  id: "animals_secured",
  text: "Are any potentially dangerous animals kept in another room (or are there none)?",
  forbidsEntry: "no",
  whenForbidden,
  refusal:
    whenForbidden === "refuse"
      ? "Do not go in: the animals must be in another room, or the visit is cancelled."
      : "The policy asks that animals are put in another room: say why it is safe to go in without.",
  forFamilies:
    whenForbidden === "refuse"
      ? "Staff will ask you to keep any potentially dangerous animals in another room; if that cannot be done, the visit is cancelled."
      : "Staff will ask you to keep any potentially dangerous animals in another room.",
  clause,
});

export const feelsSafe = (clause: string): GoingInQuestion => ({
  id: "feel_safe",
  text: "Do you feel safe to go in?",
  forbidsEntry: "no",
  whenForbidden: "refuse",
  refusal: "Do not go in if you feel unsafe.",
  forFamilies: "Staff will not come in, or will leave, if they do not feel safe.",
  clause,
});

/** All five policies: ID worn at all times, on the front and outside of clothing (burgh 8: shown on arrival). */
export const ID_CARD_TEXT = "I am wearing my school ID card, clearly on the front and outside my clothing.";

/** Scargill and Hunsbury Park: "notify the school office who will contact the police". */
export const officeCallsPolice = (clause: string) => ({
  value: {
    policeCalledBy: "office" as const,
    phone: "Get to safety. The office has the alarm and calls the police.",
    office: `Call the police now (999): the policy says the office calls them (${clause}). Then phone the staff.`,
    fullReportRequired: false,
  },
  clause,
});
