import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';

export interface OverviewSession {
  id: string;
  heldOn: string;
  createdAt: string;
  seen: boolean;
  notSeenReason: string | null;
  seenAlone: boolean;
  notSeenAloneReason: string | null;
  place: string;
  minutes: number;
  ownWords: string;
  interpretation: string;
  tools: { name: string; nameCy: string }[];
}

export interface OverviewChild {
  id: string;
  name: string;
  dateOfBirth: string | null;
  gender: string | null;
  sessions: OverviewSession[];
  impact: { updatedAt: string; updatedByName: string | null; version: number } | null;
  diversity: { relevant: boolean; statement: string; updatedAt: string } | null;
}

/** The subject children of a case with their sessions (latest first), analysis and diversity. */
export async function getOverviewChildren(tx: Executor, caseId: string): Promise<OverviewChild[]> {
  return queryRows<OverviewChild>(
    tx,
    sql`
    SELECT ch.id, p.given_names || ' ' || p.family_name AS name, p.date_of_birth AS "dateOfBirth", ch.gender,
      COALESCE((SELECT json_agg(json_build_object('id', s.id, 'heldOn', s.held_on, 'createdAt', s.created_at,
          'seen', s.seen, 'notSeenReason', s.not_seen_reason, 'seenAlone', s.seen_alone,
          'notSeenAloneReason', s.not_seen_alone_reason, 'place', s.place, 'minutes', s.minutes,
          'ownWords', s.own_words, 'interpretation', s.interpretation,
          'tools', COALESCE((SELECT json_agg(json_build_object('name', t.name, 'nameCy', t.name_cy)
              ORDER BY t.sort_order, t.code)
            FROM direct_work_session_tool st JOIN direct_work_tool t ON t.code = st.tool_code
            WHERE st.session_id = s.id), '[]'::json))
          ORDER BY s.held_on DESC, s.created_at DESC, s.id)
        FROM direct_work_session s WHERE s.child_id = ch.id AND s.case_id = ch.case_id), '[]'::json) AS sessions,
      (SELECT json_build_object('updatedAt', i.updated_at, 'updatedByName', u.display_name, 'version', i.version)
        FROM child_impact_analysis i LEFT JOIN user_account u ON u.id = COALESCE(i.updated_by, i.created_by)
        WHERE i.child_id = ch.id AND i.case_id = ch.case_id) AS impact,
      (SELECT json_build_object('relevant', d.relevant, 'statement', d.statement, 'updatedAt', d.updated_at)
        FROM child_diversity d WHERE d.child_id = ch.id AND d.case_id = ch.case_id) AS diversity
    FROM case_child ch JOIN person p ON p.id = ch.person_id
    WHERE ch.case_id = ${caseId}
    ORDER BY p.date_of_birth NULLS LAST, p.given_names, ch.id`,
  );
}

/** One subject child of the case (name and date of birth), or null when not of this case. */
export async function getCaseChild(
  tx: Executor,
  caseId: string,
  childId: string,
): Promise<{ id: string; name: string; dateOfBirth: string | null } | null> {
  const [row] = await queryRows<{ id: string; name: string; dateOfBirth: string | null }>(
    tx,
    sql`SELECT ch.id, p.given_names || ' ' || p.family_name AS name, p.date_of_birth AS "dateOfBirth"
      FROM case_child ch JOIN person p ON p.id = ch.person_id WHERE ch.id = ${childId} AND ch.case_id = ${caseId}`,
  );
  return row ?? null;
}
