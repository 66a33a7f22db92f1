import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { seenStatus } from './rules.ts';

export interface ChildWorkEvidence {
  childId: string;
  name: string;
  dateOfBirth: string | null;
  seen: boolean;
  notSeenReason: string | null;
  seenAlone: boolean;
  notSeenAloneReason: string | null;
  sessions: {
    id: string;
    heldOn: string;
    place: string;
    minutes: number;
    tools: string[];
    ownWords: string;
    interpretation: string;
    href: string;
  }[];
  impact: {
    livedExperience: string;
    disputeImpact: string;
    riskImpact: string;
    welfare: Record<string, string>;
    timescales: string;
    href: string;
  } | null;
  diversity: { statement: string; relevant: boolean; href: string } | null;
}

interface EvidenceRow {
  childId: string;
  name: string;
  dateOfBirth: string | null;
  sessions: {
    id: string;
    heldOn: string;
    createdAt: string;
    seen: boolean;
    notSeenReason: string | null;
    seenAlone: boolean;
    notSeenAloneReason: string | null;
    place: string;
    minutes: number;
    tools: string[];
    ownWords: string;
    interpretation: string;
  }[];
  impact: {
    livedExperience: string;
    disputeImpact: string;
    riskImpact: string;
    welfare: Record<string, string>;
    timescales: string;
  } | null;
  diversity: { statement: string; relevant: boolean } | null;
}

/**
 * One entry per subject child of the case, in the case's order (oldest first). `seen` is true
 * when any session saw the child; `seenAlone` when any session saw them alone; the reasons come
 * from the latest session that did not. Sessions oldest first; tool names in the case's language.
 * The caller audits the read (it is part of reading the case).
 */
export async function listChildWorkEvidence(db: Executor, caseId: string): Promise<ChildWorkEvidence[]> {
  const rows = await queryRows<EvidenceRow>(
    db,
    sql`
    SELECT ch.id AS "childId", p.given_names || ' ' || p.family_name AS name, p.date_of_birth AS "dateOfBirth",
      COALESCE((SELECT json_agg(json_build_object('id', s.id, 'heldOn', s.held_on, 'createdAt', s.created_at,
          'seen', s.seen, 'notSeenReason', s.not_seen_reason, 'seenAlone', s.seen_alone,
          'notSeenAloneReason', s.not_seen_alone_reason, 'place', s.place, 'minutes', s.minutes,
          'ownWords', s.own_words, 'interpretation', s.interpretation,
          'tools', ARRAY(SELECT CASE WHEN c.language = 'cy' THEN t.name_cy ELSE t.name END
            FROM direct_work_session_tool st JOIN direct_work_tool t ON t.code = st.tool_code
            WHERE st.session_id = s.id ORDER BY t.sort_order, t.code))
          ORDER BY s.held_on, s.created_at, s.id)
        FROM direct_work_session s WHERE s.child_id = ch.id AND s.case_id = c.id), '[]'::json) AS sessions,
      (SELECT json_build_object('livedExperience', i.lived_experience, 'disputeImpact', i.dispute_impact,
          'riskImpact', i.risk_impact, 'welfare', i.welfare, 'timescales', i.timescales)
        FROM child_impact_analysis i WHERE i.child_id = ch.id AND i.case_id = c.id) AS impact,
      (SELECT json_build_object('statement', d.statement, 'relevant', d.relevant)
        FROM child_diversity d WHERE d.child_id = ch.id AND d.case_id = c.id) AS diversity
    FROM case_record c JOIN case_child ch ON ch.case_id = c.id JOIN person p ON p.id = ch.person_id
    WHERE c.id = ${caseId}
    ORDER BY p.date_of_birth NULLS LAST, p.given_names, ch.id`,
  );
  const base = `/cases/${caseId}/direct-work`;
  return rows.map((r) => {
    const status = seenStatus(r.sessions);
    return {
      childId: r.childId,
      name: r.name,
      dateOfBirth: r.dateOfBirth,
      seen: status.seen,
      notSeenReason: status.notSeenReason,
      seenAlone: status.seenAlone,
      notSeenAloneReason: status.notSeenAloneReason,
      sessions: r.sessions.map((s) => ({
        id: s.id,
        heldOn: s.heldOn,
        place: s.place,
        minutes: s.minutes,
        tools: s.tools,
        ownWords: s.ownWords,
        interpretation: s.interpretation,
        href: `${base}/sessions/${s.id}`,
      })),
      impact: r.impact ? { ...r.impact, href: `${base}/children/${r.childId}/impact` } : null,
      diversity: r.diversity ? { ...r.diversity, href: `${base}/children/${r.childId}/diversity` } : null,
    };
  });
}
