import { describe, expect, it } from 'vitest';
import type { Board, Opportunity, PipelineStage } from '@stratum/contracts';
import { formatRate, moveCard, sumMoney } from './board.ts';

const stage = (id: string, probability: number, kind: PipelineStage['kind'] = 'open'): PipelineStage => ({
  id,
  name: id,
  kind,
  probability,
  position: 0,
});
const card = (id: string, stageId: string, amount: string, weightedAmount: string) =>
  ({ id, stageId, amount, weightedAmount, version: 1 }) as Opportunity;

describe('moveCard', () => {
  const board = {
    pipeline: {} as Board['pipeline'],
    columns: [
      {
        stage: stage('a', 10),
        totals: { count: 2, amount: '300.10', weightedAmount: '30.01' },
        items: [card('1', 'a', '100.05', '10.01'), card('2', 'a', '200.05', '20.00')],
      },
      { stage: stage('b', 25), totals: { count: 0, amount: '0.00', weightedAmount: '0.00' }, items: [] },
    ],
  } satisfies Board;

  it('moves the card and its money between the columns, weighting it by the new stage', () => {
    const next = moveCard(board, '1', 'b');
    expect(next.columns[0]!.items.map((o) => o.id)).toEqual(['2']);
    expect(next.columns[0]!.totals).toEqual({ count: 1, amount: '200.05', weightedAmount: '20.00' });
    expect(next.columns[1]!.items[0]).toMatchObject({ id: '1', stageId: 'b', weightedAmount: '25.01' });
    expect(next.columns[1]!.totals).toEqual({ count: 1, amount: '100.05', weightedAmount: '25.01' });
  });

  it('leaves the board alone for an unknown card or the same column', () => {
    expect(moveCard(board, 'x', 'b')).toBe(board);
    expect(moveCard(board, '1', 'a')).toBe(board);
  });
});

describe('formatting', () => {
  it('sums money exactly and formats rates', () => {
    expect(sumMoney(['0.10', '0.20', '1234567890.99'])).toBe('1234567891.29');
    expect(sumMoney([])).toBe('0.00');
    expect(formatRate(0.6667, 'en')).toBe('66.7%');
    expect(formatRate(null, 'en')).toBe('—');
  });
});
