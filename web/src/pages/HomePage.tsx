import type { PageProps } from "../App";
import { canSee, PAGES } from "../App";
import { ROLE_LABELS } from "../api";
import { Link } from "../router";

export function HomePage({ session }: PageProps) {
  const pages = PAGES.filter((p) => p.inNav && p.path !== "/" && canSee(p, session.roles));
  return (
    <>
      <h1>Good morning, {session.user.name.split(" ")[0]}</h1>
      <p>
        You are signed in as <strong>{session.roles.map((r) => ROLE_LABELS[r]).join(", ") || "no role"}</strong>.
      </p>
      <h2>What you can do</h2>
      <ul className="cards">
        {pages.map((p) => (
          <li key={p.path}>
            <Link to={p.path}>{p.title}</Link>
          </li>
        ))}
      </ul>
      {session.roles.includes("governor") && (
        <p className="muted">Governors see reports and figures; individual pupils' records are not shown to this role.</p>
      )}
    </>
  );
}
