import { useState } from "react";
import type { PageProps } from "../App";
import { Link } from "../router";
import { useApi } from "../useApi";

interface PupilSummary {
  id: string;
  upn: string;
  firstName: string;
  lastName: string;
  yearGroup: string | null;
  className: string | null;
  vulnerabilities: string[];
}

interface Pupil extends PupilSummary {
  dateOfBirth: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  town: string | null;
  postcode: string | null;
  contacts: { id: string; name: string; relationship: string; parentalResponsibility: boolean; phone: string | null; email: string | null }[];
}

export function PupilsPage(_: PageProps) {
  const { data, error } = useApi<{ pupils: PupilSummary[] }>("/api/pupils");
  const [filter, setFilter] = useState("");
  const shown = (data?.pupils ?? []).filter((p) => `${p.firstName} ${p.lastName} ${p.upn}`.toLowerCase().includes(filter.toLowerCase()));
  return (
    <>
      <h1>Pupils</h1>
      {error && <p role="alert">{error}</p>}
      <label htmlFor="pupil-filter">Find a pupil</label>
      <input id="pupil-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Pupils on roll</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Class</th>
              <th scope="col">UPN</th>
              <th scope="col">Flags</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/pupils/${p.id}`}>
                    {p.firstName} {p.lastName}
                  </Link>
                </td>
                <td>{p.className}</td>
                <td>{p.upn}</td>
                <td>{p.vulnerabilities.map((v) => v.replaceAll("_", " ")).join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function PupilPage({ pupilId }: PageProps & { pupilId: string }) {
  const { data: p, error } = useApi<Pupil>(`/api/pupils/${pupilId}`);
  if (error) return <p role="alert">{error}</p>;
  if (!p) return <p>Loading…</p>;
  return (
    <>
      <h1>
        {p.firstName} {p.lastName}
      </h1>
      <dl className="facts">
        <dt>UPN</dt>
        <dd>{p.upn}</dd>
        <dt>Year and class</dt>
        <dd>
          {p.yearGroup} · {p.className}
        </dd>
        <dt>Date of birth</dt>
        <dd>{p.dateOfBirth}</dd>
        <dt>Address</dt>
        <dd>{[p.addressLine1, p.addressLine2, p.town, p.postcode].filter(Boolean).join(", ")}</dd>
        <dt>Flags</dt>
        <dd>{p.vulnerabilities.map((v) => v.replaceAll("_", " ")).join(", ") || "None recorded"}</dd>
      </dl>
      <h2>Family contacts</h2>
      <ul className="cards">
        {p.contacts.map((c) => (
          <li key={c.id}>
            <strong>{c.name}</strong> ({c.relationship}
            {c.parentalResponsibility ? ", parental responsibility" : ""})
            <br />
            {c.phone && <a href={`tel:${c.phone.replace(/\s/g, "")}`}>{c.phone}</a>}
            {c.email && (
              <>
                {" · "}
                <a href={`mailto:${c.email}`}>{c.email}</a>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
