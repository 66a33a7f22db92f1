import type { Language } from './family.ts';

/**
 * Synthetic texts of the work with a family after the first hearing: a child's own words by
 * age (in English and Welsh), and what advisers write in plans, contact logs, analyses,
 * reports and closing records. Made up, and about no one.
 */

export type AgeGroup = 'baby' | 'young' | 'middle' | 'older';

export function ageGroup(years: number): AgeGroup {
  if (years < 4) return 'baby';
  if (years < 8) return 'young';
  if (years < 12) return 'middle';
  return 'older';
}

/** The age band of a letter to a child (closing module); none under 4. */
export function letterAgeBand(years: number): string | null {
  if (years < 4) return null;
  if (years < 8) return '4-7';
  if (years < 12) return '8-11';
  if (years < 16) return '12-15';
  return '16-17';
}

/** A child's own words, kept as they said them (`{parent}` is Mum or Dad in the child's language). */
export const OWN_WORDS: Record<Language, Record<Exclude<AgeGroup, 'baby'>, readonly string[]>> = {
  en: {
    young: [
      'I like it at Dad’s because we go to the park and he does pancakes.',
      'I want to live with Mummy and see Daddy at the weekend.',
      'When they shout I go in my room and hide under the covers.',
      'My best thing is my rabbit. I want my rabbit to come to both houses.',
      'I don’t like the car when we swap houses. It makes my tummy hurt.',
    ],
    middle: [
      'I want to see my dad more but I don’t want to change schools.',
      'It’s hard when Mum asks me what happens at Dad’s house. I don’t want to be a spy.',
      'I’d like every other weekend at Dad’s and tea on Wednesdays.',
      'I get worried about Mum when I’m not there because she cries a lot.',
      'I just want them to stop arguing about me. It’s not my fault.',
      'My little sister misses Dad more than me, I think she should see him more.',
    ],
    older: [
      'I’m old enough to decide. I want to stay where I am for my GCSEs.',
      'I don’t want to see him at the moment. Maybe later, when I’m ready.',
      'I want to be asked, not told. Nobody listens to what I think.',
      'Living with Mum is fine but I want to stay at Dad’s sometimes without it being a big deal.',
      'I feel like I have to pick a side and I hate it.',
    ],
  },
  cy: {
    young: [
      'Dw i’n hoffi bod yn nhŷ Dad achos ’dan ni’n mynd i’r parc ac mae o’n gwneud crempogau.',
      'Dw i eisiau byw efo Mam a gweld Dad ar y penwythnos.',
      'Pan maen nhw’n gweiddi dw i’n mynd i’n stafell i guddio o dan y flanced.',
      'Fy hoff beth ydy fy nghwningen. Dw i eisiau iddi ddod i’r ddau dŷ.',
    ],
    middle: [
      'Dw i eisiau gweld Dad yn fwy ond dw i ddim eisiau newid ysgol.',
      'Mae’n anodd pan mae Mam yn gofyn beth sy’n digwydd yn nhŷ Dad. Dw i ddim eisiau bod yn sbïwr.',
      'Baswn i’n hoffi bob yn ail benwythnos yn nhŷ Dad a the ar ddydd Mercher.',
      'Dw i jyst eisiau iddyn nhw stopio ffraeo amdana i. Nid fy mai i ydy o.',
    ],
    older: [
      'Dw i’n ddigon hen i benderfynu. Dw i eisiau aros lle ydw i tan ar ôl fy arholiadau TGAU.',
      'Dw i ddim eisiau ei weld o ar hyn o bryd. Efallai wedyn, pan dw i’n barod.',
      'Dw i eisiau i bobl ofyn i mi, nid dweud wrtha i. Does neb yn gwrando arna i.',
      'Dw i’n teimlo fel bod rhaid i mi ddewis ochr a dw i’n casáu hynny.',
    ],
  },
};

export const INTERPRETATIONS: readonly string[] = [
  'The child spoke freely and was consistent with what they told the school. Their wish to keep both relationships is clear.',
  'The child appeared anxious when talking about handovers; their worry seems to come from the adults’ conflict rather than either home.',
  'The child’s views seem their own: they used their own words and examples, not the language of the adults’ dispute.',
  'The child was guarded at first and relaxed once the drawing started; what they drew matches what they said.',
];

export const BABY_OBSERVATIONS: readonly string[] = [
  'Too young to give their views: observed at home, settled and responsive to the parent, meeting milestones.',
  'Observed during contact: the child went to the parent readily and was comforted by them.',
];

export const SESSION_PLACES: readonly string[] = ['School', 'Home', 'Cafcass office', 'Contact centre', 'Video call'];

export const NOT_ALONE_REASONS: readonly string[] = [
  'Too young to be seen alone; seen with the parent present.',
  'The child asked for their older sibling to stay.',
];

export const OBJECTIVES: readonly string[] = [
  'Understand each child’s wishes and feelings about where they live and when they see each parent.',
  'Assess the risk of harm from the allegations of domestic abuse.',
  'Find out whether the children are safe during handovers.',
  'Understand each parent’s capacity to meet the children’s needs.',
  'Gather information from the school and the GP (with consent).',
];

export const MANAGER_DIRECTIONS: readonly string[] = [
  'See each child alone before the report is drafted; speak to the school first.',
  'Prioritise the risk assessment: request the police disclosure and speak to the local authority.',
  'Keep the plan proportionate: two visits to each home and one session with each child.',
];

export const CONTACT_KINDS = ['interview', 'visit', 'call', 'email', 'meeting'] as const;

export const CONTACT_TEXTS: Record<(typeof CONTACT_KINDS)[number], readonly [string, string, string][]> = {
  interview: [
    [
      'The parent described the current arrangements and what they want for the children.',
      'Account consistent with the safeguarding interview; insight into the children’s needs is limited.',
      'Send the parent information about the Separated Parents Information Programme.',
    ],
    [
      'The parent spoke about the allegations and said the children are frightened of the other parent’s temper.',
      'Needs weighing against the police information; no immediate safety concerns.',
      'Ask the police for a disclosure; discuss at supervision.',
    ],
  ],
  visit: [
    [
      'Home visit: the home was warm and clean; the children showed me their bedrooms.',
      'The home meets the children’s needs; the parent was attentive throughout.',
      'Arrange the session with the children at school.',
    ],
    [
      'Visited the other parent’s home, where the children stay at weekends.',
      'Suitable for overnight stays; the new partner was present and engaged well.',
      'None.',
    ],
  ],
  call: [
    [
      'Call with the school’s designated safeguarding lead about attendance and presentation.',
      'Attendance good; no concerns at school.',
      'Record the school’s views in the report.',
    ],
    [
      'Call with the health visitor about the youngest child’s development.',
      'Development on track; no concerns raised.',
      'None.',
    ],
  ],
  email: [
    [
      'E-mail from the respondent’s solicitor asking when the report will be filed.',
      'No analysis needed.',
      'Reply with the filing date set by the court.',
    ],
  ],
  meeting: [
    [
      'Meeting with the local authority social worker about the previous child in need plan.',
      'The earlier concerns were addressed; the family has engaged well since.',
      'Include the history in the risk analysis.',
    ],
  ],
};

export const CONTACT_PLACES: Record<(typeof CONTACT_KINDS)[number], string> = {
  interview: 'Cafcass office',
  visit: 'Family home',
  call: 'Telephone',
  email: 'E-mail',
  meeting: 'Local authority offices',
};

export const LIVED_EXPERIENCE: readonly string[] = [
  'Day to day the child moves between two homes that feel very different; they are settled at school and have close friends.',
  'The child spends most of their time with one parent and misses the other; they worry about upsetting either.',
  'The child has lived with tension between the adults for a long time and has learnt to keep quiet about their feelings.',
];

export const DISPUTE_IMPACT: readonly string[] = [
  'The adults’ dispute has made handovers stressful, and the child feels responsible for keeping the peace.',
  'The child is aware of the proceedings and is anxious about being asked to choose.',
];

export const RISK_IMPACT: readonly string[] = [
  'No direct risk of harm identified; the main risk is continued exposure to conflict.',
  'The allegations of domestic abuse mean the child may have witnessed harm; contact should be safe and supported.',
];

export const TIMESCALES: readonly string[] = [
  'A decision is needed before the start of the school year so the child can settle.',
  'For a young child, months of uncertainty are a long time: the arrangements should be settled promptly.',
];

export const WELFARE_TEXT: Record<string, string> = {
  'wishes-feelings':
    'The child’s wishes are clear and consistent, and should carry weight given their age and understanding.',
  needs: 'Physical, emotional and educational needs are met in both homes.',
  'effect-of-change': 'A change of school or main home would be unsettling.',
  characteristics: 'Age, background and identity considered; nothing requires a different arrangement.',
  harm: 'The risk of harm is from the adults’ conflict rather than from either parent’s care.',
  'parental-capability': 'Both parents can meet the child’s needs, with support to communicate.',
  'court-powers': 'A child arrangements order setting out time with each parent is proportionate.',
};

export const DIVERSITY_ASPECT_TEXT: Record<string, string> = {
  ethnicity: 'White British; no issues raised by either parent.',
  culture: 'Both families share the same cultural background.',
  religion: 'The family is not religious.',
  language: 'English at home and at school.',
  'gender-identity': 'No issues raised.',
  disability: 'No disability or additional needs identified.',
};

export const DIVERSITY_STATEMENTS: Record<'relevant' | 'not-relevant', readonly string[]> = {
  relevant: [
    'The child is bilingual in Welsh and English: their education in Welsh should continue whatever the arrangements.',
    'The child has additional learning needs; any arrangement must keep the support at school.',
  ],
  'not-relevant': [
    'Each aspect was considered with the child and both parents; none bears on the arrangements the court is deciding.',
  ],
};

export const REPORT_SECTIONS = {
  background:
    'The application concerns the arrangements for the children after their parents separated. The FHDRA directed this report.',
  welfare: 'Each part of the welfare checklist is considered below for each child.',
  risk: 'Police and local-authority information, and what the parents told me, are weighed in the risk analysis.',
  analysis:
    'Both parents love the children. The children want time with each parent and an end to the arguments about them.',
  recommendation:
    'I recommend a child arrangements order: the children live with their mother and spend alternate weekends and one evening a week with their father.',
  signposting: 'Both parents were given information about mediation and the Separated Parents Information Programme.',
} as const;

export const REVIEW_COMMENTS: readonly string[] = [
  'Please quote the children’s own words in the wishes and feelings section and link the analysis to the risk.',
  'The recommendation needs to say how handovers will be kept safe.',
];

export const CLOSING_SUMMARIES: readonly string[] = [
  'Proceedings concluded with a final child arrangements order. The children were told of the outcome in a letter; the parents were sent the feedback invitation.',
  'The court made the order we recommended. Both parents were signposted to support; the case is ready to close.',
  'The final order differs in part from our recommendation; the children’s letters explain the decision.',
];

export const REFLECTS_EXPLANATIONS: readonly string[] = [
  'The court ordered more time with the father than we recommended, after hearing evidence at the final hearing.',
  'The court did not make the prohibited steps order we recommended.',
];

/** A short letter to a child about the court's decision, in their language. */
export function childLetterBody(language: Language, name: string, band: string): string {
  if (language === 'cy')
    return band === '4-7'
      ? `Annwyl ${name},\n\nMae’r barnwr wedi penderfynu lle byddi di’n byw a phryd byddi di’n gweld Mam a Dad. Mae’r ddau ohonyn nhw’n dy garu di.\n\nGyda chofion,`
      : `Annwyl ${name},\n\nDiolch am siarad efo fi. Gwrandawodd y barnwr ar beth ddywedaist ti ac mae wedi gwneud penderfyniad am lle byddi di’n byw a phryd byddi di’n gweld pob rhiant. Os oes gen ti gwestiynau, gofynna i dy riant neu i mi.\n\nGyda chofion,`;
  return band === '4-7'
    ? `Dear ${name},\n\nThe judge has decided where you will live and when you will see Mum and Dad. They both love you very much.\n\nBest wishes,`
    : `Dear ${name},\n\nThank you for talking to me. The judge listened to what you said and has made a decision about where you will live and when you will see each parent. If you have questions, you can ask your parent or me.\n\nBest wishes,`;
}
