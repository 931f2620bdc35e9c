// Formula text for each dashboard number. Only functions that Google Sheets and HyperFormula
// compute the same way: COUNTIFS, SUMIFS, MAXIFS, IF, IFERROR, INDEX, MATCH, SMALL, VALUE, MID,
// LEFT, TRIM, N, ISNUMBER, WEEKDAY, TODAY, TEXTJOIN, FILTER, ARRAY_CONSTRAIN, ARRAYFORMULA, ROUND.
// Array expressions are wrapped in ARRAYFORMULA, which Sheets needs and HyperFormula accepts.

import {
  CLOSED_STAGES,
  CONTACT_ID_PREFIX,
  INTERVIEWED_STAGES,
  JOB_INTERVIEW_OUTCOMES,
  NAMES_PER_CELL,
  OFFER_OUTCOME,
  PITCHED_STAGES,
  REPLIED_STAGES,
} from './definitions.ts';
import { str, type Refs } from './refs.ts';

export const DASH = '–';

/** Sum of COUNTIFS over contact rows, one term per stage, each with the extra criteria. */
export function countStages(r: Refs, stages: readonly string[], extra = ''): string {
  return stages.map((s) => `COUNTIFS(${r.isContact},${r.t('stage')},${str(s)}${extra})`).join('+');
}

export const totals = {
  contacts: (r: Refs) => `=COUNTIFS(${r.isContact})`,
  pitched: (r: Refs) => `=${countStages(r, PITCHED_STAGES)}`,
  replied: (r: Refs) => `=${countStages(r, REPLIED_STAGES)}`,
  interviewed: (r: Refs) => `=${countStages(r, INTERVIEWED_STAGES)}`,
  referralsReceived: (r: Refs) => `=COUNTIFS(${r.isContact},${r.t('referredBy')},"<>")`,
  jobInterviews: (r: Refs) => `=${JOB_INTERVIEW_OUTCOMES.map((o) => `COUNTIFS(${r.isContact},${r.t('outcome')},${str(o)})`).join('+')}`,
  offers: (r: Refs) => `=COUNTIFS(${r.isContact},${r.t('outcome')},${str(OFFER_OUTCOME)})`,
};

export function byRelationship(r: Refs, relationship: string): string {
  return `=COUNTIFS(${r.isContact},${r.t('relationship')},${str(relationship)})`;
}

/** count ÷ out of, or a dash when there is nothing to divide by. */
export function rate(count: string, outOf: string): string {
  return `=IF(N(${outOf})=0,${str(DASH)},${count}/${outOf})`;
}

export const conversionCounts = {
  referralsFromInterviews: (r: Refs) => `=${INTERVIEWED_STAGES.map((s) => `SUMIFS(${r.t('referralsGiven')},${r.isContact},${r.t('stage')},${str(s)})`).join('+')}`,
  interviewsWithReferral: (r: Refs) => `=${countStages(r, INTERVIEWED_STAGES, `,${r.t('referralsGiven')},">=1"`)}`,
  referredInterviewed: (r: Refs) => `=${countStages(r, INTERVIEWED_STAGES, `,${r.t('referredBy')},"<>"`)}`,
  interviewedToJobInterview: (r: Refs) => `=${JOB_INTERVIEW_OUTCOMES.map((o) => countStages(r, INTERVIEWED_STAGES, `,${r.t('outcome')},${str(o)}`)).join('+')}`,
  interviewedToOffer: (r: Refs) => `=${countStages(r, INTERVIEWED_STAGES, `,${r.t('outcome')},${str(OFFER_OUTCOME)}`)}`,
};

/** Log rows with Event `word` whose Event date falls in [start, start + 7). 0 while there is no log. */
export function weekCount(r: Refs, word: string | null, start: string): string {
  const event = word === null ? '' : `${r.logEvent},${str(word)},`;
  return `=IFERROR(COUNTIFS(${event}${r.logDate},">="&${start},${r.logDate},"<"&(${start}+7)),0)`;
}

function openStageCriteria(r: Refs): string {
  return CLOSED_STAGES.map((s) => `,${r.t('stage')},${str(`<>${s}`)}`).join('');
}

function openStageMask(r: Refs): string {
  return CLOSED_STAGES.map((s) => `(${r.t('stage')}<>${str(s)})`).join('*');
}

export const followUps = {
  dueToday: (r: Refs, today: string) => `=COUNTIFS(${r.isContact},${r.t('nextFollowUp')},">="&${today},${r.t('nextFollowUp')},"<"&(${today}+1)${openStageCriteria(r)})`,
  overdue: (r: Refs, today: string) => `=COUNTIFS(${r.isContact},${r.t('nextFollowUp')},"<"&${today}${openStageCriteria(r)})`,
  dueTodayNames: (r: Refs, today: string, count: string) =>
    namesList(r, `${r.contactMask}*ISNUMBER(${r.t('nextFollowUp')})*(${r.t('nextFollowUp')}>=${today})*(${r.t('nextFollowUp')}<${today}+1)*${openStageMask(r)}`, count),
  overdueNames: (r: Refs, today: string, count: string) =>
    namesList(r, `${r.contactMask}*ISNUMBER(${r.t('nextFollowUp')})*(${r.t('nextFollowUp')}<${today})*${openStageMask(r)}`, count),
};

/**
 * The names of the tracker rows where `mask` is 1, in tracker order, comma-separated: the first
 * NAMES_PER_CELL, then "and N more" (`count` is how many there are).
 */
export function namesList(r: Refs, mask: string, count: string): string {
  const list = `IFERROR(ARRAYFORMULA(TEXTJOIN(", ",TRUE,ARRAY_CONSTRAIN(FILTER(${r.nameArray},${mask}),${NAMES_PER_CELL},1))),"")`;
  return `=IF(N(${count})=0,"",${list}&IF(${count}>${NAMES_PER_CELL}," and "&(${count}-${NAMES_PER_CELL})&" more",""))`;
}

export const topReferrers = {
  /** The k-th highest distinct Referrals given value (≥ 1) among contacts; "" when there is none. */
  level: (r: Refs, previous: string | null) => {
    const below = previous === null ? '' : `,${r.t('referralsGiven')},"<"&${previous}`;
    const max = `MAXIFS(${r.t('referralsGiven')},${r.isContact},${r.t('referralsGiven')},">=1"${below})`;
    return previous === null ? `=IF(${max}=0,"",${max})` : `=IF(N(${previous})=0,"",IF(${max}=0,"",${max}))`;
  },
  count: (r: Refs, level: string) => `=IF(N(${level})=0,"",COUNTIFS(${r.isContact},${r.t('referralsGiven')},${level}))`,
  names: (r: Refs, level: string, count: string) => namesList(r, `${r.contactMask}*(${r.t('referralsGiven')}=${level})`, count),
};

/** ID numbers of the Referred by links of contact rows (the number in "C-0042"), "" elsewhere. */
function linkNumbers(r: Refs): string {
  const p = str(CONTACT_ID_PREFIX);
  const n = CONTACT_ID_PREFIX.length;
  return `IF(${r.contactMask},IF(LEFT(${r.t('referredBy')},${n})=${p},IFERROR(VALUE(MID(${r.t('referredBy')},${n + 1},20)),""),""),"")`;
}

function idNumber(cell: string): string {
  return `VALUE(MID(${cell},${CONTACT_ID_PREFIX.length + 1},20))`;
}

export const introductions = {
  /**
   * The Referred by text of the next introducer after `previous` (a cell holding the last one's
   * ID), in order of ID number: the smallest linked number above the previous one. "" at the end.
   */
  introducer: (r: Refs, previous: string | null) => {
    const links = linkNumbers(r);
    const after = previous === null ? '0' : idNumber(previous);
    const next = `SMALL(IF(ISNUMBER(${links}),IF(${links}>${after},${links})),1)`;
    const body = `IFERROR(ARRAYFORMULA(INDEX(${r.t('referredBy')},MATCH(${next},${links},0))),"")`;
    return previous === null ? `=${body}` : `=IF(${previous}="","",${body})`;
  },
  name: (r: Refs, id: string) => `=IF(${id}="","",IFERROR(${r.nameAt(`MATCH(${id},${r.t('contactId')},0)`)},"(not in the tracker)"))`,
  introducedBy: (r: Refs, id: string) => {
    const row = `MATCH(${id},${r.t('contactId')},0)`;
    const link = `INDEX(${r.t('referredBy')},${row})`;
    return `=IF(${id}="","",IFERROR(IF(${link}="","",${r.nameAt(`MATCH(${link},${r.t('contactId')},0)`)}),""))`;
  },
  count: (r: Refs, id: string) => `=IF(${id}="","",COUNTIFS(${r.isContact},${r.t('referredBy')},${id}))`,
  names: (r: Refs, id: string, count: string) => namesList(r, `${r.contactMask}*(${r.t('referredBy')}=${id})`, count),
  /** Shown under the list when more people introduced others than it has rows. */
  overflow: (r: Refs, last: string, rows: number) => {
    const links = linkNumbers(r);
    return `=IF(${last}="","",IF(ISNUMBER(IFERROR(ARRAYFORMULA(SMALL(IF(ISNUMBER(${links}),IF(${links}>${idNumber(last)},${links})),1)),"")),${str(`More people introduced others than the ${rows} rows here: choose Build dashboard again to list them all.`)},""))`;
  },
};
