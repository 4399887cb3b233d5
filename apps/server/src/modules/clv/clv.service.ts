import { fitClv, predictClv, type ClvFit, type ClvOptions, type ClvPrediction } from '@stratum/segmentation';
export { ClvDataError, type DiscountPeriod } from '@stratum/segmentation';

import type { Db } from '../../db/client.ts';
import { todayIn, workspaceTimeZone } from '../workspaces/workspaces.repository.ts';
import { clvSummaries, type ClvSummaryRow } from './clv.repository.ts';

export interface ClvFitResult {
  calibrationEnd: string;
  timeZone: string;
  fit: ClvFit;
  summaries: ClvSummaryRow[];
}

export interface ClvPredictionRow extends ClvPrediction {
  customerId: string;
  externalId: string | null;
}

/**
 * Lifetime value (docs/CLV.md): BG/NBD + Gamma-Gamma fitted by maximum likelihood on the workspace's
 * counted orders up to a calibration end day (default: today in the workspace's zone), then per-customer
 * predictions. The fit is computed on demand, in process, from one set-wise summary query.
 */
export const clvService = {
  async fit(db: Db, workspaceId: string, opts: { calibrationEnd?: string } = {}): Promise<ClvFitResult> {
    const timeZone = await workspaceTimeZone(db, workspaceId);
    const calibrationEnd = opts.calibrationEnd ?? todayIn(timeZone);
    const summaries = await clvSummaries(db, workspaceId, calibrationEnd, timeZone);
    return { calibrationEnd, timeZone, fit: fitClv(summaries), summaries };
  },

  async predict(
    db: Db,
    workspaceId: string,
    opts: { calibrationEnd?: string } & ClvOptions,
  ): Promise<ClvFitResult & { predictions: ClvPredictionRow[] }> {
    const fitted = await this.fit(db, workspaceId, opts);
    const predictions = predictClv(fitted.fit, fitted.summaries, opts).map((p, i) => ({
      ...p,
      customerId: fitted.summaries[i]!.customerId,
      externalId: fitted.summaries[i]!.externalId,
    }));
    return { ...fitted, predictions };
  },
};
