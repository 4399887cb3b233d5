import type { RfmSummary } from '@stratum/contracts';
import { api } from '../../app/api/client.ts';

export const segmentationApi = {
  /** The RFM dashboard as of a calendar day (default: today in the workspace's zone). */
  rfm: (asOf: string | undefined, signal?: AbortSignal) =>
    api.get<RfmSummary>('/segmentation/rfm', { asOf }, signal),
};
