// Closing the loop through the built bundle: logging a job interview or an offer names the chain
// of people who led there; the sidebar's getThanksOffer gives each of them their part; Mark as
// sent of their "It worked: thank you" update logs "Update sent" for that person.
import { describe, expect, it } from 'vitest';
import { addOnOnContacts } from '../../../local/bundle.ts';
import { handMadeContacts, toCsv } from '../../../local/generate.ts';
import { BUILD, requireBuild, valueReads } from '../../helpers.ts';
import type { ThanksResult } from '../../../src/shared/history.ts';
import type { LogResult } from '../../../src/shared/types.ts';
import { type App, headerOf, log, logRows, shown } from '../logging/log-world.ts';
import { storyOfAmara } from './history-world.ts';

const MIA = 'Mia <img src=x onerror=alert(1)> =1+1';

type Offer = NonNullable<Extract<ThanksResult, { ok: true }>['offer']>;

function thanks(app: App, id: string): Offer | null {
  const result = app.bundle.run('getThanksOffer', [id]).result as ThanksResult;
  if (!result.ok) throw new Error(result.message);
  expect(result.contactId).toBe(id);
  return result.offer;
}

/** Amara (C-0002) introduced Dana (C-0007), whose interview introduced Mia (C-0008). */
function chainWorld(): App {
  const app = storyOfAmara();
  log(app, 'logInterview', {
    eventId: 'interview-dana-001',
    contactIds: ['C-0007'],
    date: '2026-01-20',
    minutes: 20,
    referrals: [{ name: MIA, email: 'mia@example.com' }],
  });
  return app;
}

describe('closing the loop', () => {
  requireBuild();

  it('logging an offer names the chain "A introduced B, who introduced C" in the result, as data and in words', () => {
    const app = chainWorld();
    const result = log(app, 'logOutcome', { kind: 'offer', eventId: 'offer-mia-000001', contactIds: ['C-0008'], date: '2026-02-10', company: 'Acme' });
    expect(result.chains).toEqual([
      {
        contactId: 'C-0008',
        chain: [
          { id: 'C-0002', name: 'Prof. Amara Obi' },
          { id: 'C-0007', name: 'Dana Scully' },
          { id: 'C-0008', name: MIA },
        ],
        sentence: `Prof. Amara Obi introduced Dana Scully, who introduced ${MIA}`,
      },
    ]);
    expect(result.message).toContain(`How you got here: Prof. Amara Obi introduced Dana Scully, who introduced ${MIA}.`);
    expect(result.message).toContain('“It worked: thank you” update');
    // Retried with the same event ID: nothing new written, the chain said again.
    const again = log(app, 'logOutcome', { kind: 'offer', eventId: 'offer-mia-000001', contactIds: ['C-0008'], date: '2026-02-10', company: 'Acme' });
    expect(again.alreadyLogged).toBe(1);
    expect(again.chains?.[0].sentence).toBe(result.chains?.[0].sentence);
  });

  it('a job interview for someone nobody introduced: no chain sentence, the offer to thank them still said; other events carry no chain', () => {
    const app = chainWorld();
    const result = log(app, 'logOutcome', { kind: 'job_interview', eventId: 'job-amara-000001', contactIds: ['C-0002'], date: '2026-02-10' });
    expect(result.chains).toEqual([{ contactId: 'C-0002', chain: [{ id: 'C-0002', name: 'Prof. Amara Obi' }], sentence: '' }]);
    expect(result.message).not.toContain('How you got here');
    expect(result.message).toContain("Draft a pitch on Prof. Amara Obi's row offers them an “It worked: thank you” update");
    const followUp = log(app, 'logFollowUp', { eventId: 'follow-jordan-001', contactIds: ['C-0001'], date: '2026-02-10' });
    expect(followUp.chains).toBeUndefined();
  });

  it('the sidebar offers nobody before an outcome; after it, each person of the chain with their part and their row; a voided offer withdraws it', () => {
    const app = chainWorld();
    expect(thanks(app, 'C-0008')).toBeNull();
    log(app, 'logOutcome', { kind: 'job_interview', eventId: 'job-mia-00000001', contactIds: ['C-0008'], date: '2026-02-01' });
    const offer = thanks(app, 'C-0008')!;
    expect(offer.outcome).toEqual({ event: 'Job interview', date: '2026-02-01', phrase: 'a job interview' });
    expect(offer.sentence).toBe(`Prof. Amara Obi introduced Dana Scully, who introduced ${MIA}`);
    expect(offer.people.map((p) => [p.id, p.row, p.part])).toEqual([
      ['C-0002', 3, `you introducing me to Dana Scully, who introduced me to ${MIA}`],
      ['C-0007', 9, `you introducing me to ${MIA}`],
      ['C-0008', 10, 'our conversation'],
    ]);
    expect(offer.people[0].contact).toMatchObject({ id: 'C-0002', name: 'Prof. Amara Obi', email: 'a.obi@stateu.example.edu', row: 3 });
    expect(offer.people[2].contact).toMatchObject({ id: 'C-0008', name: MIA, email: 'mia@example.com' });

    log(app, 'logOutcome', { kind: 'offer', eventId: 'offer-mia-000002', contactIds: ['C-0008'], date: '2026-02-20' });
    expect(thanks(app, 'C-0008')!.outcome.phrase).toBe('an offer');
    const voided = app.bundle.run('voidEvent', [{ eventId: 'offer-mia-000002/C-0008', reason: 'wrong person' }]).result as { ok: boolean };
    expect(voided.ok).toBe(true);
    expect(thanks(app, 'C-0008')!.outcome.phrase).toBe('a job interview');
  });

  it('a cycle typed into Referred by does not loop; an ID no longer in the tracker ends the chain', () => {
    const app = chainWorld();
    const referredBy = headerOf(app.sheet).indexOf('Referred by') + 1;
    // Amara "introduced by" Mia: a cycle.
    app.sheet.getRange(3, referredBy).setValue('C-0008');
    log(app, 'logOutcome', { kind: 'offer', eventId: 'offer-mia-000003', contactIds: ['C-0008'], date: '2026-02-10' });
    expect(thanks(app, 'C-0008')!.people.map((p) => p.id)).toEqual(['C-0002', 'C-0007', 'C-0008']);
    app.sheet.getRange(3, referredBy).setValue('C-0099');
    expect(thanks(app, 'C-0008')!.people.map((p) => p.id)).toEqual(['C-0002', 'C-0007', 'C-0008']);
    app.sheet.getRange(9, referredBy).setValue('C-0099');
    expect(thanks(app, 'C-0008')!.people.map((p) => p.id)).toEqual(['C-0007', 'C-0008']);
  });

  it('Mark as sent of each person\'s "It worked" update logs "Update sent" for that person and moves their Last contact', () => {
    const app = chainWorld();
    log(app, 'logOutcome', { kind: 'offer', eventId: 'offer-mia-000004', contactIds: ['C-0008'], date: '2026-02-10' });
    const before = logRows(app).length;
    for (const [i, p] of thanks(app, 'C-0008')!.people.entries()) {
      const sent = app.bundle.run('markMessageSent', [
        { eventId: `sb-thanks-${i}-0000000`, contactId: p.id, purpose: 'update', subject: 'It worked: thank you', templateName: 'It worked: thank you' },
      ]).result as LogResult;
      expect(sent.ok).toBe(true);
    }
    const added = logRows(app).slice(before);
    expect(added.map((r) => [r['Contact ID'], r.Event, r.Details])).toEqual(
      ['C-0002', 'C-0007', 'C-0008'].map((id) => [id, 'Update sent', 'Template: It worked: thank you\nSubject: It worked: thank you']),
    );
    const today = added[0]['Event date'];
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const row of [3, 9, 10]) expect(shown(app, row, 'Last contact')).toBe(today);
  });

  it('getThanksOffer reads each table once: the same calls, by method, at 100 contacts as at 2,000', { timeout: 120_000 }, () => {
    const calls = (contacts: number) => {
      const { bundle } = addOnOnContacts(toCsv(handMadeContacts(contacts)), BUILD, { setUp: true });
      const interview = bundle.run('logInterview', [
        { eventId: 'interview-first-1', contactIds: ['C-0001'], date: '2026-01-05', referrals: [{ name: 'Zoe Quinn' }] },
      ]).result as Extract<LogResult, { ok: true }>;
      const zoe = interview.referrals[0].id;
      bundle.run('logOutcome', [{ kind: 'offer', eventId: 'offer-zoe-000001', contactIds: [zoe], date: '2026-02-01' }]);
      const run = bundle.run('getThanksOffer', [zoe]);
      const result = run.result as ThanksResult;
      expect(result.ok && result.offer?.people.map((p) => p.id)).toEqual(['C-0001', zoe]);
      return run;
    };
    const small = calls(100);
    const large = calls(2000);
    expect(large.byMethod).toEqual(small.byMethod);
    expect(valueReads(small.byMethod)).toBe(2);
  });
});
