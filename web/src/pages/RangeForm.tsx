import { useState, type ReactNode } from "react";
import { navigate } from "../router";
import { useForm } from "../useForm";

export interface DateRange {
  from: string;
  to: string;
}

/**
 * A form that makes something over a range of days and opens it: the case
 * samples' draw and the half-term decision lists' build. It keeps the two
 * dates; the page adds its own fields before or after them.
 */
export function RangeForm(props: {
  title: string;
  labels: DateRange;
  /** "both": each date is needed; "together": either may be left empty, but one asks for the other. */
  required: "both" | "together";
  before?: ReactNode;
  after?: ReactNode;
  submit: string;
  /** The write; it answers with the id of what it made. */
  make: (range: DateRange) => Promise<{ id: string }>;
  /** Where what was made is shown. */
  opens: (id: string) => string;
}) {
  const [range, setRange] = useState<DateRange>({ from: "", to: "" });
  const { run, error } = useForm();
  const needs = (other: string) => (props.required === "both" ? true : other !== "");
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          const made = await props.make(range);
          navigate(props.opens(made.id));
        });
      }}
    >
      <h2>{props.title}</h2>
      {props.before}
      <label>
        {props.labels.from} <input type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} required={needs(range.to)} />
      </label>
      <label>
        {props.labels.to} <input type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} required={needs(range.from)} />
      </label>
      {props.after}
      {error && <p role="alert">{error}</p>}
      <button type="submit">{props.submit}</button>
    </form>
  );
}
