/**
 * The school's letter templates, edited by the headteacher. Placeholders in
 * {{double braces}} are filled from the record; the server refuses any it does
 * not know, naming it, so a typo never reaches a family. Each template shows,
 * next to its wording, the placeholders it may use (the server's list for the
 * template where it sends one, else the list for every letter).
 */
import { Fragment, useId, useState } from "react";
import type { PageProps } from "../App";
import { api } from "../api";
import { useApi } from "../useApi";
import { ErrorSummary, Status } from "../records/forms";
import { useForm } from "../useForm";
import { LETTER_KIND_LABELS, PLACEHOLDER_HELP } from "../records/labels";
import type { LetterTemplate } from "../records/types";
import type { LetterTemplates } from "../../../src/contracts/documents";
import "../records/records.css";

export function LettersPage(_: PageProps) {
  const { data, error, reload } = useApi<LetterTemplates>("/api/letter-templates");
  return (
    <>
      <h1>Letters</h1>
      <p>The wording of the letters Doorstep writes. Each is kept on the child&rsquo;s record when it is sent.</p>
      <p>
        Write a placeholder, with its double braces, where the letter should say something from the record: each letter lists the ones it can use. Nothing else in braces
        is accepted.
      </p>
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      {data && (
        <ul className="rec-nav" aria-label="Templates">
          {data.templates.map((t) => (
            <li key={t.kind}>
              <a href={`#letter-${t.kind}`}>{LETTER_KIND_LABELS[t.kind]?.title ?? t.kind}</a>
            </li>
          ))}
        </ul>
      )}
      {data?.templates.map((t) => (
        <TemplateEditor key={t.kind} template={t} placeholders={t.placeholders.length ? placeholderList(t.placeholders) : PLACEHOLDER_HELP} onDone={reload} />
      ))}
    </>
  );
}

/** The server's placeholders, each with what it says. */
function placeholderList(list: LetterTemplate["placeholders"]): [string, string][] {
  return list.map((p) => [p.name, p.description]);
}

/** Placeholders written in a text, read as the server checks them (ANY_TOKEN in src/domain/documents/letter-templates.ts): "{{ child.name }}" → "child.name", "{{child_name}}" → "child_name". */
const usedIn = (text: string) => [...new Set([...text.matchAll(/\{\{([^{}]*)\}\}/g)].map((m) => m[1]!.trim()))];

function TemplateEditor({ template, placeholders, onDone }: { template: LetterTemplate; placeholders: [string, string][]; onDone: () => Promise<void> }) {
  const id = useId();
  const ids = { title: `${id}-title`, body: `${id}-body` };
  const { problems, status, busy, run } = useForm({ fields: ids });
  const [title, setTitle] = useState(template.title);
  const [body, setBody] = useState(template.body);
  const about = LETTER_KIND_LABELS[template.kind];
  const name = about?.title ?? template.kind;
  const lower = about?.inSentence ?? template.kind;
  const known = new Set(placeholders.map(([p]) => p));
  const unknown = usedIn(`${title}\n${body}`).filter((p) => !known.has(p));
  return (
    <section className="rec-letter rec-section" aria-labelledby={`letter-${template.kind}`}>
      <h2 id={`letter-${template.kind}`}>{name}</h2>
      {about && <p>{about.use}</p>}
      <p className="muted">{template.edited ? `The school's own wording${template.updatedBy ? `, last edited by ${template.updatedBy}` : ""}.` : "Doorstep's default wording: not edited yet."}</p>
      <form
        className="rec-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await api("PUT", `/api/letter-templates/${template.kind}`, { title, body });
            await onDone();
            return `${name} saved.`;
          });
        }}
      >
        <ErrorSummary problems={problems} />
        <label htmlFor={ids.title}>Title of the {lower}</label>
        <input id={ids.title} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        <label htmlFor={ids.body}>Wording of the {lower}</label>
        <p className="rec-hint" id={`${ids.body}-hint`}>
          Leave a blank line between paragraphs. The placeholders this {lower} can use are listed below it.
        </p>
        <textarea id={ids.body} rows={12} value={body} aria-describedby={`${ids.body}-hint`} onChange={(e) => setBody(e.target.value)} />
        {unknown.length > 0 && (
          <p className="notice">
            Not a placeholder for the {lower}: {unknown.map((p) => `{{${p}}}`).join(", ")}. It will be refused when you save.
          </p>
        )}
        <details className="rec-letter-placeholders" open>
          <summary>
            Placeholders for the {lower} ({placeholders.length})
          </summary>
          <dl className="rec-placeholders">
            {placeholders.map(([p, what]) => (
              <Fragment key={p}>
                <dt>{`{{${p}}}`}</dt>
                <dd>{what || "\u00a0"}</dd>
              </Fragment>
            ))}
          </dl>
        </details>
        <div className="actions">
          <button type="submit" disabled={busy}>
            Save the {lower}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setTitle(template.title);
              setBody(template.body);
            }}
          >
            Undo changes
          </button>
        </div>
        <Status>{status}</Status>
      </form>
    </section>
  );
}
