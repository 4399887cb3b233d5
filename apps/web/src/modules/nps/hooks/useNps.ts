import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateNpsSurveyBody } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { npsApi, type NpsParams } from '../api.ts';

export const NPS_KEY = ['nps'] as const;
const customerKey = (customerId: string) => [...NPS_KEY, 'customer', customerId] as const;

export function useCustomerSurveys(customerId: string) {
  return useQuery({
    queryKey: customerKey(customerId),
    queryFn: ({ signal }) => npsApi.list(customerId, signal),
  });
}

export function useCreateSurvey(customerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateNpsSurveyBody) => npsApi.create(customerId, body),
    onSuccess: () => client.invalidateQueries({ queryKey: customerKey(customerId) }),
  });
}

export function useRevokeSurvey(customerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (surveyId: string) => npsApi.revoke(customerId, surveyId),
    onSuccess: () => client.invalidateQueries({ queryKey: customerKey(customerId) }),
  });
}

/** Tier names come in the UI language: the language is part of the key. */
export function useNpsResults(params: NpsParams) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...NPS_KEY, 'results', i18n.language, params],
    queryFn: ({ signal }) => npsApi.results(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePublicSurvey(token: string) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...NPS_KEY, 'public', token, i18n.language],
    queryFn: ({ signal }) => npsApi.publicSurvey(token, signal),
    retry: false,
    refetchOnWindowFocus: false,
  });
}
