import { InvalidInput } from "../../errors";
import type { Role } from "../../people/roles";
import type { ReturnDuty, StatutoryDuty } from "./duties";
import { WHEREABOUTS_UNKNOWN_SCHOOL_DAYS } from "./deletion-grounds";

/**
 * A local authority's pack: which returns it takes, at what thresholds, the
 * fields each form asks for, and how it is sent. Data, like a template; a trust
 * chooses one per school. The law sets the floor (10 days, 15 days, 5 days);
 * a pack may ask for more (a follow-up form) but never less.
 *
 * The two LA packs are written from those authorities' published forms as
 * understood when this was built; fields marked `check` in `notes` should be
 * confirmed against the current form before a school relies on them.
 */

export const RETURN_FIELDS = [
  "pupil_name",
  "upn",
  "date_of_birth",
  "year_group",
  "address",
  "parent_carer",
  "siblings",
  "first_day_of_absence",
  "school_days_absent",
  "attendance_codes",
  "contacts_made",
  "home_visits_made",
  "known_to_social_care",
  "lone_working_safety_issues",
  "date_joined",
  "previous_school",
  "deletion_ground",
  "date_ground_met",
  "destination",
  "joint_enquiries_with_la",
  "school_contact",
] as const;

export type ReturnField = (typeof RETURN_FIELDS)[number];

export const FIELD_LABEL: Record<ReturnField, string> = {
  pupil_name: "Pupil's name",
  upn: "Unique pupil number (UPN)",
  date_of_birth: "Date of birth",
  year_group: "Year group",
  address: "Home address",
  parent_carer: "Parent/carer",
  siblings: "Siblings (name, school)",
  first_day_of_absence: "First day of absence",
  school_days_absent: "School days absent",
  attendance_codes: "Attendance codes in the period",
  contacts_made: "Contacts made with parents/carers",
  home_visits_made: "Home visits made",
  known_to_social_care: "Known to children's social care",
  lone_working_safety_issues: "Any known safety issues for lone working staff",
  date_joined: "Date added to the admission register",
  previous_school: "Previous school",
  deletion_ground: "Ground for deletion (PRR 2024 reg 9)",
  date_ground_met: "Date the ground was met",
  destination: "New school or destination",
  joint_enquiries_with_la: "Enquiries made jointly with the LA (who, when, what)",
  school_contact: "School contact (name, role)",
};

export type SendBy = "pdf_print" | "pdf_email" | "csv";

export interface ReturnForm {
  duty: ReturnDuty;
  title: string;
  /** School days that bring the duty due (the law's figure unless the LA asks sooner). */
  thresholdSchoolDays: number;
  /** Further forms every so many school days while the episode lasts (Hertfordshire's follow-ups); 0: one per episode. */
  followUpEverySchoolDays: number;
  /** School days after the duty arises that the form may be sent (0: the same day). */
  dueWithinSchoolDays: number;
  fields: readonly ReturnField[];
  sendBy: SendBy;
  sendTo: string;
  /** Who at the school owns the task. */
  ownerRole: Extract<Role, "attendance_lead" | "dsl" | "office">;
}

export interface LaPack {
  id: string;
  name: string;
  source: string;
  returns: readonly ReturnForm[];
  /** Weeks of the notice-to-improve window the LA sets (the framework allows 3 to 6). */
  noticeToImproveWeeks: number;
  notes: readonly string[];
}

const CORE: readonly ReturnField[] = ["pupil_name", "upn", "date_of_birth", "year_group", "address", "parent_carer"];

const national: LaPack = {
  id: "national",
  name: "National default (DfE)",
  source: "PRR 2024 reg 13; Working together to improve school attendance (2024); Children missing education (2024)",
  noticeToImproveWeeks: 4,
  returns: [
    {
      duty: "ten_day_return",
      title: "10 school days of unauthorised absence",
      thresholdSchoolDays: 10,
      followUpEverySchoolDays: 0,
      dueWithinSchoolDays: 0,
      fields: [...CORE, "first_day_of_absence", "school_days_absent", "attendance_codes", "contacts_made", "home_visits_made", "school_contact"],
      sendBy: "pdf_email",
      sendTo: "the local authority's attendance service",
      ownerRole: "attendance_lead",
    },
    {
      duty: "sickness_return",
      title: "15 school days of absence through sickness",
      thresholdSchoolDays: 15,
      followUpEverySchoolDays: 0,
      dueWithinSchoolDays: 0,
      fields: [...CORE, "first_day_of_absence", "school_days_absent", "attendance_codes", "school_contact"],
      sendBy: "pdf_email",
      sendTo: "the local authority (education for children who cannot attend because of health needs)",
      ownerRole: "attendance_lead",
    },
    {
      duty: "new_pupil_return",
      title: "New entry to the admission register",
      thresholdSchoolDays: 5,
      followUpEverySchoolDays: 0,
      dueWithinSchoolDays: 0,
      fields: [...CORE, "date_joined", "previous_school", "school_contact"],
      sendBy: "csv",
      sendTo: "the local authority's children missing education officer",
      ownerRole: "office",
    },
    {
      duty: "deletion_return",
      title: "Deletion from the admission register",
      // The whereabouts-unknown ground: 20 continuous school days of unauthorised absence.
      thresholdSchoolDays: WHEREABOUTS_UNKNOWN_SCHOOL_DAYS,
      followUpEverySchoolDays: 0,
      dueWithinSchoolDays: 0,
      fields: [...CORE, "date_joined", "deletion_ground", "date_ground_met", "destination", "first_day_of_absence", "joint_enquiries_with_la", "school_contact"],
      sendBy: "csv",
      sendTo: "the local authority's children missing education officer",
      ownerRole: "attendance_lead",
    },
  ],
  notes: ["The law's figures; no LA asks for less."],
};

const stockport: LaPack = {
  id: "stockport",
  name: "Stockport Council",
  source: "Stockport Education Welfare: notification of 10 days' unauthorised absence (one form per episode)",
  noticeToImproveWeeks: 4,
  returns: [
    {
      ...national.returns[0]!,
      title: "Stockport: 10 days continuous unauthorised absence (one form per episode)",
      fields: [...CORE, "siblings", "first_day_of_absence", "school_days_absent", "attendance_codes", "contacts_made", "home_visits_made", "known_to_social_care", "lone_working_safety_issues", "school_contact"],
      sendBy: "pdf_email",
      sendTo: "Stockport Education Welfare Service",
    },
    { ...national.returns[1]!, sendTo: "Stockport medical needs service" },
    { ...national.returns[2]!, sendTo: "Stockport children missing education officer" },
    { ...national.returns[3]!, sendBy: "pdf_email", sendTo: "Stockport children missing education officer" },
  ],
  notes: ["One form per episode, with the UPN, siblings and 'any known safety issues for lone working staff' (check against the current form)."],
};

const hertfordshire: LaPack = {
  id: "hertfordshire",
  name: "Hertfordshire County Council",
  source: "Hertfordshire Attendance Service: initial 10-day notification then follow-up forms",
  noticeToImproveWeeks: 6,
  returns: [
    {
      ...national.returns[0]!,
      title: "Hertfordshire: initial notification, 10 days' unauthorised absence",
      // Follow-ups while the absence continues (cadence to check against the current form).
      followUpEverySchoolDays: 10,
      fields: [...CORE, "siblings", "first_day_of_absence", "school_days_absent", "attendance_codes", "contacts_made", "home_visits_made", "known_to_social_care", "school_contact"],
      sendBy: "pdf_email",
      sendTo: "Hertfordshire Attendance Service",
    },
    { ...national.returns[1]!, sendTo: "Hertfordshire Education Support for Medical Absence (ESMA)" },
    { ...national.returns[2]!, sendTo: "Hertfordshire children missing education team" },
    { ...national.returns[3]!, sendTo: "Hertfordshire children missing education team" },
  ],
  notes: ["An initial form, then a follow-up every 10 further school days while the absence lasts (check cadence)."],
};

export const LA_PACKS: Readonly<Record<string, LaPack>> = { national, stockport, hertfordshire };

export const LA_PACK_IDS = Object.keys(LA_PACKS);

export function laPack(id: string): LaPack {
  const pack = LA_PACKS[id];
  if (!pack) throw new InvalidInput("laPack", `unknown local authority pack ${JSON.stringify(id)}; the packs are ${LA_PACK_IDS.join(", ")}`);
  return pack;
}

export function returnFormOf(pack: LaPack, duty: StatutoryDuty): ReturnForm | undefined {
  return pack.returns.find((r) => r.duty === duty);
}
