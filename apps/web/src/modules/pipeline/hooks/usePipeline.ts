import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Board, Opportunity } from '@stratum/contracts';
import { moveCard } from '../lib/board.ts';
import { pipelineApi } from '../api.ts';
import type { OpportunityListParams, PipelineFilters } from '../api.ts';

export const PIPELINE_KEY = ['pipeline'] as const;
const CUSTOMERS_KEY = ['customers'] as const;

export function usePipelines() {
  return useQuery({
    queryKey: [...PIPELINE_KEY, 'pipelines'],
    queryFn: ({ signal }) => pipelineApi.pipelines(signal),
    staleTime: 60_000,
  });
}

export function useBoard(params: PipelineFilters & { q?: string }, enabled = true) {
  return useQuery({
    queryKey: [...PIPELINE_KEY, 'board', params],
    queryFn: ({ signal }) => pipelineApi.board({ ...params, limit: 100 }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOpportunityList(params: OpportunityListParams, enabled = true) {
  return useQuery({
    queryKey: [...PIPELINE_KEY, 'list', params],
    queryFn: ({ signal }) => pipelineApi.list(params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOpportunity(id: string | null) {
  return useQuery({
    queryKey: [...PIPELINE_KEY, 'detail', id],
    queryFn: ({ signal }) => pipelineApi.get(id!, signal),
    enabled: !!id,
  });
}

export function useFunnel(params: PipelineFilters, enabled = true) {
  return useQuery({
    queryKey: [...PIPELINE_KEY, 'funnel', params],
    queryFn: ({ signal }) => pipelineApi.funnel(params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useForecast(params: PipelineFilters & { months: number }, enabled = true) {
  return useQuery({
    queryKey: [...PIPELINE_KEY, 'forecast', params],
    queryFn: ({ signal }) => pipelineApi.forecast(params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePortrait(params: PipelineFilters, enabled = true) {
  return useQuery({
    queryKey: [...PIPELINE_KEY, 'portrait', params],
    queryFn: ({ signal }) => pipelineApi.portrait(params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** After any deal or pipeline change: the board, lists, dashboards and the customers' figures. */
export function useInvalidatePipeline() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: PIPELINE_KEY });
    void queryClient.invalidateQueries({ queryKey: CUSTOMERS_KEY });
  };
}

/**
 * Moves a card: the board shows it in the new column at once; on failure (409: someone else moved or
 * edited it) the board is reloaded from the server, so it never shows a move that did not happen.
 */
export function useMoveOpportunity(boardKey: unknown[]) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidatePipeline();
  return useMutation({
    mutationFn: ({ o, stageId }: { o: Opportunity; stageId: string }) =>
      pipelineApi.move(o.id, o.version, stageId),
    onMutate: async ({ o, stageId }) => {
      const key = [...PIPELINE_KEY, 'board', ...boardKey];
      await queryClient.cancelQueries({ queryKey: key });
      queryClient.setQueryData<Board>(key, (board) => (board ? moveCard(board, o.id, stageId) : board));
    },
    onSettled: invalidate,
  });
}
