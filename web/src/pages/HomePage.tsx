import type { PageProps } from "../App";
import { canSee, PAGES } from "../App";
import { api, may, ROLE_LABELS } from "../api";
import { Dashboard } from "./Dashboard";
import { Link } from "../router";
import { useApi } from "../useApi";
import type { Notifications } from "../../../src/contracts/visits";

export function HomePage({ session }: PageProps) {
  const pages = PAGES.filter((p) => p.inNav && p.path !== "/" && canSee(p, session));
  const { data, reload } = useApi<Notifications>("/api/notifications");
  const notices = data?.notifications ?? [];
  return (
    <>
      <h1>Good morning, {session.user.name.split(" ")[0]}</h1>
      <p>
        You are signed in as <strong>{session.roles.map((r) => ROLE_LABELS[r]).join(", ") || "no role"}</strong>.
      </p>
      {may(session, "GET /api/dashboard") && <Dashboard session={session} />}
      {session.roles.includes("governor") && may(session, "GET /api/governors/report") && (
        <section aria-labelledby="governors">
          <h2 id="governors">For the governing body</h2>
          <p>
            <Link to="/governors-report">The governors' report</Link>: how the school kept its policy, with attendance, visit and safety figures for a term or a range, ready to print
            for a meeting. No child is named in it.
          </p>
        </section>
      )}
      <section aria-labelledby="notices">
        <h2 id="notices">For your attention</h2>
        {notices.length === 0 ? (
          <p className="muted">Nothing new.</p>
        ) : (
          <ul className="cards">
            {notices.map((n) => (
              <li key={n.id} className={n.kind.startsWith("alarm") || n.kind.endsWith("police") ? "notice-urgent" : undefined}>
                <strong>{n.title}</strong>
                <br />
                {n.body}
                <br />
                <span className="muted">{new Date(n.createdAt).toLocaleString("en-GB", { timeZone: "Europe/London" })}</span>{" "}
                {n.link && <Link to={n.link}>Open</Link>}{" "}
                <button
                  type="button"
                  className="secondary"
                  onClick={async () => {
                    await api("POST", `/api/notifications/${n.id}/read`);
                    await reload();
                  }}
                >
                  Mark as read<span className="visually-hidden">: {n.title}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <h2>What you can do</h2>
      <ul className="cards">
        {pages.map((p) => (
          <li key={p.path}>
            <Link to={p.path}>{p.title}</Link>
          </li>
        ))}
      </ul>
      {session.roles.includes("governor") && (
        <p className="muted">Governors see the policy, the calendar, the school's compliance figures and the governors' report (counts only); individual pupils' records are not shown to this role.</p>
      )}
    </>
  );
}
