import { useState } from "react";
import type { SessionView } from "../api";
import { useSubmit } from "./Feedback";
import { send } from "./request";

/** A secret, revocable iCalendar link to the visits one is on the team for. */
export function CalendarFeed({ session }: { session: SessionView }) {
  const [url, setUrl] = useState<string | null>(null);
  const make = useSubmit();
  const copy = useSubmit();
  return (
    <section className="visit-section" aria-labelledby="feed-heading">
      <h2 id="feed-heading">Subscribe in your calendar app</h2>
      <p>
        Doorstep can put your visits in your phone's or computer's calendar: times and addresses only, never a child's name. The link is secret: anyone who has it can
        see your visits, so do not share it. Making a new link stops the old one.
      </p>
      {make.view}
      <div className="actions">
        <button
          type="button"
          disabled={make.busy}
          onClick={() =>
            void make.run(
              () => send<{ path: string }>(session, "POST", "/api/my/calendar-feed"),
              (r) => {
                setUrl(location.origin + r.path);
                return "A new calendar link is ready. Any link you made before has stopped working.";
              },
            )
          }
        >
          {url ? "Make a new calendar link" : "Make a calendar link"}
        </button>
        <button
          type="button"
          className="danger"
          disabled={make.busy}
          onClick={() =>
            void make.run(
              () => send(session, "DELETE", "/api/my/calendar-feed"),
              () => {
                setUrl(null);
                return "The calendar link is stopped: calendar apps can no longer read your visits.";
              },
            )
          }
        >
          Stop the calendar link
        </button>
      </div>
      {url && (
        <div>
          <label htmlFor="feed-url">Your calendar link (add it to your calendar app as a subscription)</label>
          <input id="feed-url" className="feed-url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
          {copy.view}
          <button
            type="button"
            className="secondary"
            onClick={() =>
              void copy.run(async () => {
                try {
                  await navigator.clipboard.writeText(url);
                } catch {
                  // No clipboard API (plain http) or no permission: copy the selected text instead.
                  const input = document.getElementById("feed-url") as HTMLInputElement | null;
                  input?.select();
                  if (!document.execCommand("copy")) throw new Error("Copying is not available here: select the link and copy it.");
                }
              }, "Copied the calendar link.")
            }
          >
            Copy the link
          </button>
        </div>
      )}
    </section>
  );
}
