/** The demo trust's staff and families. Names include letters the standard PDF fonts cannot encode, on purpose. */
import type { Role } from "../../domain/people/roles";
import { withCheckLetter } from "../../domain/people/upn";

/** Passes the password policy like any other: "doorstep-demo" did not (built on the product's name). */
export const DEMO_PASSWORD = "demo-home-visits";

export const DEMO_STAFF: { email: string; name: string; mobile: string; roles: Role[] }[] = [
  { email: "head@demo.doorstep.school", name: "Helen Marsh", mobile: "07700 900001", roles: ["headteacher"] },
  { email: "dsl@demo.doorstep.school", name: "Daniel Okafor", mobile: "07700 900002", roles: ["dsl"] },
  { email: "deputy-dsl@demo.doorstep.school", name: "Priya Shah", mobile: "07700 900003", roles: ["deputy_dsl"] },
  { email: "attendance@demo.doorstep.school", name: "Aoife Byrne", mobile: "07700 900004", roles: ["attendance_lead"] },
  { email: "visitor@demo.doorstep.school", name: "Tomasz Wiśniewski", mobile: "07700 900005", roles: ["visitor"] },
  { email: "visitor2@demo.doorstep.school", name: "Grace Adeyemi", mobile: "07700 900006", roles: ["visitor"] },
  { email: "office@demo.doorstep.school", name: "Sam Patel", mobile: "07700 900007", roles: ["office"] },
  { email: "sbm@demo.doorstep.school", name: "Ruth Fenwick", mobile: "07700 900008", roles: ["business_manager"] },
  { email: "governor@demo.doorstep.school", name: "Colin Pryce", mobile: "07700 900009", roles: ["governor"] },
  { email: "trust@demo.doorstep.school", name: "Zoë Brontë", mobile: "07700 900010", roles: ["trust_admin"] },
];

const FIRST = ["Łucja", "Oliver", "Amelia", "Noah", "Zoë", "Muhammad", "Isla", "George", "Siobhán", "Leo", "Ava", "Arthur", "Freya", "Theo", "Maya", "Jack", "Ivy", "Oscar", "Aisha", "Harry"];
const FAMILY = [
  { last: "Nowak", parent: "Katarzyna Nowak", street: "3 Station Road" },
  { last: "Smith", parent: "Joanne Smith", street: "14 Church Lane" },
  { last: "Ó Ceallaigh", parent: "Siobhán Ó Ceallaigh", street: "7 Marsh View" },
  { last: "Khan", parent: "Farah Khan", street: "22 Skegness Road" },
  { last: "Brown", parent: "Lee Brown", street: "5 High Street" },
  { last: "Begum", parent: "Rukhsana Begum", street: "41 Orby Road" },
  { last: "Taylor", parent: "Kerry Taylor", street: "9 Tothby Lane" },
  { last: "Kowalski", parent: "Piotr Kowalski", street: "2 Jubilee Close" },
  { last: "Williams", parent: "Dean Williams", street: "18 Storeys Lane" },
  { last: "Evans", parent: "Rhian Evans", street: "11 Chapel Street" },
  { last: "Mensah", parent: "Akosua Mensah", street: "6 Lime Grove" },
  { last: "Clarke", parent: "Stacey Clarke", street: "30 Wainfleet Road" },
  { last: "Hughes", parent: "Gareth Hughes", street: "1 Mill Close" },
  { last: "Ahmed", parent: "Yusuf Ahmed", street: "27 Ingoldmells Road" },
  { last: "Davies", parent: "Claire Davies", street: "8 Beech Avenue" },
];

/** First names of the second school's pupils: none is a first name at the first school, so no search finds a child twice. */
const SECOND_FIRST = ["Olivia", "Elijah", "Poppy", "Reuben", "Niamh", "Yusuf", "Ella", "Kofi", "Rosa", "Finn", "Hana", "Ibrahim", "Lily", "Caleb", "Mei", "Rory", "Sofia", "Zain", "Ada", "Ethan"];

/** The second school's 30 pupils: the first school's households moved to Coteford, with names and UPNs of their own. */
export function secondSchoolPupils(): DemoPupil[] {
  return demoPupils().map((p, i) => ({
    ...p,
    upn: withCheckLetter(`9${String(100000000000 + i * 7919).slice(1)}`),
    firstName: SECOND_FIRST[i % SECOND_FIRST.length]!,
    town: "Coteford",
    householdKey: `C${p.householdKey}`,
  }));
}

export interface DemoPupil {
  upn: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  yearGroup: string;
  className: string;
  addressLine1: string;
  town: string;
  postcode: string;
  householdKey: string;
  vulnerabilities: string[];
  parent: { name: string; relationship: string; phone: string; email: string | null };
}

/**
 * 30 pupils in 15 households (siblings share an address). UPNs are invented,
 * with the DfE check letter, so an export of the demo imports again.
 */
export function demoPupils(): DemoPupil[] {
  const out: DemoPupil[] = [];
  for (let i = 0; i < 30; i++) {
    const fam = FAMILY[i % FAMILY.length]!;
    const year = 1 + (i % 6);
    out.push({
      upn: withCheckLetter(`8${String(100000000000 + i * 7919).slice(1)}`),
      firstName: FIRST[i % FIRST.length]!,
      lastName: fam.last,
      dateOfBirth: `${2020 - year}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + ((i * 3) % 27)).padStart(2, "0")}`,
      yearGroup: `Year ${year}`,
      className: `${year}${i % 2 ? "B" : "A"}`,
      addressLine1: fam.street,
      town: "Burgh le Marsh",
      postcode: `PE24 5${String.fromCharCode(65 + (i % FAMILY.length))}${String.fromCharCode(70 + ((i % FAMILY.length) % 8))}`,
      householdKey: `H${i % FAMILY.length}`,
      vulnerabilities: i === 3 ? ["known_to_social_care"] : i === 9 ? ["child_in_need"] : i === 12 ? ["send_ehcp"] : [],
      parent: {
        name: fam.parent,
        relationship: i % 4 === 1 ? "Father" : "Mother",
        phone: `07700 9${String(10100 + (i % FAMILY.length)).padStart(5, "0")}`,
        email: i % 5 === 4 ? null : `${fam.last.toLowerCase().replace(/[^a-z]/g, "")}.family@example.org`,
      },
    });
  }
  return out;
}
