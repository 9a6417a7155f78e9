import { describe, expect, it } from 'vitest';
import { judgeDeployment } from '../../../src/app/data-loss.js';
import { youngUnseen } from '../../../src/feeds/poll-state.js';

const NOW = Date.parse('2026-12-04T12:00:00Z');

describe('judgeDeployment: Redis against the data folder', () => {
  it('starts a new deployment when neither knows one', () => {
    expect(judgeDeployment(undefined, undefined, NOW, 'n1')).toEqual({
      kind: 'new',
      claim: { id: 'n1', createdAt: NOW },
    });
  });

  it('finds the data lost when the folder remembers a deployment Redis no longer holds', () => {
    const lastPollAt = NOW - 60_000;
    expect(judgeDeployment(undefined, { id: 'old', lastPollAt }, NOW, 'n2')).toEqual({
      kind: 'lost',
      claim: { id: 'n2', createdAt: NOW, resyncBefore: lastPollAt },
    });
    // No poll remembered: nothing published before the loss was noticed is alerted.
    const lost = judgeDeployment(undefined, { id: 'old' }, NOW, 'n3');
    expect(lost.kind === 'lost' && lost.claim.resyncBefore).toBe(NOW);
  });

  it('keeps a deployment both know, and adopts one only Redis knows (another host, a first start)', () => {
    const inRedis = { id: 'a', createdAt: 1 };
    expect(judgeDeployment(inRedis, { id: 'a' }, NOW).kind).toBe('same');
    expect(judgeDeployment(inRedis, undefined, NOW).kind).toBe('adopt');
    expect(judgeDeployment(inRedis, { id: 'b' }, NOW).kind).toBe('adopt');
  });
});

describe('youngUnseen in a resync after a data loss', () => {
  const items = [
    { key: 'before', published: new Date(NOW - 7200_000).toISOString() },
    { key: 'after', published: new Date(NOW - 60_000).toISOString() },
    { key: 'undated' },
  ];
  const unseen = [true, true, true];

  it('matches only items published after the last poll before the loss', () => {
    const out = youngUnseen(items, unseen, NOW, 7 * 86_400_000, NOW - 3600_000);
    expect(out.items.map((i) => i.key)).toEqual(['after']);
    expect(out.seenOld).toBe(2);
  });

  it('treats undated items as new outside a resync', () => {
    const out = youngUnseen(items, unseen, NOW, 7 * 86_400_000);
    expect(out.items.map((i) => i.key)).toEqual(['before', 'after', 'undated']);
  });
});
