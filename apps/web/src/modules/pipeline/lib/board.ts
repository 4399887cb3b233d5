import type { Board, Opportunity } from '@stratum/contracts';

/** The board with one card moved to another column (totals adjusted), as the server will have it. */
export function moveCard(board: Board, id: string, stageId: string): Board {
  const card = board.columns.flatMap((c) => c.items).find((o) => o.id === id);
  const target = board.columns.find((c) => c.stage.id === stageId);
  if (!card || !target || card.stageId === stageId) return board;
  const cents = (s: string) => BigInt(s.replace('.', ''));
  const money = (c: bigint) => {
    const neg = c < 0n;
    const s = (neg ? -c : c).toString().padStart(3, '0');
    return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
  };
  const weighted = (amount: string, p: number) => money((cents(amount) * BigInt(p) + 50n) / 100n);
  const moved: Opportunity = {
    ...card,
    stageId,
    stageName: target.stage.name,
    probability: target.stage.probability,
    status: target.stage.kind,
    weightedAmount: weighted(card.amount, target.stage.probability),
  };
  return {
    ...board,
    columns: board.columns.map((col) => {
      if (col.stage.id === card.stageId) {
        return {
          ...col,
          items: col.items.filter((o) => o.id !== id),
          totals: {
            count: col.totals.count - 1,
            amount: money(cents(col.totals.amount) - cents(card.amount)),
            weightedAmount: money(cents(col.totals.weightedAmount) - cents(card.weightedAmount)),
          },
        };
      }
      if (col.stage.id === stageId) {
        return {
          ...col,
          items: [moved, ...col.items],
          totals: {
            count: col.totals.count + 1,
            amount: money(cents(col.totals.amount) + cents(card.amount)),
            weightedAmount: money(cents(col.totals.weightedAmount) + cents(moved.weightedAmount)),
          },
        };
      }
      return col;
    }),
  };
}

/** `count` deals, `amount` as exact cents: the sum of decimal strings without floats. */
export function sumMoney(values: readonly string[]): string {
  let total = 0n;
  for (const v of values) total += BigInt(v.replace('.', ''));
  const neg = total < 0n;
  const s = (neg ? -total : total).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** A ratio (0.6667) as a percentage with one decimal ("66.7%"); a dash for null. */
export function formatRate(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** Money as a short figure for chart axes and column headers: ¥1.2万 / ¥12.5k. */
export function formatCompactMoney(value: string | number, locale: string): string {
  const n = typeof value === 'number' ? value : Number(value);
  return `¥${new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(n)}`;
}
