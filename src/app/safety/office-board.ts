/**
 * The office board: every visit under way (or cancelled while its team is still
 * out), who is out, where, in what vehicle, when the office must next hear from
 * them, and any alert, with the history of their check-ins.
 *
 * PostgreSQL builds the board as one JSON text. Every open board asks for it each
 * second, and at 500 visits it carries thousands of check-ins (over 1 MB):
 * built in JavaScript that was some 50 ms of the server's one thread a second,
 * which check-ins queued behind. Here the database does it on its own core and the
 * server passes the text on untouched.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Executor } from "../../db/client";

export type BoardStatus = "on_time" | "amber" | "red" | "alarm";

export interface BoardVisit {
  visitId: string;
  state: string;
  /** Staff went out and have not reported returned or home safe: true for a visit cancelled under way until they do. */
  teamOut: boolean;
  address: string | null;
  children: string[];
  startsAt: string | null;
  expectedBackAt: string | null;
  team: { userId: string; name: string; mobile: string | null; vehicle: string | null }[];
  /** People from outside the school on the visit (burgh 1, 9), with a phone the office can call. */
  companions: { name: string; organisation: string; role: string; phone: string | null }[];
  nextDeadline: { kind: string; dueAt: string; clause: string } | null;
  lastEvent: { step: string; at: string; by: string; latitude: string | null; longitude: string | null } | null;
  status: BoardStatus;
  alerts: {
    id: string;
    kind: string;
    level: string;
    dueAt: string | null;
    raisedAt: string;
    acknowledgements: { level: string; by: string; at: string }[];
    stoodDownNote: string | null;
    closedNote: string | null;
    open: boolean;
    latitude: string | null;
    longitude: string | null;
  }[];
  history: { step: string; at: string; by: string }[];
}

/** A timestamp as JavaScript's toISOString writes it (milliseconds, Z), so the board reads the same whoever built it. */
const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** An alert the office must still act on: an alarm until closed; an overdue alert until closed or stood down by a late check-in. */
const OPEN = (a: string) => `(${a}.closed_at is null and (${a}.kind = 'alarm' or ${a}.stood_down_at is null))`;

// Under way, plus any visit that still has an open alert (an alarm outlives the visit's state),
// a pending deadline, or a team still out after the visit was cancelled under way.
// Each part is built for all the board's visits at once (grouped, then joined), not
// looked up visit by visit: some 40 ms at 500 visits, against 115 ms visit by visit
// and 150 ms for the first version, which joined users and pupils once per visit.
// The parts are MATERIALIZED: inlined, a planner without statistics (tables not yet
// analysed) chose nested loops that re-ran a grouping of every check-in for each
// visit on the board (36 s at 500 visits); materialized, each runs once, and the
// worst join order left is 150 ms.
// Most urgent first (alarm, red, amber, on time), then by start.
/** The visits on the board ($1 the school): also what the office may open (src/domain/people/visit-reach.ts). */
const ON_BOARD_SQL = `
  select id from visits where school_id = $1 and state = 'under_way'
  union select visit_id from safety_alerts a where a.school_id = $1 and ${OPEN("a")}
  union select visit_id from safety_deadlines where school_id = $1 and state = 'pending'
  union select e.visit_id from visit_events e join visits v on v.id = e.visit_id
    where v.school_id = $1 and v.state = 'cancelled'
    group by e.visit_id
    having bool_or(e.step = 'departed') and not bool_or(e.step in ('returned', 'home_safe'))`;

const BOARD_SQL = `
with on_board as materialized (${ON_BOARD_SQL}
),
events as materialized (
  select e.visit_id,
    bool_or(e.step = 'departed') and not bool_or(e.step in ('returned', 'home_safe')) as team_out,
    json_agg(json_build_object('step', e.step, 'at', ${iso("e.occurred_at")}, 'by', u.name) order by e.occurred_at, e.received_at, e.id) as history
  from visit_events e join users u on u.id = e.user_id
  where e.visit_id in (select id from on_board)
  group by e.visit_id
),
last_event as materialized (
  select l.visit_id,
    json_build_object('step', l.step, 'at', ${iso("l.occurred_at")}, 'by', l.name, 'latitude', l.latitude, 'longitude', l.longitude) as last_event
  from (
    select distinct on (e.visit_id) e.visit_id, e.step, e.occurred_at, u.name, e.latitude, e.longitude
    from visit_events e join users u on u.id = e.user_id
    where e.visit_id in (select id from on_board)
    order by e.visit_id, e.occurred_at desc, e.received_at desc, e.id desc
  ) l
),
alerts as materialized (
  select a.visit_id,
    case
      when bool_or(${OPEN("a")} and a.kind = 'alarm') then 'alarm'
      when bool_or(${OPEN("a")} and a.level <> 'amber') then 'red'
      when bool_or(${OPEN("a")}) then 'amber'
      else 'on_time'
    end as status,
    json_agg(json_build_object(
      'id', a.id, 'kind', a.kind, 'level', a.level, 'dueAt', ${iso("a.due_at")}, 'raisedAt', ${iso("a.raised_at")},
      'acknowledgements', a.acknowledgements, 'stoodDownNote', a.stood_down_note, 'closedNote', a.closed_note,
      'open', ${OPEN("a")}, 'latitude', a.latitude, 'longitude', a.longitude
    ) order by a.raised_at desc, a.id) as alerts
  from safety_alerts a
  where a.visit_id in (select id from on_board)
  group by a.visit_id
),
next_deadline as materialized (
  select distinct on (d.visit_id) d.visit_id,
    json_build_object('kind', d.kind, 'dueAt', ${iso("d.due_at")}, 'clause', d.clause) as next_deadline
  from safety_deadlines d
  where d.state = 'pending' and d.visit_id in (select id from on_board)
  order by d.visit_id, d.due_at
),
team as materialized (
  select t.visit_id,
    json_agg(json_build_object(
      'userId', u.id, 'name', u.name, 'mobile', u.mobile,
      'vehicle', case when t.driver and sv.registration is not null
        then sv.colour || ' ' || sv.make || ' ' || sv.model || ', ' || sv.registration end
    ) order by u.name, u.id) as team
  from visit_team t join users u on u.id = t.user_id left join staff_vehicles sv on sv.user_id = t.user_id
  where t.visit_id in (select id from on_board)
  group by t.visit_id
),
companions as materialized (
  select c.visit_id,
    json_agg(json_build_object('name', c.name, 'organisation', c.organisation, 'role', c.role, 'phone', c.phone) order by c.created_at, c.id) as companions
  from visit_companions c
  where c.visit_id in (select id from on_board)
  group by c.visit_id
),
children as materialized (
  select vp.visit_id, json_agg(p.first_name || ' ' || p.last_name order by p.last_name, p.first_name) as children
  from visit_pupils vp join pupils p on p.id = vp.pupil_id
  where vp.visit_id in (select id from on_board)
  group by vp.visit_id
),
board as materialized (
  select v.id, v.starts_at, coalesce(al.status, 'on_time') as status,
    json_build_object(
      'visitId', v.id,
      'state', v.state,
      'teamOut', coalesce(ev.team_out, false),
      'address', v.address,
      'children', coalesce(ch.children, '[]'),
      'startsAt', ${iso("v.starts_at")},
      'expectedBackAt', ${iso("v.expected_back_at")},
      'team', coalesce(tm.team, '[]'),
      'companions', coalesce(co.companions, '[]'),
      'nextDeadline', nd.next_deadline,
      'lastEvent', le.last_event,
      'status', coalesce(al.status, 'on_time'),
      'alerts', coalesce(al.alerts, '[]'),
      'history', coalesce(ev.history, '[]')
    ) as visit
  from visits v
  join on_board b on b.id = v.id
  left join events ev on ev.visit_id = v.id
  left join last_event le on le.visit_id = v.id
  left join alerts al on al.visit_id = v.id
  left join next_deadline nd on nd.visit_id = v.id
  left join team tm on tm.visit_id = v.id
  left join companions co on co.visit_id = v.id
  left join children ch on ch.visit_id = v.id
  where v.school_id = $1
)
select coalesce(json_agg(visit order by case status when 'alarm' then 3 when 'red' then 2 when 'amber' then 1 else 0 end desc, starts_at nulls last, id), '[]')::text as board
from board`;

const BOARD_TIMEOUT_MS = 10_000;

/** The board as JSON text (an array of BoardVisit), for the stream and the API to pass on as it is. */
/** `$1` in a statement above bound to the school's id. */
const forSchool = (text: string, schoolId: string) =>
  sql.join(
    text.split("$1").map((part) => sql.raw(part)),
    sql`${schoolId}::uuid`,
  );

export async function onBoardVisitIds(db: Executor, schoolId: string): Promise<Set<string>> {
  return new Set(rowsOf<{ id: string }>(await db.execute(forSchool(ON_BOARD_SQL, schoolId))).map((r) => r.id));
}

export async function officeBoardJson(db: Executor, schoolId: string): Promise<string> {
  const query = forSchool(BOARD_SQL, schoolId);
  // A board that takes longer than this is given up by the database itself, rather than
  // burning a core and holding a connection while the screens have moved on.
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local statement_timeout = '${BOARD_TIMEOUT_MS}ms'`));
    return rowsOf<{ board: string }>(await tx.execute(query))[0]!.board;
  });
}

export async function officeBoard(db: Executor, schoolId: string): Promise<BoardVisit[]> {
  return JSON.parse(await officeBoardJson(db, schoolId)) as BoardVisit[];
}
