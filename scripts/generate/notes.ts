import type { Law } from './family.ts';
import type { Random } from './random.ts';

/** The work stages of a case, also its status values (locales status.*). */
export type Stage =
  | 'received'
  | 'screening'
  | 'safeguarding-checks'
  | 'awaiting-first-hearing'
  | 'awaiting-allocation'
  | 'allocated'
  | 'reporting'
  | 'report-filed'
  | 'closing'
  | 'closed';

/** Case notes a worker might write at each stage. `{child}` is replaced by a child's first name. */
const NOTES: Record<Exclude<Stage, 'closed'>, readonly string[]> = {
  received: [
    'Application received from the court and checked against the court file.',
    'Court order and directions added to the case file.',
    'C1A form received with the application: allegations of harm noted.',
    'Duplicate application check completed: no other open case for this family.',
  ],
  screening: [
    'Screening started: application, C1A and court directions reviewed.',
    'Screening: previous proceedings found for this family; earlier case file requested.',
    'Screening completed: safeguarding enquiries needed before the first hearing.',
    'Urgent screening: risk indicators in the application, referred to the duty manager.',
  ],
  'safeguarding-checks': [
    'Police national computer check requested.',
    'Police check returned: no relevant information held.',
    'Police check returned: call-outs to the family home recorded, summary added to the file.',
    'Local authority check requested.',
    'Local authority check returned: no current involvement.',
    'Local authority check returned: previous child in need plan, now closed.',
    'Local authority check chased: no reply after five working days.',
    'Safeguarding telephone interview with the applicant completed.',
    'Safeguarding telephone interview with the respondent completed.',
    'Voicemail left for the respondent; second attempt arranged for tomorrow.',
    'Interpreter booked for the safeguarding interview.',
    'Text message sent to confirm the time of the telephone interview.',
  ],
  'awaiting-first-hearing': [
    'Safeguarding letter filed with the court and sent to the parties.',
    'Safeguarding letter: recommends a section 7 report on {child}’s arrangements.',
    'Court asked for an update on the local authority check before the hearing.',
    'Duty officer briefed for the first hearing.',
  ],
  'awaiting-allocation': [
    'Section 7 report ordered at the first hearing; case awaiting allocation.',
    'Case discussed at the allocation meeting.',
    'Report due date noted; allocation prioritised.',
  ],
  allocated: [
    'Introductory letter sent to the parties.',
    'Home visit: saw {child} at home.',
    'Spoke to {child} at school; wishes and feelings recorded.',
    'Telephone call with the applicant about the arrangements.',
    'Telephone call with the respondent about the arrangements.',
    'Email from the respondent’s solicitor about spending time with the children.',
    'Observed {child} spending time with their father at the contact centre.',
    'Consent received to contact the school and the GP.',
    'Information requested from the health visitor (with consent).',
    'School report received: attendance good, no concerns raised.',
    'Supervision: case discussed with the service manager.',
    'Direct work with {child} using the three houses tool.',
    'Letter to {child} explaining what happens next.',
    'Hearing adjourned; new date set by the court.',
  ],
  reporting: [
    'Report drafting started.',
    'Draft report sent to the service manager for review.',
    'Management review of the report completed; minor changes made.',
    'Analysis of {child}’s wishes and feelings added to the draft report.',
    'Welfare checklist section of the report drafted.',
    'Final visit to {child} before the report is filed.',
  ],
  'report-filed': [
    'Report shared with the parties ahead of the hearing.',
    'Feedback given to {child} on what the report says.',
    'Respondent’s solicitor asked for clarification of a recommendation; reply sent.',
    'Applicant unhappy with the recommendation; told they can raise it at the hearing.',
    'Preparing to give evidence at the hearing.',
    'Hearing adjourned; new date set by the court.',
  ],
  closing: [
    'Final order received from the court and added to the file.',
    'Attended the final hearing; recommendations accepted by the court.',
    'Closing summary drafted.',
    'Letter to {child} explaining the court’s decision written.',
    'Feedback invitation sent to the parties.',
  ],
};

const PUBLIC_NOTES: readonly string[] = [
  'Reviewed the local authority’s care plan and the social work evidence.',
  'Met {child} at the foster placement.',
  'Visited {child} at the kinship placement with the grandparents.',
  'Discussed the case with the child’s solicitor.',
  'Advocates’ meeting attended.',
  'Case management hearing attended; timetable for the child agreed.',
  'Issues resolution hearing: position statement filed.',
  'Looked-after child review attended with the independent reviewing officer.',
  'Parenting assessment received and read.',
  'Spoke to {child}’s social worker about family time arrangements.',
  'Initial analysis filed with the court.',
];

const ADOPTION_NOTES: readonly string[] = [
  'Met the birth mother to explain the placement order application.',
  'Consent to adoption witnessed as reporting officer.',
  'Read the child’s permanence report.',
  'Visited {child} with the prospective adopters.',
  'Spoke to the adoption agency social worker.',
];

export const CLOSING_NOTES: Record<string, readonly string[]> = {
  'first-hearing': [
    'First hearing: the parents reached agreement; no further work ordered. Case closed.',
    'First hearing: child arrangements order made by consent. Our involvement has ended.',
  ],
  final: [
    'Final hearing: order made in line with our recommendations. Case closed.',
    'Proceedings concluded: final order made. Our involvement has ended.',
  ],
  withdrawn: ['Application withdrawn with the court’s permission. Case closed.'],
};

/** A note for the given stage, with a child's name where the note is about a child. */
export function noteText(
  random: Random,
  law: Law,
  stage: Exclude<Stage, 'closed'>,
  childName: string,
): { text: string; aboutChild: boolean } {
  let list = NOTES[stage];
  if (stage === 'allocated' || stage === 'reporting' || stage === 'report-filed' || stage === 'closing') {
    if (law === 'public' && random.chance(0.6)) list = PUBLIC_NOTES;
    else if (law === 'adoption' && random.chance(0.6)) list = ADOPTION_NOTES;
  }
  const template = random.pick(list);
  const aboutChild = template.includes('{child}');
  return { text: aboutChild ? template.replace('{child}', childName) : template, aboutChild };
}

export const EMERGENCY_REASONS: readonly string[] = [
  'Duty cover: the allocated worker is on leave and the school called with a concern.',
  'Urgent call from the police about the family out of hours.',
  'Covering a hearing today at short notice for a colleague.',
];
