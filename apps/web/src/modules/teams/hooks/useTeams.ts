import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../../app/api/types.ts';
import { teamsApi } from '../api.ts';

export const TEAMS_KEY = ['teams'] as const;

export function useTeamList(params: ListParams, enabled = true) {
  return useQuery({
    queryKey: [...TEAMS_KEY, 'list', params],
    queryFn: ({ signal }) => teamsApi.list(params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Every team (up to the API's page limit), by name: for selects. */
export function useAllTeams(enabled = true) {
  return useTeamList({ page: 1, pageSize: 200, sort: 'name' }, enabled);
}

function useInvalidateTeams() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: TEAMS_KEY });
    // Users show their team's name.
    void queryClient.invalidateQueries({ queryKey: ['users'] });
  };
}

export function useCreateTeam() {
  const invalidate = useInvalidateTeams();
  return useMutation({ mutationFn: teamsApi.create, onSuccess: invalidate });
}

export function useRenameTeam() {
  const invalidate = useInvalidateTeams();
  return useMutation({
    mutationFn: ({ id, version, name }: { id: string; version: number; name: string }) =>
      teamsApi.update(id, { version, name }),
    onSettled: invalidate,
  });
}

export function useDeleteTeam() {
  const invalidate = useInvalidateTeams();
  return useMutation({ mutationFn: teamsApi.remove, onSettled: invalidate });
}
