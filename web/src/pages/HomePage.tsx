import type { PageProps } from "../App";
import { canSee, PAGES } from "../App";
import { api, ROLE_LABELS } from "../api";
import { Link } from "../router";
import { useApi } from "../useApi";

interface Notice {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
}

export function HomePage({ session }: PageProps) {
  const pages = PAGES.filter((p) => p.inNav && p.path !== "/" && canSee(p, session));
  const { data, reload } = useApi<{ notifications: Notice[] }>("/api/notifications");
  const notices = data?.notifications ?? [];
  return (
    <>
      <h1>Good morning, {session.user.name.split(" ")[0]}</h1>
      <p>
        You are signed in as <strong>{session.roles.map((r) => ROLE_LABELS[r]).join(", ") || "no role"}</strong>.
      </p>
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
        <p className="muted">Governors see the policy, the calendar and the school's compliance figures (counts only); individual pupils' records are not shown to this role.</p>
      )}
    </>
  );
}
