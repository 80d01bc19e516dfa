import { useEffect, useRef, useState } from "react";
import type { PageProps } from "../App";
import { may } from "../api";
import { useForm } from "../useForm";
import { WondeFeedSection } from "./WondeFeedSection";
import type { MarksReport, PupilsReport } from "../../../src/contracts/imports";
import type { ClosuresSaved } from "../../../src/contracts/calendar";

/** What the server answers to an upload: the parsed JSON body and the status. */
interface UploadResponse {
  status: number;
  body: unknown;
}

/**
 * Sends a file as the raw request body. XMLHttpRequest rather than fetch, because
 * only XHR reports upload progress; the CSRF header is set as `api()` would.
 */
function uploadFile(url: string, file: File, contentType: string, csrfToken: string, onProgress: (loaded: number, total: number) => void): Promise<UploadResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.withCredentials = true;
    xhr.setRequestHeader("content-type", contentType);
    xhr.setRequestHeader("x-csrf-token", csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    };
    xhr.onload = () => {
      let body: unknown = undefined;
      try {
        body = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : undefined;
      } catch {
        body = undefined;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error("The upload did not reach the server. Check the connection and try again."));
    xhr.onabort = () => reject(new Error("The upload was stopped."));
    xhr.send(file);
  });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const MARKS_EXAMPLE = ["upn,date,session,code", "A123456789012,2026-09-08,AM,/", "A123456789012,2026-09-08,PM,N", "B210987654321,08/09/2026,AM,I", ""].join("\n");

const PUPILS_EXAMPLE = [
  "upn,first_name,last_name,date_of_birth,year_group,class,address_line1,address_line2,town,postcode,household,vulnerabilities,contact_name,contact_relationship,contact_parental_responsibility,contact_phone,contact_email",
  "A123456789012,Amira,Hassan,2017-04-12,Year 4,4B,12 Mill Lane,,Burgh le Marsh,PE24 5AA,H-mill-12,child_in_need,Leila Hassan,Mother,yes,07700 900123,leila.hassan@example.org",
  "A123456789012,Amira,Hassan,2017-04-12,Year 4,4B,12 Mill Lane,,Burgh le Marsh,PE24 5AA,H-mill-12,child_in_need,Omar Hassan,Father,yes,07700 900124,",
  "H210987654321,Tom,Hassan,2019-09-30,Year 2,2A,12 Mill Lane,,Burgh le Marsh,PE24 5AA,H-mill-12,,Leila Hassan,Mother,yes,07700 900123,leila.hassan@example.org",
  "",
].join("\n");

const TERM_DATES_EXAMPLE = [
  "from,to,kind,label",
  "2026-10-26,2026-10-30,holiday,October half term",
  "2026-12-21,2027-01-01,holiday,Christmas holidays",
  "2027-01-04,2027-01-04,inset,INSET day",
  "2027-05-03,2027-05-03,bank_holiday,Early May bank holiday",
  "",
].join("\n");

export function ImportsPage({ session }: PageProps) {
  return (
    <>
      <h1>Imports</h1>
      <p>
        Bring the register, the pupil roll and the term dates in from your management information system (MIS). Each file is checked as a whole: if one
        line is wrong, nothing is imported and you are told the line, the column and the reason. Uploading the same file twice changes nothing.
      </p>
      {may(session, "GET /api/imports/wonde") && <WondeFeedSection session={session} />}
      <UploadSection
        id="marks"
        title="Register marks"
        csrfToken={session.csrfToken}
        accept=".csv,.json,text/csv,application/json"
        fileLabel="Register marks file (CSV, or Wonde JSON)"
        buttonText="Upload register marks"
        url={(file) => `/api/imports/marks?fileName=${encodeURIComponent(file.name.slice(0, 200))}`}
        contentType={(file) => (isJson(file) ? "application/vnd.wonde+json" : "text/csv")}
        describe={(body) => {
          const r = body as MarksReport;
          const summary = `${plural(r.rows, "mark")} read: ${r.inserted} new, ${r.changed} corrected, ${r.unchanged} unchanged.`;
          return r.inserted + r.changed === 0 ? `${summary} The register already held every mark in this file.` : summary;
        }}
        example={{ fileName: "register-marks-example.csv", text: MARKS_EXAMPLE, linkText: "Download an example register marks file (CSV)" }}
      >
        <p>A CSV file with one line per pupil and session, and a first line naming the columns:</p>
        <dl className="facts">
          <dt>upn</dt>
          <dd>
            The pupil&apos;s unique pupil number. Also accepted as a header: <code>UPN</code>, <code>Pupil UPN</code>, <code>Student UPN</code>,{" "}
            <code>Unique Pupil Number</code>.
          </dd>
          <dt>date</dt>
          <dd>
            YYYY-MM-DD or DD/MM/YYYY. Also accepted: <code>Attendance Date</code>, <code>Session Date</code>, <code>Mark Date</code>, <code>Day</code>.
          </dd>
          <dt>session</dt>
          <dd>
            AM or PM. Also accepted: <code>AM/PM</code>, <code>Session Name</code>, <code>Period</code>.
          </dd>
          <dt>code</dt>
          <dd>
            A DfE attendance code, such as <code>/</code>, <code>\</code>, <code>L</code>, <code>I</code>, <code>M</code>, <code>G</code>, <code>N</code>,{" "}
            <code>O</code>. Also accepted: <code>Mark</code>, <code>Attendance Code</code>, <code>Session Mark</code>.
          </dd>
        </dl>
        <p>
          Exports from SIMS, Arbor, Bromcom and ScholarPack are recognised by their column names; the columns may be in any order and extra columns are ignored.
          A <code>.json</code> file is read as the Wonde attendance API: <code>{'{"data": [{"student": {"data": {"upn": …}}, "date": {"date": …}, "session": "AM", "attendance_code": {"data": {"code": …}}}]}'}</code>.
          A mark that differs from the one held is corrected, and each correction is recorded in the audit trail.
        </p>
      </UploadSection>
      <UploadSection
        id="pupils"
        title="Pupils and families"
        csrfToken={session.csrfToken}
        accept=".csv,text/csv"
        fileLabel="Pupils and families file (CSV)"
        buttonText="Upload pupils and families"
        url={() => "/api/imports/pupils"}
        contentType={() => "text/csv"}
        describe={(body) => {
          const r = body as PupilsReport;
          const summary = `${plural(r.pupils, "pupil")} read: ${r.added} added, ${r.changed} changed, ${r.unchanged} unchanged.`;
          return [summary, ...r.warnings.map((w) => `Please check: ${w}`)].join(" ");
        }}
        example={{ fileName: "pupils-and-families-example.csv", text: PUPILS_EXAMPLE, linkText: "Download an example pupils and families file (CSV)" }}
      >
        <p>
          A CSV file with one line per pupil and family contact: a pupil with two contacts has two lines, with the same pupil details on each. The first line
          names the columns; <code>upn</code>, <code>first_name</code> and <code>last_name</code> are required, the others may be left empty. A UPN must have
          its DfE check letter (a mistyped one is refused); a date of birth must make the pupil 2 to 25 years old today; names are at most 100 characters,
          other values 200; text-direction and control characters are refused.
        </p>
        <dl className="facts">
          <dt>Pupil</dt>
          <dd>
            <code>upn</code>, <code>first_name</code>, <code>last_name</code>, <code>date_of_birth</code> (YYYY-MM-DD or DD/MM/YYYY), <code>year_group</code>,{" "}
            <code>class</code>
          </dd>
          <dt>Address</dt>
          <dd>
            <code>address_line1</code>, <code>address_line2</code>, <code>town</code>, <code>postcode</code>, <code>household</code> (the same value for siblings
            who live together; if empty, the first address line and postcode are used)
          </dd>
          <dt>Vulnerabilities</dt>
          <dd>
            <code>vulnerabilities</code>: any of <code>child_protection_plan</code>, <code>child_in_need</code>, <code>looked_after</code>, <code>send_ehcp</code>,{" "}
            <code>known_to_social_care</code>, <code>other</code>, separated by <code>;</code>
          </dd>
          <dt>Contact</dt>
          <dd>
            <code>contact_name</code>, <code>contact_relationship</code>, <code>contact_parental_responsibility</code> (yes or no), <code>contact_phone</code>,{" "}
            <code>contact_email</code>
          </dd>
        </dl>
      </UploadSection>
      <UploadSection
        id="term-dates"
        title="Term dates"
        csrfToken={session.csrfToken}
        accept=".csv,text/csv"
        fileLabel="Term dates file (CSV)"
        buttonText="Upload term dates"
        url={() => "/api/imports/term-dates"}
        contentType={() => "text/csv"}
        describe={(body) => {
          const r = body as ClosuresSaved;
          return `${plural(r.days, "weekday")} in the file: ${r.changed} changed in the school calendar.`;
        }}
        example={{ fileName: "term-dates-example.csv", text: TERM_DATES_EXAMPLE, linkText: "Download an example term dates file (CSV)" }}
      >
        <p>
          A CSV file with the columns <code>from,to,kind,label</code>, one line per holiday, INSET day or closure. Dates are YYYY-MM-DD or DD/MM/YYYY and both
          ends are included; weekends are never school days and need no line. <code>kind</code> is one of <code>holiday</code>, <code>inset</code>,{" "}
          <code>bank_holiday</code> or <code>closure</code>. The days appear on the Calendar page, and no absence is counted on them.
        </p>
      </UploadSection>
    </>
  );
}

function isJson(file: File): boolean {
  return /\.json$/i.test(file.name) || file.type === "application/json" || file.type === "application/vnd.wonde+json";
}

/** A link to a small example file made in the browser: nothing is fetched. */
function ExampleLink({ fileName, text, linkText }: { fileName: string; text: string; linkText: string }) {
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [text]);
  if (!href) return null;
  return (
    <p>
      <a href={href} download={fileName}>
        {linkText}
      </a>
    </p>
  );
}

function UploadSection(props: {
  id: string;
  title: string;
  csrfToken: string;
  accept: string;
  fileLabel: string;
  buttonText: string;
  url: (file: File) => string;
  contentType: (file: File) => string;
  describe: (body: unknown) => string;
  example: { fileName: string; text: string; linkText: string };
  children: React.ReactNode;
}) {
  const { id } = props;
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const { run, busy, fail, ...outcome } = useForm({ explain: (err) => (err instanceof Error ? err.message : String(err)) });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) {
      fail("Choose a file to upload first.");
      return;
    }
    setProgress({ loaded: 0, total: file.size });
    return run(async () => {
      try {
        const res = await uploadFile(props.url(file), file, props.contentType(file), props.csrfToken, (loaded, total) => setProgress({ loaded, total }));
        if (res.status >= 200 && res.status < 300) return props.describe(res.body);
        const refusal = res.body as { message?: string; clause?: string } | undefined;
        const message = refusal?.message ?? `The upload was refused (${res.status}).`;
        throw new Error(refusal?.clause && !message.includes(refusal.clause) ? `${message} (${refusal.clause})` : message);
      } finally {
        setProgress(null);
      }
    });
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  return (
    <section className="imports-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{props.title}</h2>
      {props.children}
      <ExampleLink {...props.example} />
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor={`${id}-file`}>{props.fileLabel}</label>
        <input ref={input} id={`${id}-file`} name="file" type="file" accept={props.accept} required className="imports-file" />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {props.buttonText}
          </button>
        </div>
      </form>
      {busy && progress && (
        <div className="imports-progress">
          <label htmlFor={`${id}-progress`}>{percent < 100 ? `Uploading: ${percent}%` : "Uploaded; checking the file…"}</label>
          <progress id={`${id}-progress`} max={progress.total || 1} value={progress.loaded} />
        </div>
      )}
      <div role="status" className="imports-result">
        {outcome.status && <p className="ok">{outcome.status}</p>}
      </div>
      {outcome.error && (
        <p role="alert" className="error-summary">
          {outcome.error}
        </p>
      )}
    </section>
  );
}
