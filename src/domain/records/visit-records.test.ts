import { describe, expect, it } from "vitest";
import { policyTemplates } from "../policy/templates";
import type { StaffRecord } from "../people/staff-record";
import { checkTransport, routeRecord, visitRecordDetailsSchema, visitRecordFacts } from "./visit-records";

const coteford = policyTemplates.coteford;
const pi = (over: Record<string, unknown> = {}) => visitRecordDetailsSchema.parse({ kind: "physical_intervention", what: "Held his arm", why: "Running into the road", force: "Light hold, seconds", ...over });
const driver = (insuranceExpiresOn: string | null): StaffRecord => ({
  userId: "u",
  name: "Tom Driver",
  mobile: null,
  dbs: null,
  barredListCheckedOn: null,
  training: [],
  vehicle: { make: "Ford", model: "Fiesta", registration: "AB12 CDE", colour: "Blue", insuranceExpiresOn },
});

describe("routing the records a policy requires", () => {
  it("coteford 5.4: a physical intervention goes to the DSL and head, flagged for review only where it caused injury or distress", () => {
    expect(routeRecord(coteford, pi(), { allegationAboutHead: false })).toMatchObject({ routedTo: ["dsl", "headteacher"], clause: "coteford 5.3, 5.4", reviewRequired: false });
    expect(routeRecord(coteford, pi({ injuries: "Graze on the wrist" }), { allegationAboutHead: false }).reviewRequired).toBe(true);
    expect(routeRecord(coteford, pi({ distress: true }), { allegationAboutHead: false }).reviewRequired).toBe(true);
  });

  it("coteford 5.5: an allegation goes to the head, or to the governors when it is about the head", () => {
    const a = visitRecordDetailsSchema.parse({ kind: "allegation", againstUserId: "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d", madeBy: "Parent", allegation: "Shouted at me" });
    expect(routeRecord(coteford, a, { allegationAboutHead: false })).toMatchObject({ routedTo: ["headteacher"], procedure: "Whistle Blowing Policy (on the school website)" });
    expect(routeRecord(coteford, a, { allegationAboutHead: true }).routedTo).toEqual(["governor"]);
  });

  it("burgh 5: a complaint about a visit goes to the head; a template silent on a record says it is Doorstep's default", () => {
    const c = visitRecordDetailsSchema.parse({ kind: "complaint", raisedBy: "Mrs Evans", complaint: "Came unannounced" });
    expect(routeRecord(policyTemplates.burgh, c, { allegationAboutHead: false })).toMatchObject({ routedTo: ["headteacher"], clause: "burgh 5" });
    expect(routeRecord(policyTemplates.burgh, pi(), { allegationAboutHead: false }).clause).toMatch(/^Doorstep default:/);
  });
});

describe("checking a transport record (coteford 5.2)", () => {
  it("needs the driver's insurance in date on the day and an escort named", () => {
    expect(checkTransport(coteford, driver("2027-01-01"), "Ann Escort", "2026-11-25")).toEqual([]);
    expect(checkTransport(coteford, driver("2026-11-24"), "", "2026-11-25").map((f) => f.requirement)).toEqual(["vehicle_insurance", "escort"]);
    expect(checkTransport(coteford, { ...driver(null), vehicle: null }, "Ann", "2026-11-25").map((f) => f.message)).toEqual(["Tom Driver has no vehicle recorded in the staff records."]);
  });

  it("hunsbury-park 1 names no escort: only the insurance is checked", () => {
    expect(checkTransport(policyTemplates["hunsbury-park"], driver("2027-01-01"), "", "2026-11-25")).toEqual([]);
  });
});

describe("multi-agency checks and alternative venues (burgh Appendix A Day 3; burgh 3, 9)", () => {
  const check = visitRecordDetailsSchema.parse({ kind: "agency_check", agency: "other_school", organisation: "St Mary's Primary", contactName: "Mrs Hill, office", response: "Sibling in school today" });

  it("go where Burgh says, and by Doorstep's default where a policy is silent", () => {
    expect(routeRecord(policyTemplates.burgh, check, { allegationAboutHead: false })).toMatchObject({ routedTo: ["dsl", "deputy_dsl", "headteacher", "attendance_lead"], clause: "burgh Appendix A Day 3; burgh 9" });
    expect(routeRecord(coteford, check, { allegationAboutHead: false }).clause).toMatch(/^Doorstep default/);
    const venue = visitRecordDetailsSchema.parse({ kind: "alternative_venue", venue: "Children's Centre", why: "Refused at the door", answer: "declined" });
    expect(routeRecord(policyTemplates.burgh, venue, { allegationAboutHead: false })).toMatchObject({ routedTo: ["attendance_lead", "headteacher", "dsl"], clause: "burgh 3; burgh 9" });
    expect(visitRecordFacts(venue)).toContainEqual(["Family's answer", "Declined"]);
  });

  it("read as a person reads them: the agency named, the joint visit yes or no", () => {
    expect(visitRecordFacts(check)).toEqual([
      ["Agency", "Another school"],
      ["Organisation", "St Mary's Primary"],
      ["Spoken to", "Mrs Hill, office"],
      ["What they said", "Sibling in school today"],
      ["Joint visit proposed", "no"],
    ]);
  });
});
