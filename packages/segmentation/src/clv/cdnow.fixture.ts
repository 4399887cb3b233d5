// Reads the CDNOW 1/10 sample (raw purchase log) used by Fader, Hardie & Lee; see
// ../shared/datasets/cdnow/README.md next to the repository (or $STRATUM_DATASETS/cdnow).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClvPurchase } from './summary.ts';

export const datasetsDir =
  process.env.STRATUM_DATASETS ?? join(import.meta.dirname, '../../../../../shared/datasets');

/** `master_id sample_id YYYYMMDD n_cds dollar_value` → one purchase per row, keyed by sample_id. */
export function readCdnowSample(file = join(datasetsDir, 'cdnow/CDNOW_sample.txt')): ClvPurchase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, id, d, , amount] = line.trim().split(/\s+/);
      return {
        customer: id!,
        day: `${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)}`,
        amount: Number(amount),
      };
    });
}

/** The published calibration summary `ID,frequency,recency,T` (used only to check our conventions). */
export function readCdnowSummary(file = join(datasetsDir, 'cdnow/cdnow_customers_summary.csv')) {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [id, x, tx, T] = line.split(',').map(Number);
      return { id: id!, x: x!, tx: tx!, T: T! };
    });
}
