import { describe, expect, it } from 'vitest';
import {
  OUTCOMES,
  RELATIONSHIPS,
  STAGES,
  TRACKER_COLUMNS,
  TRACKER_KEYS,
  advanceStage,
  canonicalStage,
  canMoveTo,
  canonicalValue,
  isExitStage,
  stageIndex,
  trackerColumn,
} from '../../../src/core/tracker/schema.ts';

describe('tracker columns', () => {
  it('lists the eleven columns in order with stable keys', () => {
    expect(TRACKER_COLUMNS.map((c) => c.header)).toEqual([
      'Contact ID',
      'Relationship',
      'Referred by',
      'Stage',
      'Last contact',
      'Next follow-up',
      'Interview date',
      'Thank-you sent',
      'Referrals given',
      'Outcome',
      'Notes for coach',
    ]);
    expect(TRACKER_KEYS).toEqual([
      'contactId',
      'relationship',
      'referredBy',
      'stage',
      'lastContact',
      'nextFollowUp',
      'interviewDate',
      'thankYouSent',
      'referralsGiven',
      'outcome',
      'notesForCoach',
    ]);
  });

  it('gives list columns their values and date columns the date kind', () => {
    expect(trackerColumn('relationship').values).toBe(RELATIONSHIPS);
    expect(trackerColumn('stage').values).toBe(STAGES);
    expect(trackerColumn('outcome').values).toBe(OUTCOMES);
    expect(TRACKER_COLUMNS.filter((c) => c.kind === 'date').map((c) => c.key)).toEqual(['lastContact', 'nextFollowUp', 'interviewDate', 'thankYouSent']);
    expect(trackerColumn('referralsGiven').kind).toBe('number');
    expect(RELATIONSHIPS).toContain('LinkedIn');
    expect(OUTCOMES).toEqual(['Job interview', 'Offer']);
  });

  it('finds allowed values whatever their case', () => {
    expect(canonicalValue(RELATIONSHIPS, ' linkedin ')).toBe('LinkedIn');
    expect(canonicalValue(RELATIONSHIPS, 'enemy')).toBeNull();
  });
});

describe('stages', () => {
  it('numbers stages in order, case-insensitively', () => {
    expect(stageIndex('To contact')).toBe(0);
    expect(stageIndex('thanked')).toBe(5);
    expect(stageIndex('No response')).toBe(7);
    expect(stageIndex('')).toBe(-1);
    expect(stageIndex('Hired')).toBe(-1);
    expect(isExitStage('declined')).toBe(true);
    expect(isExitStage('Scheduled')).toBe(false);
  });

  it('moves forward along the main path, never backwards', () => {
    expect(canMoveTo('To contact', 'Pitched')).toBe(true);
    expect(canMoveTo('Pitched', 'Scheduled')).toBe(true);
    expect(canMoveTo('Interviewed', 'Pitched')).toBe(false);
    expect(canMoveTo('Thanked', 'Interviewed')).toBe(false);
    expect(canMoveTo('Scheduled', 'Scheduled')).toBe(false);
  });

  it('reaches the exits only from sensible stages', () => {
    expect(canMoveTo('Pitched', 'No response')).toBe(true);
    expect(canMoveTo('To contact', 'No response')).toBe(false);
    expect(canMoveTo('Scheduled', 'Declined')).toBe(true);
    expect(canMoveTo('Thanked', 'Declined')).toBe(false);
  });

  it('leaves Declined never, and No response only on a late reply', () => {
    expect(canMoveTo('Declined', 'Pitched')).toBe(false);
    expect(canMoveTo('Declined', 'Thanked')).toBe(false);
    expect(canMoveTo('No response', 'Scheduled')).toBe(true);
    expect(canMoveTo('No response', 'Declined')).toBe(true);
    expect(canMoveTo('No response', 'Followed up')).toBe(false);
  });

  it('treats an empty or unknown current stage as movable, and an unknown target as not', () => {
    expect(canMoveTo('', 'Interviewed')).toBe(true);
    expect(canMoveTo('Waiting', 'Pitched')).toBe(true);
    expect(canMoveTo('Pitched', 'Hired')).toBe(false);
  });

  it('keeps the current stage when a proposed move would go backwards', () => {
    expect(advanceStage('Interviewed', 'Pitched')).toBe('Interviewed');
    expect(advanceStage('Pitched', 'Followed up')).toBe('Followed up');
    expect(advanceStage('', 'Pitched')).toBe('Pitched');
    // The stage kept is the stage's own spelling, whatever the cell's case.
    expect(advanceStage('interviewed', 'Pitched')).toBe('Interviewed');
    expect(advanceStage('Waiting', 'Hired' as never)).toBe('Waiting');
  });

  it('canonicalStage: a stage in any case and spacing, other text as it is', () => {
    expect(canonicalStage(' no RESPONSE ')).toBe('No response');
    expect(canonicalStage('Waiting')).toBe('Waiting');
    expect(canonicalStage('')).toBe('');
  });
});
