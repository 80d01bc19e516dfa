import type { Mark } from "./evaluation-input";
import { epochDayOf, toIsoDate, type EpochDay } from "./iso-date";

/**
 * A register's marks as columns: for each mark a pupil (a position in
 * `upns`), an epoch day, the session and a code (a position in `codes`), in
 * typed arrays rather than one object per mark. A school's term is some
 * 140,000 marks; as objects they cost more to make and to collect than the
 * replay costs to run. The same marks as a `Mark[]` give the same answer
 * everywhere one is accepted (`MarkSource`).
 */
export class MarkColumns {
  private byPupil: { start: Int32Array; order: Int32Array; at: Map<string, number> } | undefined;

  constructor(
    /** The pupils the marks name, each once; `pupil[i]` is a position here. */
    readonly upns: readonly string[],
    /** The codes the marks use; `code[i]` is a position here. */
    readonly codes: readonly string[],
    readonly pupil: Int32Array,
    readonly day: Int32Array,
    /** 0: AM, 1: PM. */
    readonly pm: Uint8Array,
    readonly code: Uint8Array,
    readonly length: number,
  ) {}

  static readonly EMPTY = new MarkColumns([], [], new Int32Array(0), new Int32Array(0), new Uint8Array(0), new Uint8Array(0), 0);

  /**
   * Registers arrive grouped by pupil or by date, so remembering the last upn,
   * date and code read spares most Map lookups and date parses.
   */
  static fromMarks(marks: readonly Mark[]): MarkColumns {
    const b = new MarkColumnsBuilder(marks.length);
    let upn: string | undefined;
    let pupil = 0;
    let date: string | undefined;
    let day = 0;
    let code: string | undefined;
    let codeAt = 0;
    for (let i = 0; i < marks.length; i++) {
      const m = marks[i]!;
      if (m.upn !== upn) pupil = b.pupilOf((upn = m.upn));
      if (m.date !== date) day = epochDayOf((date = m.date));
      if (m.code !== code) codeAt = b.codeOf((code = m.code));
      b.push(pupil, day, m.session === "AM" ? 0 : 1, codeAt);
    }
    return b.build();
  }

  /** The same marks as objects, in order (a date's string shared by its marks). */
  toMarks(): Mark[] {
    const out = new Array<Mark>(this.length);
    const dates = new Map<EpochDay, string>();
    for (let i = 0; i < this.length; i++) {
      const d = this.day[i]!;
      let date = dates.get(d);
      if (date === undefined) dates.set(d, (date = toIsoDate(d)));
      out[i] = { upn: this.upns[this.pupil[i]!]!, date, session: this.pm[i] ? "PM" : "AM", code: this.codes[this.code[i]!]! as Mark["code"] };
    }
    return out;
  }

  /** Whether the pupil has a mark dated from `from` to before `before` whose code passes `test`. */
  someMark(upn: string, from: EpochDay, before: EpochDay, test: (code: string) => boolean): boolean {
    const index = (this.byPupil ??= this.indexByPupil());
    const p = index.at.get(upn);
    if (p === undefined) return false;
    for (let k = index.start[p]!; k < index.start[p + 1]!; k++) {
      const i = index.order[k]!;
      const d = this.day[i]!;
      if (d >= from && d < before && test(this.codes[this.code[i]!]!)) return true;
    }
    return false;
  }

  /** These marks less those of the pupils in `upns`. */
  without(upns: ReadonlySet<string>): MarkColumns {
    const b = new MarkColumnsBuilder(this.length);
    const pupilMap = this.upns.map((u) => (upns.has(u) ? -1 : b.pupilOf(u)));
    const codeMap = this.codes.map((c) => b.codeOf(c));
    for (let i = 0; i < this.length; i++) {
      const p = pupilMap[this.pupil[i]!]!;
      if (p >= 0) b.push(p, this.day[i]!, this.pm[i]!, codeMap[this.code[i]!]!);
    }
    return b.build();
  }

  /** These marks, then `other`'s. */
  concat(other: MarkColumns): MarkColumns {
    const b = new MarkColumnsBuilder(this.length + other.length);
    for (const part of [this, other]) {
      const pupilMap = part.upns.map((u) => b.pupilOf(u));
      const codeMap = part.codes.map((c) => b.codeOf(c));
      for (let i = 0; i < part.length; i++) b.push(pupilMap[part.pupil[i]!]!, part.day[i]!, part.pm[i]!, codeMap[part.code[i]!]!);
    }
    return b.build();
  }

  /** Mark positions grouped by pupil (a counting sort): pupil p's are order[start[p]..start[p+1]). */
  private indexByPupil(): { start: Int32Array; order: Int32Array; at: Map<string, number> } {
    const start = new Int32Array(this.upns.length + 1);
    for (let i = 0; i < this.length; i++) start[this.pupil[i]! + 1]!++;
    for (let p = 0; p < this.upns.length; p++) start[p + 1]! += start[p]!;
    const next = start.slice(0, this.upns.length);
    const order = new Int32Array(this.length);
    for (let i = 0; i < this.length; i++) order[next[this.pupil[i]!]!++] = i;
    const at = new Map(this.upns.map((u, p) => [u, p]));
    return { start, order, at };
  }
}

/** Marks as a list of objects (a scenario, a test) or as columns (a school's records read for a replay). */
export type MarkSource = readonly Mark[] | MarkColumns;

/** Fills columns mark by mark, growing them as needed. */
export class MarkColumnsBuilder {
  private readonly upns: string[] = [];
  private readonly upnIndex = new Map<string, number>();
  private readonly codes: string[] = [];
  private readonly codeIndex = new Map<string, number>();
  private pupil: Int32Array;
  private day: Int32Array;
  private pm: Uint8Array;
  private code: Uint8Array;
  private n = 0;

  constructor(capacity = 1024) {
    const c = Math.max(16, capacity);
    this.pupil = new Int32Array(c);
    this.day = new Int32Array(c);
    this.pm = new Uint8Array(c);
    this.code = new Uint8Array(c);
  }

  /** The position of a pupil, added if new. */
  pupilOf(upn: string): number {
    let p = this.upnIndex.get(upn);
    if (p === undefined) {
      p = this.upns.push(upn) - 1;
      this.upnIndex.set(upn, p);
    }
    return p;
  }

  /** The position of a code, added if new (at most 256 distinct codes: the DfE has fewer than 40). */
  codeOf(code: string): number {
    let c = this.codeIndex.get(code);
    if (c === undefined) {
      if (this.codes.length === 256) throw new RangeError("more than 256 distinct mark codes");
      c = this.codes.push(code) - 1;
      this.codeIndex.set(code, c);
    }
    return c;
  }

  push(pupil: number, day: EpochDay, pm: number, code: number): void {
    if (this.n === this.pupil.length) this.grow();
    const i = this.n++;
    this.pupil[i] = pupil;
    this.day[i] = day;
    this.pm[i] = pm;
    this.code[i] = code;
  }

  build(): MarkColumns {
    const n = this.n;
    return new MarkColumns(this.upns, this.codes, this.pupil.subarray(0, n), this.day.subarray(0, n), this.pm.subarray(0, n), this.code.subarray(0, n), n);
  }

  private grow(): void {
    const size = this.pupil.length * 2;
    const widen = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.pupil = widen(this.pupil, (s) => new Int32Array(s));
    this.day = widen(this.day, (s) => new Int32Array(s));
    this.pm = widen(this.pm, (s) => new Uint8Array(s));
    this.code = widen(this.code, (s) => new Uint8Array(s));
  }
}
