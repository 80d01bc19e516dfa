import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, may, readAnswer, ROLE_LABELS, SESSION_REFUSED, setCsrf, type SessionView } from "./api";
import { Link, navigate, usePath } from "./router";
import { LoginPage } from "./pages/LoginPage";
import { SetupPage } from "./pages/SetupPage";
import { ForgotPasswordPage, ResetPasswordPage } from "./pages/PasswordResetPages";
import { HomePage } from "./pages/HomePage";
import { PupilsPage, PupilPage } from "./pages/PupilsPage";
import { StaffPage } from "./pages/StaffPage";
import { AuditPage } from "./pages/AuditPage";
import { AccountPage } from "./pages/AccountPage";
import { TodayPage } from "./pages/TodayPage";
import { ImportsPage } from "./pages/ImportsPage";
import { CalendarPage } from "./pages/CalendarPage";
import { PolicyPage } from "./pages/policy/PolicyPage";
import { TrustPage } from "./pages/TrustPage";
import { CompliancePage } from "./pages/CompliancePage";
import { FiguresPage, GovernorsReportPage } from "./pages/FiguresPage";
import { CaseSamplePage, CaseSamplesPage } from "./pages/CaseSamplingPage";
import { DecisionListPage, DecisionListsPage } from "./pages/DecisionListsPage";
import { TrustFiguresPage, TrustSchoolPage } from "./pages/TrustFiguresPage";
import { VisitsPage } from "./pages/VisitsPage";
import { VisitPage } from "./pages/VisitPage";
import { StaffRecordsPage } from "./pages/StaffRecordsPage";
import { MyVisitsPage } from "./pages/MyVisitsPage";
import { BoardPage } from "./pages/BoardPage";
import { FieldPage } from "./pages/field/FieldPage";
import { ConcernsPage } from "./pages/ConcernsPage";
import { ReferralsPage } from "./pages/ReferralsPage";
import { IncidentsPage } from "./pages/IncidentsPage";
import { VisitRecordsPage } from "./pages/VisitRecordsPage";
import { LettersPage } from "./pages/LettersPage";
import { SignOnPage } from "./pages/SignOnPage";
import { ReplyPage } from "./pages/ReplyPage";
import { FamilyPolicyPage } from "./pages/FamilyPolicyPage";
import { RetentionPage } from "./pages/RetentionPage";
import { SubjectAccessPage } from "./pages/SubjectAccessPage";

export interface PageProps {
  session: SessionView;
  refresh: () => Promise<void>;
}

interface PageDef {
  path: string;
  title: string;
  /** The API route the page is built on ("all": every signed-in person); the session's `may` list says whether it shows. */
  needs: string | readonly string[] | "all";
  inNav: boolean;
  match?: (path: string) => boolean;
  render: (p: PageProps, path: string) => React.ReactNode;
}


export const PAGES: PageDef[] = [
  { path: "/", title: "Home", needs: "all", inNav: true, render: (p) => <HomePage {...p} /> },
  { path: "/today", title: "Today", needs: "GET /api/today", inNav: true, render: (p) => <TodayPage {...p} /> },
  { path: "/trust", title: "Trust", needs: "GET /api/trust/today", inNav: true, render: (p) => <TrustPage {...p} /> },
  { path: "/compliance", title: "Compliance", needs: "GET /api/compliance", inNav: true, render: (p) => <CompliancePage {...p} /> },
  { path: "/figures", title: "Figures", needs: "GET /api/figures", inNav: true, render: (p) => <FiguresPage {...p} /> },
  { path: "/governors-report", title: "Governors' report", needs: "GET /api/governors/report", inNav: true, render: (p) => <GovernorsReportPage {...p} /> },
  { path: "/trust-figures", title: "Trust figures", needs: "GET /api/trust/figures", inNav: true, render: (p) => <TrustFiguresPage {...p} /> },
  {
    path: "/trust/schools/:id",
    title: "A school of the trust",
    needs: "GET /api/trust/schools/:schoolId/report",
    inNav: false,
    match: (path) => /^\/trust\/schools\/[0-9a-f-]{36}$/.test(path),
    render: (p, path) => <TrustSchoolPage {...p} schoolId={path.split("/")[3]!} />,
  },
  { path: "/case-samples", title: "Case sampling", needs: "GET /api/case-samples", inNav: true, render: (p) => <CaseSamplesPage {...p} /> },
  {
    path: "/case-samples/:id",
    title: "Case sample",
    needs: "GET /api/case-samples/:sampleId",
    inNav: false,
    match: (path) => /^\/case-samples\/[0-9a-f-]{36}$/.test(path),
    render: (p, path) => <CaseSamplePage {...p} sampleId={path.split("/")[2]!} />,
  },
  { path: "/decision-lists", title: "Half-term decisions", needs: "GET /api/decision-lists", inNav: true, render: (p) => <DecisionListsPage {...p} /> },
  {
    path: "/decision-lists/:id",
    title: "Half-term decision list",
    needs: "GET /api/decision-lists/:listId",
    inNav: false,
    match: (path) => /^\/decision-lists\/[0-9a-f-]{36}$/.test(path),
    render: (p, path) => <DecisionListPage {...p} listId={path.split("/")[2]!} />,
  },
  { path: "/pupils", title: "Pupils", needs: "GET /api/pupils", inNav: true, render: (p) => <PupilsPage {...p} /> },
  {
    path: "/pupils/:id",
    title: "Pupil",
    needs: "GET /api/pupils/:pupilId",
    inNav: false,
    match: (path) => /^\/pupils\/[0-9a-f-]{36}$/.test(path),
    render: (p, path) => <PupilPage {...p} pupilId={path.split("/")[2]!} />,
  },
  { path: "/visits", title: "Visits", needs: "GET /api/visits", inNav: true, render: (p) => <VisitsPage {...p} /> },
  {
    path: "/visits/:id",
    title: "Visit",
    needs: "GET /api/visits/:visitId",
    inNav: false,
    match: (path) => /^\/visits\/[0-9a-f-]{36}$/.test(path),
    render: (p, path) => <VisitPage {...p} visitId={path.split("/")[2]!} />,
  },
  { path: "/board", title: "Office board", needs: "GET /api/board", inNav: true, render: (p) => <BoardPage {...p} /> },
  {
    path: "/field/:id",
    title: "On the visit",
    needs: "GET /api/visits/:visitId/field",
    inNav: false,
    match: (path) => /^\/field\/[0-9a-f-]{36}$/.test(path),
    render: (p, path) => <FieldPage {...p} visitId={path.split("/")[2]!} />,
  },
  { path: "/my-visits", title: "My visits", needs: "GET /api/visits", inNav: true, render: (p) => <MyVisitsPage {...p} /> },
  { path: "/concerns", title: "Concerns", needs: "GET /api/concerns", inNav: true, render: (p) => <ConcernsPage {...p} /> },
  { path: "/referrals", title: "Referrals", needs: "GET /api/referrals", inNav: true, render: (p) => <ReferralsPage {...p} /> },
  { path: "/visit-records", title: "Visit records", needs: ["GET /api/visit-records", "POST /api/visit-records"], inNav: true, render: (p) => <VisitRecordsPage {...p} /> },
  { path: "/incidents", title: "Incidents", needs: "GET /api/incidents", inNav: true, render: (p) => <IncidentsPage {...p} /> },
  { path: "/staff", title: "Staff", needs: "GET /api/staff", inNav: true, render: (p) => <StaffPage {...p} /> },
  { path: "/staff-records", title: "Staff checks", needs: "GET /api/staff/records", inNav: true, render: (p) => <StaffRecordsPage {...p} /> },
  { path: "/imports", title: "Imports", needs: "POST /api/imports/marks", inNav: true, render: (p) => <ImportsPage {...p} /> },
  { path: "/calendar", title: "Calendar", needs: "all", inNav: true, render: (p) => <CalendarPage {...p} /> },
  { path: "/policy", title: "Policy", needs: "all", inNav: true, render: (p) => <PolicyPage {...p} /> },
  { path: "/letters", title: "Letters", needs: "PUT /api/letter-templates/:kind", inNav: true, render: (p) => <LettersPage {...p} /> },
  { path: "/sign-on", title: "Single sign-on", needs: "PUT /api/school/sso", inNav: true, render: (p) => <SignOnPage {...p} /> },
  { path: "/retention", title: "Retention", needs: "GET /api/retention", inNav: true, render: (p) => <RetentionPage {...p} /> },
  { path: "/subject-access", title: "Subject access", needs: "GET /api/subject-access", inNav: true, render: (p) => <SubjectAccessPage {...p} /> },
  { path: "/audit", title: "Audit trail", needs: "GET /api/audit", inNav: true, render: (p) => <AuditPage {...p} /> },
  { path: "/account", title: "Account", needs: "all", inNav: true, render: (p) => <AccountPage {...p} /> },
];

export function canSee(page: PageDef, session: Pick<SessionView, "may">): boolean {
  return page.needs === "all" || (typeof page.needs === "string" ? [page.needs] : page.needs).some((route) => may(session, route));
}

/** How often to ask again while the server cannot be reached. */
const RETRY_MS = 15_000;

/**
 * Who is signed in. `connection` is "offline" while the server cannot be reached
 * (no signal, or the server down or restarting): the person stays signed in and
 * the page stays as it is (the field view works on with its outbox), and the
 * session is asked for again every 15 seconds and when the browser is back online.
 * Only the server saying "not signed in" (401) signs the person out.
 */
function useSession() {
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);
  const [connection, setConnection] = useState<{ state: "online" } | { state: "offline"; since: number; savedCopy: boolean }>({ state: "online" });
  const [checking, setChecking] = useState(false);
  /** The session ended under an open page (a leaver disabled, signed out everywhere, timed out). */
  const [ended, setEnded] = useState(false);
  const signedIn = useRef(false);
  useEffect(() => {
    signedIn.current = !!session;
    if (session) setEnded(false);
  }, [session]);

  const refresh = useCallback(async () => {
    const cannotReach = (savedCopy: boolean) => setConnection((c) => (c.state === "offline" ? { ...c, savedCopy } : { state: "offline", since: Date.now(), savedCopy }));
    setChecking(true);
    try {
      let res: Response;
      try {
        res = await fetch("/api/session", { credentials: "same-origin", cache: "no-store" });
      } catch {
        cannotReach(false);
        return;
      }
      if (res.status === 401) {
        if (signedIn.current) setEnded(true);
        setSession(null);
        setConnection({ state: "online" });
        return;
      }
      let s: SessionView;
      try {
        s = await readAnswer<SessionView>(res);
      } catch (e) {
        // A server error or a proxy's page: keep whoever is signed in and ask again.
        if (e instanceof ApiError && e.status === 401) setSession(null);
        else cannotReach(false);
        return;
      }
      setCsrf(s.csrfToken);
      setSession(s);
      // The service worker answers from the copy saved on this phone when there is no signal.
      if (res.headers.get("x-doorstep-saved-copy") !== null) cannotReach(true);
      else setConnection({ state: "online" });
    } finally {
      setChecking(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
    // A refused request, or coming back to the tab, asks again whether the session still holds.
    const again = () => void refresh();
    const visible = () => document.visibilityState === "visible" && again();
    window.addEventListener(SESSION_REFUSED, again);
    document.addEventListener("visibilitychange", visible);
    return () => {
      window.removeEventListener(SESSION_REFUSED, again);
      document.removeEventListener("visibilitychange", visible);
    };
  }, [refresh]);

  const offline = connection.state === "offline";
  useEffect(() => {
    if (!offline) return;
    const again = () => void refresh();
    const timer = setInterval(again, RETRY_MS);
    window.addEventListener("online", again);
    return () => {
      clearInterval(timer);
      window.removeEventListener("online", again);
    };
  }, [offline, refresh]);

  return { session, setSession, connection, checking, refresh, ended };
}

/** Shown while the server cannot be reached: an alert, so that losing the connection is announced once. */
function ConnectionStatus({ connection, checking, retry }: { connection: ReturnType<typeof useSession>["connection"]; checking: boolean; retry: () => void }) {
  if (connection.state !== "offline") return null;
  return (
    <div role="alert" className="connection-offline">
      <p>
        <strong>Offline:</strong> Doorstep cannot reach the server{connection.savedCopy ? " (you are signed in from the copy saved on this device)" : ""}. You stay signed in; what is
        shown may be out of date. Doorstep tries again every {RETRY_MS / 1000} seconds.
      </p>
      <button type="button" className="secondary" disabled={checking} onClick={retry}>
        {checking ? "Trying…" : "Try again now"}
      </button>
    </div>
  );
}

export function App() {
  const path = usePath();
  const { session, setSession, connection, checking, refresh, ended } = useSession();
  const retry = () => void refresh();

  const page = PAGES.find((p) => (p.match ? p.match(path) : p.path === path));
  useEffect(() => {
    const publicTitles: Record<string, string> = { "/setup": "Set up your school", "/forgot-password": "Forgotten password", "/reset-password": "Set a new password" };
    if (path.startsWith("/r/") || path.startsWith("/families/")) return; // the families' pages name themselves
    document.title = session === null ? `${publicTitles[path] ?? "Sign in"} – Doorstep` : `${page?.title ?? "Not found"} – Doorstep`;
  }, [page, session, path]);

  // A family's reply link: its own page, signed in or not.
  const replyToken = /^\/r\/([A-Za-z0-9_-]{1,100})$/.exec(path)?.[1];
  if (replyToken) return <ReplyPage token={replyToken} />;
  // The school's policy for families: public, signed in or not.
  const familyPolicyId = /^\/families\/policy\/([A-Za-z0-9-]{1,100})$/.exec(path)?.[1];
  if (familyPolicyId) return <FamilyPolicyPage familyPolicyId={familyPolicyId} />;
  if (session === undefined)
    return (
      <main id="main" className="login">
        <ConnectionStatus connection={connection} checking={checking} retry={retry} />
        {connection.state === "offline" ? (
          <>
            <h1>No connection</h1>
            <p>Doorstep cannot reach the server, and this device has no saved sign-in. It will open as soon as there is a connection.</p>
            <p>On a visit with no signal, phone the office with your steps.</p>
          </>
        ) : (
          <p className="loading">Loading…</p>
        )}
      </main>
    );
  if (session === null && path === "/setup") return <SetupPage />;
  if (session === null && path === "/forgot-password") return <ForgotPasswordPage />;
  if (session === null && path === "/reset-password") return <ResetPasswordPage />;
  if (session === null)
    return (
      <LoginPage
        ended={ended}
        onSignedIn={(s) => {
          setCsrf(s.csrfToken);
          setSession(s);
          // After a sign-in that had ended (say, on the field view), carry on where the person was.
          if (path === "/account") navigate("/");
        }}
      />
    );

  const school = session.schools.find((s) => s.schoolId === session.schoolId);
  const visible = PAGES.filter((p) => p.inNav && canSee(p, session));
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="brand">
          <span aria-hidden="true">⌂</span> Doorstep
        </div>
        <div className="who">
          <span>{session.user.name}</span>
          <span className="muted">
            {school?.schoolName ?? "No school"} · {session.roles.map((r) => ROLE_LABELS[r]).join(", ")}
          </span>
        </div>
        <nav aria-label="Main">
          <ul>
            {visible.map((p) => (
              <li key={p.path}>
                <Link to={p.path} aria-current={p.path === path ? "page" : undefined}>
                  {p.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <ConnectionStatus connection={connection} checking={checking} retry={retry} />
      <main id="main" tabIndex={-1}>
        {page && canSee(page, session) ? (
          page.render({ session, refresh }, path)
        ) : (
          <>
            <h1>{page ? "Not available to your role" : "Page not found"}</h1>
            <p>
              <Link to="/">Go to the home page</Link>
            </p>
          </>
        )}
      </main>
    </>
  );
}
